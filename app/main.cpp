// sepconv-lab: the desktop app. The frame loop: poll input, upload what changed, build
// the UI (views edit AppState), apply the changes (start or cancel jobs), render, swap.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <new>
#include <vector>

#include "animation_range.h"
#include "animation_script.h"
#include "app_state.h"
#include "asset_dirs.h"
#include "background_priority.h"
#include "display_tiles.h"
#include "error.h"
#include "export_job.h"
#include "image_io.h"
#include "imgui.h"
#include "lesson_player.h"
#include "platform/file_dialog.h"
#include "platform/options.h"
#include "platform/settings.h"
#include "platform/window.h"
#include "render/animation_recorder.h"
#include "render/renderer.h"
#include "views.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

// Set by SIGINT/SIGTERM so Ctrl+C in a terminal closes the window normally (and the
// settings are saved); the frame loop wakes at least twice a second to see it.
volatile std::sig_atomic_t g_stop_signal = 0;
extern "C" void OnStopSignal(int) {
  g_stop_signal = 1;
}

// Bundled sample images (lessons are found the same way, lesson_player.h).
std::vector<std::string> FindSamples() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const std::string& dir : AssetDirs()) {
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string ext = entry.path().extension().string();
      if (ext == ".png" || ext == ".jpg") out.push_back(entry.path().string());
    }
    if (!out.empty()) break;
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Returns "" or why the screenshot could not be written.
std::string WriteScreenshot(const std::string& path, int w, int h, AppState& state) {
  const std::vector<uint8_t> rgba = Renderer::ReadFramebuffer(w, h);
  Tensor chw({3, h, w});
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      for (int c = 0; c < 3; ++c) {
        chw.at(c, y, x) = float(rgba[(size_t(y) * size_t(w) + size_t(x)) * 4 + size_t(c)]) / 255.0f;
      }
    }
  }
  try {
    write_png(path, chw);
    state.job.message = "screenshot saved: " + path;
  } catch (const std::exception& e) {
    state.banner = Banner{std::string("Could not save the screenshot: ") + e.what(), true};
    return state.banner.text;
  }
  return "";
}

// Frame times of the loop's own work (waiting for events excluded), for --stats-json.
struct FrameStats {
  std::vector<double> all_ms, computing_ms;  // every frame; frames while a job ran
  double first_result_s = -1;                // from start to the first full result
};

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
  return v[v.size() / 2];
}

double Worst(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

// Measurements of a scripted run (bench/README.md, tests): frame times, the time to the
// first result and the renderer's texture bytes against their bound.
void WriteStats(const std::string& path, const FrameStats& f, const Renderer& renderer,
                const AppState& state) {
  std::ofstream out(path);
  const JobResult* r = state.result.get();
  out << "{\n  \"frames\": " << f.all_ms.size() << ",\n  \"frame_ms_median\": " << Median(f.all_ms)
      << ",\n  \"frame_ms_worst\": " << Worst(f.all_ms)
      << ",\n  \"frames_while_computing\": " << f.computing_ms.size()
      << ",\n  \"computing_frame_ms_median\": " << Median(f.computing_ms)
      << ",\n  \"computing_frame_ms_worst\": " << Worst(f.computing_ms)
      << ",\n  \"first_result_seconds\": " << f.first_result_s
      << ",\n  \"texture_bytes\": " << renderer.TextureBytes()
      << ",\n  \"peak_texture_bytes\": " << renderer.PeakTextureBytes()
      << ",\n  \"texture_bound_bytes\": " << Renderer::TextureBoundBytes()
      << ",\n  \"work_height\": " << (r ? r->work.h : 0)
      << ",\n  \"work_width\": " << (r ? r->work.w : 0) << "\n}\n";
}

void WriteLayout(const std::string& path, const AppState& state) {
  std::ofstream out(path);
  out << "{\n";
  for (size_t i = 0; i < state.layout.size(); ++i) {
    const LayoutRect& r = state.layout[i];
    out << "  \"" << r.name << "\": [" << r.x << ", " << r.y << ", " << r.w << ", " << r.h << "]"
        << (i + 1 < state.layout.size() ? ",\n" : "\n");
  }
  out << "}\n";
}

std::string TimestampedName() {
  const std::time_t now = std::time(nullptr);
  char buf[64];
  std::strftime(buf, sizeof buf, "sepconv-lab-%Y%m%d-%H%M%S.png", std::localtime(&now));
  return buf;
}

// Keyboard shortcuts (GLFW key codes through ImGui's key state).
void HandleShortcuts(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool ctrl = io.KeyCtrl;
  const bool was_blank = state.lesson.blanked;
  HandleLessonKeys(state);
  if (was_blank) return;
  // F5 starts a presentation, as in slide software (and the clickers made for it).
  if (ImGui::IsKeyPressed(GLFW_KEY_F5, false) && !state.presenting && !io.WantTextInput)
    state.requests.toggle_presentation = true;
  if (ctrl && ImGui::IsKeyPressed(GLFW_KEY_O, false)) state.requests.open_dialog = true;
  if (ctrl && ImGui::IsKeyPressed(GLFW_KEY_S, false)) state.requests.screenshot = true;
  if (ctrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) state.requests.quit = true;
  if (ctrl &&
      (ImGui::IsKeyPressed(GLFW_KEY_EQUAL, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD, false))) {
    state.ui_scale = std::min(state.ui_scale + 0.25f, 3.0f);
    state.ui_scale_changed = true;
  }
  if (ctrl && (ImGui::IsKeyPressed(GLFW_KEY_MINUS, false) ||
               ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT, false))) {
    state.ui_scale = std::max(state.ui_scale - 0.25f, 0.75f);
    state.ui_scale_changed = true;
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_F11, false)) state.requests.toggle_fullscreen = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) state.show_help = !state.show_help;
  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false) && !io.WantTextInput) {
    if (state.job.running)
      state.requests.cancel_job = true;
    else if (state.viewer.open)
      state.viewer.open = false;
    else if (state.presenting)
      state.requests.toggle_presentation = true;
  }
}

// Where the copied command line's hand-edited weights go: the user's data folder, one
// name per copy, so a command pasted later still finds its files.
fs::path CommandWeightsFolder() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  const fs::path base =
      xdg && *xdg ? fs::path(xdg) : fs::path(home ? home : "/tmp") / ".local/share";
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  // A new folder per copy, even two in one second: create_directory says whether it
  // made it.
  const fs::path parent = base / "sepconv-lab" / "commands";
  std::error_code ec;
  fs::create_directories(parent, ec);
  for (int n = 0;; ++n) {
    const fs::path dir = parent / (std::string(stamp) + (n ? "-" + std::to_string(n) : ""));
    if (fs::create_directory(dir, ec) || n > 1000) return dir;
  }
}

AnimationNow AnimationNowOf(const ViewContext& ctx) {
  const AnimationModel& m = ctx.animation.model;
  return AnimationNow{m.clock, m.playing, m.speed};
}

// The lesson requests that need the platform: full screen and the clipboard.
void HandlePlatformLessonRequests(AppState& state, const ViewContext& ctx, bool scripted,
                                  Window& window) {
  Requests& r = state.requests;
  if (r.toggle_presentation) {
    state.presenting = !state.presenting;
    // A presentation fills the screen; scripted runs keep their --size.
    if (!scripted && state.presenting != window.Fullscreen()) window.ToggleFullscreen();
  }
  r.toggle_presentation = false;
  if (r.copy_command) {
    r.copy_command = false;
    try {
      const std::string stem = (CommandWeightsFolder() / "edited").string();
      const std::string cmd = CommandLineFor(state, AnimationNowOf(ctx), stem);
      ImGui::SetClipboardText(cmd.c_str());
      state.job.message = "copied: " + cmd;
    } catch (const Error& e) {
      state.banner = Banner{std::string("Could not copy the command line: ") + e.what(), true};
    }
  }
}

// File > Export animation's request from the dialog (or the scripted run): starts the
// recorder, or says why not. `scripted`: --export-animation, whose run then ends.
void StartRequestedRecording(AppState& state, ViewContext& ctx, AnimationRecorder& recorder,
                             bool scripted, bool* script_done) {
  if (ctx.animation_export.start) {
    ctx.animation_export.start = false;
    const std::string why = recorder.Start(ctx.animation_export, state, ctx, ctx.base_font_size);
    if (!why.empty()) {
      state.banner = Banner{"Could not export the animation: " + why, true};
      if (scripted) *script_done = true;
    } else {
      state.job.message = "recording the animation into " + ctx.animation_export.path + " ...";
    }
  }
  if (state.requests.cancel_recording) recorder.Cancel();
  state.requests.cancel_recording = false;
}

// After the window's frame: stops a recording whose picture changed under it, else draws
// its next frames; then what the status bar shows.
void PumpRecording(AppState& state, const ViewContext& ctx, AnimationRecorder& recorder) {
  if (recorder.Running()) {
    if (const std::string stale = recorder.StaleReason(state, ctx.textures); !stale.empty()) {
      recorder.Cancel();
      state.banner = Banner{"The animation export stopped: " + stale +
                                " while it was recording. Nothing was written; export again.",
                            true};
    } else {
      // As much as fits in 12 ms of this frame (at least one export frame); scripted runs
      // record at the same pace, so their frame times are what a user gets.
      recorder.Pump(12.0);
    }
  }
  state.recording.running = recorder.Running();
  state.recording.path = ctx.animation_export.path;
  state.recording.frames_total = recorder.Plan().frames;
  state.recording.frames_done = recorder.FramesDone();
  state.recording.progress = recorder.Progress();
}

// The finished recording's outcome: the status line, or the banner (and the scripted
// run's first failure).
void FinishRecording(AppState& state, AnimationRecorder& recorder, bool scripted,
                     std::string* script_failure, bool* script_done) {
  std::optional<EncodeOutcome> done = recorder.TakeFinished();
  if (!done) return;
  if (done->ok) {
    char took[96];
    std::snprintf(took, sizeof took, " (%d frames in %.1f s, %.1f frames/s)", done->frames,
                  recorder.LastSeconds(), done->frames / std::max(recorder.LastSeconds(), 1e-6));
    state.job.message = "saved the animation: " + done->path + took;
    if (scripted) std::printf("sepconv-lab: %s\n", state.job.message.c_str());
  } else if (done->cancelled) {
    if (!state.banner.error)
      state.job.message = "animation export cancelled: nothing was left behind";
    if (scripted && script_failure->empty())
      *script_failure =
          state.banner.error ? state.banner.text : "the animation export was cancelled";
  } else {
    state.banner = Banner{"Could not export the animation: " + done->error, true};
    if (script_failure->empty()) *script_failure = state.banner.text;
  }
  if (scripted) *script_done = true;
  state.recording = RecordingStatus{};
}

int Run(int argc, char** argv) {
  int exit_code = 0;
  std::optional<Options> parsed = ParseOptions(argc, argv, &exit_code);
  if (!parsed) return exit_code;
  const Options& opt = *parsed;
  const bool scripted =
      !opt.screenshot.empty() || !opt.save_outputs.empty() || !opt.export_animation.empty();
  // What was chosen last time (window, scale, theme, recent files and lessons). Scripted
  // runs neither read nor write it, so tests never depend on the user's config.
  const fs::path settings_path = scripted ? fs::path() : SettingsPath();
  Settings settings = settings_path.empty() ? Settings{} : LoadSettings(settings_path);

  AppState state;
  state.edit = state.applied = opt.choice;
  // The command line wins over the remembered scale and theme.
  state.ui_scale = opt.ui_scale > 0 ? opt.ui_scale : settings.ui_scale;
  state.theme = ParseThemeName(opt.theme).value_or(settings.theme);
  state.browser.recent = settings.recent_files;
  state.browser.recent_lessons = settings.recent_lessons;
  // The files after the first, newest first in the order given (the first one opened
  // goes on top when it loads).
  for (auto it = opt.more_files.rbegin(); it != opt.more_files.rend(); ++it) {
    AddRecent(IsLessonFile(*it) ? state.browser.recent_lessons : state.browser.recent,
              fs::absolute(*it).lexically_normal().string());
  }
  state.show_intermediate = opt.show_intermediate;
  state.lesson_large = opt.lesson_large;
  if (!opt.tab.empty()) {
    state.select_tab = opt.tab == "costs"       ? LessonTab::Costs
                       : opt.tab == "animation" ? LessonTab::Animation
                                                : LessonTab::Kernels;
  }
  // Asking for an animation position means wanting to see it.
  if (opt.tab.empty() && opt.animation_given) state.select_tab = LessonTab::Animation;
  if (opt.animation_given) state.pending_animation = opt.animation;
  if (!opt.view.empty() && !ParseViewerTarget(opt.view, &state.viewer)) {
    std::fprintf(stderr,
                 "sepconv-lab: --view expects input|standard|separable|depthwise|spatial:C\n");
    return 2;
  }
  state.viewer.zoom = opt.zoom;
  state.samples = FindSamples();

  Window window;
  std::string error;
  WindowOptions wo;
  wo.width = opt.width;
  wo.height = opt.height;
  if (settings.window.valid && !opt.size_given) {
    wo.x = settings.window.x, wo.y = settings.window.y;
    wo.width = settings.window.width, wo.height = settings.window.height;
  }
  wo.ui_scale = state.ui_scale;
  wo.theme = state.theme;
  if (!window.Init(wo, &error)) {
    std::fprintf(stderr, "sepconv-lab: %s\n", error.c_str());
    return 1;
  }
  Renderer renderer;
  if (!renderer.Init()) {
    state.shader_error = renderer.error();
    std::fprintf(stderr, "sepconv-lab: shader error: %s\n", renderer.error().c_str());
  }
  ViewContext ctx;
  ctx.base_font_size = window.FontSize();

  JobRunner runner;
  ImageLoader loader;
  RegionWorker regions;
  ExportJob exporter;
  bool exporting_weights = false;  // what the export worker is writing: weights or outputs
  AnimationRecorder recorder;
  RegionRequest requested_region;
  std::future<std::shared_ptr<const DisplayTiles>> recolour;
  FrameStats stats;
  bool script_export_requested = false, script_export_done = false, script_finished = false;
  bool script_record_requested = false, script_record_done = false;
  std::string script_failure;  // the first reason a scripted run failed (exit 1)
  DesktopFileDialog dialog;
  // An invalid layer on the command line is shown in the parameters panel with its
  // reason, like an invalid edit, and the defaults run meanwhile.
  if (!validate_choice(opt.choice, 256, 256).empty()) state.applied = LayerChoice{};
  if (!opt.image.empty()) {
    RequestLoad(state, loader, opt.image);
  } else if (!state.samples.empty() && opt.lesson.empty()) {
    RequestLoad(state, loader, state.samples.front());
  }
  state.presenting = opt.present;
  if (!opt.lesson.empty()) {
    const std::string why = OpenLesson(state, loader, opt.lesson, opt.lesson_step - 1);
    if (!why.empty()) {
      if (scripted) script_failure = why;  // reported on stderr at the end, exit 1
      if (!loader.Busy() && opt.image.empty() && !state.samples.empty())
        RequestLoad(state, loader, state.samples.front());  // something to show behind it
    } else if (opt.lesson_step > int(state.lesson.lesson.steps.size())) {
      state.banner =
          Banner{"--lesson-step " + std::to_string(opt.lesson_step) + ": " + opt.lesson + " has " +
                     std::to_string(state.lesson.lesson.steps.size()) + " steps",
                 true};
      if (scripted) script_failure = state.banner.text;
    }
  }
  if (opt.present && !scripted) window.ToggleFullscreen();

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  int frame = 0, settled_frames = 0;
  uint64_t titled_revision = 0;
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  while (!window.ShouldClose() && !g_stop_signal) {
    // Full rate only while something moves; background work is watched at 20 frames a
    // second (the progress bar needs no more, and the CPU goes to the computation);
    // idle waits for input, waking only for the text caret and the stop signal.
    // Scripted runs draw at the same rate as a window would, so their frame times and
    // the time to the first result are what a user gets.
    double timeout = 2.0;
    const bool background = state.job.running || loader.Busy() || exporter.Running() ||
                            regions.Busy() || renderer.Uploading() || recolour.valid();
    if (state.animating || recorder.Running() || (scripted && !background)) {
      timeout = 0;
    } else if (background || dialog.Open() || state.dirty.results) {
      timeout = 0.05;
    } else if (ImGui::GetIO().WantTextInput) {
      timeout = 0.5;
    }
    window.WaitOrPoll(timeout);
    const auto frame_start = Clock::now();
    const bool computing = state.job.running;
    for (const std::string& path : window.TakeDrops()) {
      // A dropped lesson or session opens as one; anything else is an image to try.
      (IsLessonFile(path) ? state.requests.open_lesson : state.requests.load_path) = path;
    }
    FileKind chosen_kind = FileKind::Image;
    if (auto chosen = dialog.TakeResult(&chosen_kind); chosen && !chosen->empty()) {
      (chosen_kind == FileKind::Lesson ? state.requests.open_lesson : state.requests.load_path) =
          *chosen;
    }
    if (state.ui_scale_changed) {
      state.ui_scale_changed = false;
      window.ApplyScale(state.ui_scale);
      ctx.base_font_size = window.FontSize();
    }
    if (state.theme_changed) {
      state.theme_changed = false;
      window.ApplyTheme(state.theme);
    }
    if (state.input.revision != titled_revision) {
      // The file name in the title bar: visible in the task bar and on the projector.
      titled_revision = state.input.revision;
      const std::string title = "SepConv Lab - " + fs::path(state.input.path).filename().string();
      glfwSetWindowTitle(window.handle(), title.c_str());
    }
    const bool had_new_result = state.dirty.results;
    renderer.Sync(state, ctx.textures);
    bool script_applied_now = false;
    // A scripted or lesson position goes on the first result that nothing will replace,
    // before this frame draws it; the view then sees the same result and keeps it.
    if (ApplyPendingAnimation(state, ctx.animation.model, loader.Busy())) {
      if (state.banner.error && !state.banner.text.empty())
        std::fprintf(stderr, "sepconv-lab: %s\n", state.banner.text.c_str());
      script_applied_now = true;
    }

    if (opt.reveal && state.lesson.question_pending() && state.result && !state.job.running &&
        !loader.Busy() && !state.dirty.layer && !state.dirty.image) {
      state.requests.reveal = true;
    }
    window.BeginFrame(scripted);
    HandleShortcuts(state);
    state.layout.clear();
    DrawApp(state, ctx);
    ImGui::Render();

    // Apply what the views asked for.
    if (!state.requests.load_path.empty()) {
      RequestLoad(state, loader, state.requests.load_path);
      state.requests.load_path.clear();
    }
    if (state.requests.open_dialog) {
      state.requests.open_dialog = false;
      const std::string folder = state.input.path.empty()
                                     ? std::string()
                                     : fs::path(state.input.path).parent_path().string();
      if (dialog.Available()) {
        dialog.Start(folder);
      } else {
        state.browser.open = true;
        if (!folder.empty()) state.browser.folder = folder;
      }
    }
    if (state.requests.open_lesson_dialog) {
      state.requests.open_lesson_dialog = false;
      if (dialog.Available()) {
        const std::string& last = state.browser.recent_lessons.empty()
                                      ? std::string()
                                      : state.browser.recent_lessons.front();
        dialog.Start(last.empty() ? std::string() : fs::path(last).parent_path().string(),
                     FileKind::Lesson);
      } else {
        state.lesson_dialog = LessonDialog{};
        state.lesson_dialog.kind = LessonDialog::Kind::OpenLesson;
      }
    }
    if (state.requests.toggle_fullscreen) {
      state.requests.toggle_fullscreen = false;
      window.ToggleFullscreen();
    }
    if (state.requests.quit) window.RequestClose();
    HandleLessonRequests(state, loader, AnimationNowOf(ctx));
    HandlePlatformLessonRequests(state, ctx, scripted, window);
    const bool had_result = state.result != nullptr;
    UpdateJobs(state, runner, loader);
    if (state.released_result) {
      // Every other holder lets go too, so the memory really is free for the new job.
      state.released_result = false;
      AttachResult(ctx.animation.model, nullptr);
      requested_region = RegionRequest{};
      regions.Clear();
      renderer.ReleaseResultTextures(ctx.textures);
      if (recolour.valid()) recolour.wait();  // its copy of the result goes with it
      recolour = {};
    }
    if (!had_result && state.result && stats.first_result_s < 0)
      stats.first_result_s = std::chrono::duration<double>(Clock::now() - start).count();
    // The viewer's sharp region: asked for when the view changed, taken when made.
    if (state.viewer.open && state.viewer.wanted.result &&
        !(state.viewer.wanted == requested_region)) {
      requested_region = state.viewer.wanted;
      regions.Request(requested_region);
    }
    if (auto made = regions.TakeFinished(); made && made->request.result == state.result)
      state.viewer.region = std::move(made);
    // A switch of the colour range recolours the display copies on a worker.
    if (state.result && state.tiles && state.tiles->robust != state.robust_range &&
        !recolour.valid()) {
      recolour = std::async(std::launch::async, [r = state.result, robust = state.robust_range] {
        LowerThisThreadsPriority();
        return MakeDisplayTiles(*r, robust);
      });
    }
    if (recolour.valid() &&
        recolour.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      std::shared_ptr<const DisplayTiles> t = recolour.get();
      if (state.result && t->generation == state.result->generation) state.tiles = std::move(t);
    }
    // File > Export outputs (and --save-outputs) on the export worker.
    if (state.requests.start_export && state.result) {
      exporting_weights = false;
      exporter.Start(state.result, state.exporting.folder, state.input.path,
                     state.requests.export_overwrite);
      state.job.message = "saving outputs into " + state.exporting.folder + " ...";
    }
    state.requests.start_export = false;
    // Kernels tab > Export: the weights alone, on the same worker.
    if (!state.requests.export_weights_folder.empty() && state.result && !exporter.Running()) {
      exporter.StartWeights(state.result, state.requests.export_weights_folder,
                            state.requests.export_overwrite);
      exporting_weights = true;
      state.job.message =
          "saving the weights into " + state.requests.export_weights_folder + " ...";
    }
    state.requests.export_weights_folder.clear();
    if (state.requests.cancel_export) exporter.Cancel();
    state.requests.cancel_export = false;
    state.exporting.running = exporter.Running();
    state.exporting.progress = exporter.Progress();
    if (std::optional<ExportOutcome> done = exporter.TakeFinished()) {
      const char* what = exporting_weights ? "weight files" : "files";
      if (done->ok) {
        state.job.message =
            "saved " + std::to_string(done->written.size()) + " " + what + " into " + done->folder;
      } else if (done->cancelled) {
        state.job.message = "export cancelled: nothing was left behind";
        if (!opt.save_outputs.empty() && script_failure.empty())
          script_failure = "saving the outputs was cancelled";
      } else {
        state.banner = Banner{std::string("Could not export the ") +
                                  (exporting_weights ? "weights: " : "outputs: ") + done->error,
                              true};
        if (script_failure.empty()) script_failure = state.banner.text;
      }
      if (!opt.save_outputs.empty()) script_export_done = true;
      if (state.retry_after_export) {
        state.retry_after_export = false;
        state.dirty.layer = true;
      }
    }

    // File > Export animation (and --export-animation): started here, outside the
    // window's ImGui frame; its frames are drawn after the window's, within a budget.
    const bool record_scripted = !opt.export_animation.empty();
    StartRequestedRecording(state, ctx, recorder, record_scripted, &script_record_done);
    window.EndFrame();
    PumpRecording(state, ctx, recorder);
    FinishRecording(state, recorder, record_scripted, &script_failure, &script_record_done);
    int fw, fh;
    window.FramebufferSize(&fw, &fh);
    ++frame;
    if (state.requests.screenshot) {
      state.requests.screenshot = false;
      (void)WriteScreenshot(TimestampedName(), fw, fh, state);
    }
    // The frame's own work and its swap below; the scripted run's screenshot is not a
    // user's frame.
    double frame_ms = std::chrono::duration<double, std::milli>(Clock::now() - frame_start).count();
    if (scripted) {
      // Count frames only once nothing is pending, so the picture shows the result.
      const bool pending = state.job.running || loader.Busy() || state.dirty.results ||
                           state.dirty.layer || state.dirty.image || had_new_result ||
                           script_applied_now || regions.Busy() || renderer.Uploading() ||
                           recolour.valid() ||
                           (state.tiles && state.tiles->robust != state.robust_range);
      settled_frames = pending ? 0 : settled_frames + 1;
      const double waited = std::chrono::duration<double>(Clock::now() - start).count();
      const bool settled = settled_frames >= opt.frames && frame >= opt.frames;
      // --timeout bounds the wait for the result; a recording, once started, runs to its end.
      const bool timed_out = waited > opt.timeout && !script_record_requested;
      bool finish = timed_out;
      if (timed_out) {
        script_failure =
            "timeout: nothing finished within --timeout " + std::to_string(int(opt.timeout)) + " s";
      } else if (settled && !opt.save_outputs.empty() && !exporter.Running()) {
        if (!state.result || state.job.refused || state.job.failed || !state.param_error.empty()) {
          finish = true;  // nothing to save: the reason is reported below
        } else if (!script_export_requested) {
          state.exporting.folder = opt.save_outputs;
          state.requests.start_export = true;
          state.requests.export_overwrite = opt.overwrite;
          script_export_requested = true;
        } else if (script_export_done) {
          finish = true;
        }
      } else if (settled && !opt.export_animation.empty() && !recorder.Running()) {
        if (!state.result || state.job.refused || state.job.failed || !state.param_error.empty()) {
          finish = true;  // nothing to record: the reason is reported below
        } else if (!script_record_requested) {
          AnimationExportChoice& x = ctx.animation_export;
          x.path = opt.export_animation;
          x.request.range = ParseRecordRange(opt.export_range).value_or(RecordRange::FromHere);
          x.request.path = opt.export_of == "pointwise"   ? AnimPath::Pointwise
                           : opt.export_of == "depthwise" ? AnimPath::Depthwise
                                                          : AnimPath::Standard;
          x.request.seconds = opt.export_seconds;
          x.request.fps = opt.export_fps;
          x.whole_window = opt.export_area == "window";
          x.width = opt.export_width;
          x.height = opt.export_height;
          x.overwrite = opt.overwrite;
          x.start = true;
          script_record_requested = true;
        } else if (script_record_done) {
          finish = true;
        }
      } else if (settled && opt.save_outputs.empty() && opt.export_animation.empty()) {
        finish = true;
      }
      if (finish) {
        script_finished = true;
        // What the run was asked to do and could not, first reason wins.
        if (script_failure.empty() && state.banner.error && !state.banner.text.empty())
          script_failure = state.banner.text;
        if (script_failure.empty() && !state.param_error.empty())
          script_failure = "the layer does not validate: " + state.param_error;
        if (script_failure.empty() && (state.job.refused || state.job.failed))
          script_failure = state.job.message;
        if (script_failure.empty() && !opt.export_animation.empty() && !state.result)
          script_failure = "nothing was computed, so there is no animation to record";
        if (script_failure.empty() && !opt.save_outputs.empty() && !state.result)
          script_failure = "nothing was computed, so there are no outputs to save";
        if (!opt.screenshot.empty()) {
          const std::string why = WriteScreenshot(opt.screenshot, fw, fh, state);
          if (!why.empty() && script_failure.empty()) script_failure = why;
        }
        if (!opt.layout_json.empty()) WriteLayout(opt.layout_json, state);
        if (!opt.state_json.empty()) {
          const std::string why = SaveSession(state, AnimationNowOf(ctx), opt.state_json);
          if (!why.empty() && script_failure.empty()) {
            script_failure = "Could not save the session: ";
            script_failure += why;
          }
        }
        if (!opt.stats_json.empty()) WriteStats(opt.stats_json, stats, renderer, state);
        window.RequestClose();
      }
    }
    const auto swap_start = Clock::now();
    glfwSwapBuffers(window.handle());
    frame_ms += std::chrono::duration<double, std::milli>(Clock::now() - swap_start).count();
    stats.all_ms.push_back(frame_ms);
    if (computing) stats.computing_ms.push_back(frame_ms);
  }
  if (!settings_path.empty()) {
    settings.ui_scale = state.ui_scale;
    settings.theme = state.theme;
    settings.recent_files = state.browser.recent;
    settings.recent_lessons = state.browser.recent_lessons;
    // A --size run keeps the remembered geometry; so does full screen (Geometry: false).
    WindowGeometry& g = settings.window;
    if (!opt.size_given) g.valid = window.Geometry(&g.x, &g.y, &g.width, &g.height) || g.valid;
    SaveSettings(settings_path, settings);
  }
  if (scripted && !script_finished && script_failure.empty())
    script_failure = "closed before the scripted run finished";
  if (!script_failure.empty()) {
    std::fprintf(stderr, "sepconv-lab: %s\n", script_failure.c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace sepconv::app

#if defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>
// Under AddressSanitizer only: keep the GL driver mapped after Mesa closes it at exit, so
// its allocations stay reachable and LeakSanitizer does not report them as frames of an
// unloaded module (no suppressions file is needed). Does nothing elsewhere.
static void KeepGlDriverLoaded() {
  for (const char* lib : {"libGLX_mesa.so.0", "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"})
    (void)dlopen(lib, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
}
#else
static void KeepGlDriverLoaded() {}
#endif

int main(int argc, char** argv) {
  KeepGlDriverLoaded();
  // Work that can fail is caught where it runs (jobs, loads, writes); this is the last
  // line, so nothing ends the app without a word.
  try {
    return sepconv::app::Run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "sepconv-lab: out of memory\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sepconv-lab: unexpected error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "sepconv-lab: unexpected error of unknown type\n");
  }
  return 1;
}
