// The frame loop, one named step after another (app_loop.h).
#define GLFW_INCLUDE_NONE
#include "app_loop.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <vector>

#include "animation/animation_range.h"
#include "animation/animation_script.h"
#include "imgui.h"
#include "loop_actions.h"
#include "state/asset_dirs.h"
#include "state/background_priority.h"
#include "state/lesson_player.h"
#include "state/ui_limits.h"
#include "views/views.h"

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

bool IsScripted(const Options& opt) {
  return !opt.screenshot.empty() || !opt.save_outputs.empty() || !opt.export_animation.empty();
}

}  // namespace

AppLoop::AppLoop(const Options& opt) : opt_(opt), scripted_(IsScripted(opt)) {}

int AppLoop::Start() {
  // What was chosen last time (window, scale, theme, recent files and lessons). Scripted
  // runs neither read nor write it, so tests never depend on the user's config.
  settings_path_ = scripted_ ? fs::path() : SettingsPath();
  settings_ = settings_path_.empty() ? Settings{} : LoadSettings(settings_path_);
  if (const int code = SetUpState(); code != 0) return code;

  WindowOptions wo;
  wo.width = opt_.width;
  wo.height = opt_.height;
  if (settings_.window.valid && !opt_.size_given) {
    wo.x = settings_.window.x, wo.y = settings_.window.y;
    wo.width = settings_.window.width, wo.height = settings_.window.height;
  }
  wo.ui_scale = state_.ui.ui_scale;
  wo.theme = state_.ui.theme;
  if (const Outcome opened = window_.Init(wo); !opened.ok()) {
    std::fprintf(stderr, "sepconv-lab: %s\n", opened.why().c_str());
    return 1;
  }
  if (const Outcome compiled = renderer_.Init(); !compiled.ok()) {
    state_.ui.shader_error = compiled.why();
    std::fprintf(stderr, "sepconv-lab: shader error: %s\n", compiled.why().c_str());
  }
  ctx_.base_font_size = window_.FontSize();
  OpenFirstFiles();
  if (opt_.present && !scripted_) window_.ToggleFullscreen();
  start_ = Clock::now();
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  return 0;
}

// The state the options and the settings ask for. Returns 0, or 2 for a bad --view.
int AppLoop::SetUpState() {
  AppState& state = state_;
  state.doc.edit = state.doc.applied = opt_.choice;
  // The command line wins over the remembered scale and theme.
  state.ui.ui_scale = opt_.ui_scale > 0 ? opt_.ui_scale : settings_.ui_scale;
  state.ui.theme = ParseThemeName(opt_.theme).value_or(settings_.theme);
  state.ui.browser.recent = settings_.recent_files;
  state.ui.browser.recent_lessons = settings_.recent_lessons;
  // The files after the first, newest first in the order given (the first one opened
  // goes on top when it loads).
  for (auto it = opt_.more_files.rbegin(); it != opt_.more_files.rend(); ++it) {
    AddRecent(IsLessonFile(*it) ? state.ui.browser.recent_lessons : state.ui.browser.recent,
              fs::absolute(*it).lexically_normal().string());
  }
  state.ui.show_intermediate = opt_.show_intermediate;
  state.ui.lesson_large = opt_.lesson_large;
  if (!opt_.tab.empty()) {
    state.requests.select_tab = opt_.tab == "costs"       ? LessonTab::Costs
                                : opt_.tab == "animation" ? LessonTab::Animation
                                                          : LessonTab::Kernels;
  }
  // Asking for an animation position means wanting to see it.
  if (opt_.tab.empty() && opt_.animation_given) state.requests.select_tab = LessonTab::Animation;
  if (opt_.animation_given) state.doc.pending_animation = opt_.animation;
  if (!opt_.view.empty() && !ParseViewerTarget(opt_.view, &state.ui.viewer)) {
    std::fprintf(stderr,
                 "sepconv-lab: --view expects input|standard|separable|depthwise|spatial:C\n");
    return 2;
  }
  state.ui.viewer.zoom = opt_.zoom;
  state.doc.samples = FindSamples();
  return 0;
}

// The image and the lesson the command line names, or the first sample.
void AppLoop::OpenFirstFiles() {
  AppState& state = state_;
  // An invalid layer on the command line is shown in the parameters panel with its
  // reason, like an invalid edit, and the defaults run meanwhile.
  if (!validate_choice(opt_.choice, kNominalInputSide, kNominalInputSide).empty())
    state.doc.applied = LayerChoice{};
  if (!opt_.image.empty()) {
    RequestLoad(state, loader_, opt_.image);
  } else if (!state.doc.samples.empty() && opt_.lesson.empty()) {
    RequestLoad(state, loader_, state.doc.samples.front());
  }
  state.ui.presenting = opt_.present;
  if (opt_.lesson.empty()) return;
  const Outcome opened = OpenLesson(state, loader_, opt_.lesson, opt_.lesson_step - 1);
  if (!opened.ok()) {
    if (scripted_) script_.failure = opened.why();  // reported on stderr at the end, exit 1
    if (!loader_.Busy() && opt_.image.empty() && !state.doc.samples.empty())
      RequestLoad(state, loader_, state.doc.samples.front());  // something to show behind it
  } else if (opt_.lesson_step > int(state.doc.lesson.lesson.steps.size())) {
    state.ui.banner =
        Banner{"--lesson-step " + std::to_string(opt_.lesson_step) + ": " + opt_.lesson + " has " +
                   std::to_string(state.doc.lesson.lesson.steps.size()) + " steps",
               true};
    if (scripted_) script_.failure = state.ui.banner.text;
  }
}

bool AppLoop::Running() const {
  return !window_.ShouldClose() && !g_stop_signal;
}

void AppLoop::Frame() {
  WaitForWork();
  frame_start_ = Clock::now();
  computing_ = state_.doc.job.running;
  TakePlatformInput();
  SyncWithTheScreen();
  DrawUi();
  CarryOutViewRequests();
  UpdateWorkers();
  UpdateFileExport();
  // File > Export animation (and --export-animation): started here, outside the
  // window's ImGui frame; its frames are drawn after the window's, within a budget.
  const bool record_scripted = !opt_.export_animation.empty();
  StartRequestedRecording(state_, ctx_, recorder_, record_scripted, &script_.record_done);
  window_.EndFrame();
  PumpRecording(state_, ctx_, recorder_);
  FinishRecording(state_, recorder_, record_scripted, &script_.failure, &script_.record_done);
  int fw, fh;
  window_.FramebufferSize(&fw, &fh);
  ++frame_;
  TakeScreenshotIfAsked(fw, fh);
  // The frame's own work and its swap below; the scripted run's screenshot is not a
  // user's frame.
  const double frame_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - frame_start_).count();
  if (scripted_) StepScript(fw, fh);
  Swap(frame_ms);
}

// Full rate only while something moves; background work is watched at 20 frames a
// second (the progress bar needs no more, and the CPU goes to the computation); idle
// waits for input, waking only for the text caret and the stop signal. Scripted runs
// draw at the same rate as a window would, so their frame times and the time to the
// first result are what a user gets.
void AppLoop::WaitForWork() {
  double timeout = 2.0;
  const bool background = state_.doc.job.running || loader_.Busy() || exporter_.Running() ||
                          regions_.Busy() || renderer_.Uploading() || recolour_.valid();
  if (state_.requests.animating || recorder_.Running() || (scripted_ && !background)) {
    timeout = 0;
  } else if (background || dialog_.Open() || state_.doc.dirty.results) {
    timeout = 0.05;
  } else if (ImGui::GetIO().WantTextInput) {
    timeout = 0.5;
  }
  window_.WaitOrPoll(timeout);
}

// Dropped files, the file dialog's choice, a new UI scale or theme, the title bar.
void AppLoop::TakePlatformInput() {
  AppState& state = state_;
  for (const std::string& path : window_.TakeDrops()) {
    // A dropped lesson or session opens as one; anything else is an image to try.
    (IsLessonFile(path) ? state.requests.open_lesson : state.requests.load_path) = path;
  }
  FileKind chosen_kind = FileKind::Image;
  if (auto chosen = dialog_.TakeResult(&chosen_kind); chosen && !chosen->empty()) {
    (chosen_kind == FileKind::Lesson ? state.requests.open_lesson : state.requests.load_path) =
        *chosen;
  }
  if (state.requests.ui_scale_changed) {
    state.requests.ui_scale_changed = false;
    window_.ApplyScale(state.ui.ui_scale);
    ctx_.base_font_size = window_.FontSize();
  }
  if (state.requests.theme_changed) {
    state.requests.theme_changed = false;
    window_.ApplyTheme(state.ui.theme);
  }
  if (state.doc.input.revision != titled_revision_) {
    // The file name in the title bar: visible in the task bar and on the projector.
    titled_revision_ = state.doc.input.revision;
    const std::string title = "SepConv Lab - " + fs::path(state.doc.input.path).filename().string();
    glfwSetWindowTitle(window_.handle(), title.c_str());
  }
}

// Uploads what changed, and puts a pending animation position on the result shown.
void AppLoop::SyncWithTheScreen() {
  // The one consumer of dirty.results: the renderer follows the tiles' identity, and the
  // rest of this frame asks had_new_result_.
  had_new_result_ = state_.doc.dirty.results;
  state_.doc.dirty.results = false;
  renderer_.Sync(state_, ctx_.textures);
  script_applied_now_ = false;
  // A scripted or lesson position goes on the first result that nothing will replace,
  // before this frame draws it; the view then sees the same result and keeps it.
  if (ApplyPendingAnimation(state_, ctx_.animation.model, loader_.Busy())) {
    if (state_.ui.banner.error && !state_.ui.banner.text.empty())
      std::fprintf(stderr, "sepconv-lab: %s\n", state_.ui.banner.text.c_str());
    script_applied_now_ = true;
  }
}

void AppLoop::DrawUi() {
  AppState& state = state_;
  if (opt_.reveal && state.doc.lesson.question_pending() && state.doc.result &&
      !state.doc.job.running && !loader_.Busy() && !state.doc.dirty.layer &&
      !state.doc.dirty.image) {
    state.requests.reveal = true;
  }
  window_.BeginFrame(scripted_);
  AddRequests(state.requests, HandleShortcuts(state.doc, state.ui, state.doc.lesson.blanked));
  ctx_.rects.clear();
  DrawApp(state, ctx_);
  ImGui::Render();
}

// What the views asked for that needs the loader, the dialog or the window.
void AppLoop::CarryOutViewRequests() {
  AppState& state = state_;
  if (!state.requests.load_path.empty()) {
    RequestLoad(state, loader_, state.requests.load_path);
    state.requests.load_path.clear();
  }
  if (state.requests.open_dialog) {
    state.requests.open_dialog = false;
    const std::string folder = state.doc.input.path.empty()
                                   ? std::string()
                                   : fs::path(state.doc.input.path).parent_path().string();
    if (dialog_.Available()) {
      dialog_.Start(folder);
    } else {
      state.ui.browser.open = true;
      if (!folder.empty()) state.ui.browser.folder = folder;
    }
  }
  if (state.requests.open_lesson_dialog) {
    state.requests.open_lesson_dialog = false;
    if (dialog_.Available()) {
      const std::string& last = state.ui.browser.recent_lessons.empty()
                                    ? std::string()
                                    : state.ui.browser.recent_lessons.front();
      dialog_.Start(last.empty() ? std::string() : fs::path(last).parent_path().string(),
                    FileKind::Lesson);
    } else {
      state.ui.lesson_dialog = LessonDialog{};
      state.ui.lesson_dialog.kind = LessonDialog::Kind::OpenLesson;
    }
  }
  if (state.requests.toggle_fullscreen) {
    state.requests.toggle_fullscreen = false;
    window_.ToggleFullscreen();
  }
  if (state.requests.quit) window_.RequestClose();
  HandleLessonRequests(state, loader_, AnimationNowOf(ctx_));
  HandlePlatformLessonRequests(state, ctx_, scripted_, window_);
}

// The layer job, the viewer's sharp region and the recolouring of the display copies.
void AppLoop::UpdateWorkers() {
  AppState& state = state_;
  const bool had_result = state.doc.result != nullptr;
  UpdateJobs(state, runner_, loader_);
  if (state.doc.dirty.released_result) {
    // Every other holder lets go too, so the memory really is free for the new job.
    state.doc.dirty.released_result = false;
    AttachResult(ctx_.animation.model, nullptr);
    requested_region_ = RegionRequest{};
    regions_.Clear();
    renderer_.ReleaseResultTextures(ctx_.textures);
    if (recolour_.valid()) recolour_.wait();  // its copy of the result goes with it
    recolour_ = {};
  }
  if (!had_result && state.doc.result && stats_.first_result_s < 0)
    stats_.first_result_s = std::chrono::duration<double>(Clock::now() - start_).count();
  // The viewer's sharp region: asked for when the view changed, taken when made.
  if (state.ui.viewer.open && state.ui.viewer.wanted.result &&
      !(state.ui.viewer.wanted == requested_region_)) {
    requested_region_ = state.ui.viewer.wanted;
    regions_.Request(requested_region_);
  }
  if (auto made = regions_.TakeFinished(); made && made->request.result == state.doc.result)
    state.ui.viewer.region = std::move(made);
  UpdateRecolour();
}

// A switch of the colour range recolours the display copies on a worker.
void AppLoop::UpdateRecolour() {
  AppState& state = state_;
  if (state.doc.result && state.doc.tiles && state.doc.tiles->robust != state.ui.robust_range &&
      !recolour_.valid()) {
    recolour_ =
        std::async(std::launch::async, [r = state.doc.result, robust = state.ui.robust_range] {
          LowerThisThreadsPriority();
          return MakeDisplayTiles(*r, robust);
        });
  }
  if (recolour_.valid() &&
      recolour_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    std::shared_ptr<const DisplayTiles> t = recolour_.get();
    if (state.doc.result && t->generation == state.doc.result->generation)
      state.doc.tiles = std::move(t);
  }
}

// File > Export outputs (and --save-outputs), and the Kernels tab's Export of the weights,
// on the export worker.
void AppLoop::UpdateFileExport() {
  AppState& state = state_;
  if (state.requests.start_export && state.doc.result) {
    exporting_weights_ = false;
    exporter_.Start(state.doc.result, state.ui.exporting.folder, state.doc.input.path,
                    state.requests.export_overwrite);
    state.doc.job.message = "saving outputs into " + state.ui.exporting.folder + " ...";
  }
  state.requests.start_export = false;
  if (!state.requests.export_weights_folder.empty() && state.doc.result && !exporter_.Running()) {
    exporter_.StartWeights(state.doc.result, state.requests.export_weights_folder,
                           state.requests.export_overwrite);
    exporting_weights_ = true;
    state.doc.job.message =
        "saving the weights into " + state.requests.export_weights_folder + " ...";
  }
  state.requests.export_weights_folder.clear();
  if (state.requests.cancel_export) exporter_.Cancel();
  state.requests.cancel_export = false;
  state.ui.exporting.running = exporter_.Running();
  state.ui.exporting.progress = exporter_.Progress();
  std::optional<ExportOutcome> done = exporter_.TakeFinished();
  if (!done) return;
  const char* what = exporting_weights_ ? "weight files" : "files";
  if (done->ok) {
    state.doc.job.message =
        "saved " + std::to_string(done->written.size()) + " " + what + " into " + done->folder;
  } else if (done->cancelled) {
    state.doc.job.message = "export cancelled: nothing was left behind";
    if (!opt_.save_outputs.empty() && script_.failure.empty())
      script_.failure = "saving the outputs was cancelled";
  } else {
    state.ui.banner = Banner{std::string("Could not export the ") +
                                 (exporting_weights_ ? "weights: " : "outputs: ") + done->error,
                             true};
    if (script_.failure.empty()) script_.failure = state.ui.banner.text;
  }
  if (!opt_.save_outputs.empty()) script_.export_done = true;
  if (state.doc.dirty.retry_after_export) {
    state.doc.dirty.retry_after_export = false;
    state.doc.dirty.layer = true;
  }
}

void AppLoop::TakeScreenshotIfAsked(int fw, int fh) {
  if (!state_.requests.screenshot) return;
  state_.requests.screenshot = false;
  const std::string path = TimestampedName();
  ShowScreenshot(path, WriteScreenshot(path, fw, fh));
}

void AppLoop::ShowScreenshot(const std::string& path, const Outcome& written) {
  if (written.ok())
    state_.doc.job.message = "screenshot saved: " + path;
  else
    state_.ui.banner = Banner{written.why(), true};
}

// A scripted run: once nothing is pending, it asks for its export or recording, and ends
// when that is done (or at --timeout while waiting for the result).
void AppLoop::StepScript(int fw, int fh) {
  AppState& state = state_;
  // Count frames only once nothing is pending, so the picture shows the result.
  const bool pending = state.doc.job.running || loader_.Busy() || state.doc.dirty.results ||
                       state.doc.dirty.layer || state.doc.dirty.image || had_new_result_ ||
                       script_applied_now_ || regions_.Busy() || renderer_.Uploading() ||
                       recolour_.valid() ||
                       (state.doc.tiles && state.doc.tiles->robust != state.ui.robust_range);
  settled_frames_ = pending ? 0 : settled_frames_ + 1;
  const double waited = std::chrono::duration<double>(Clock::now() - start_).count();
  const bool settled = settled_frames_ >= opt_.frames && frame_ >= opt_.frames;
  // --timeout bounds the wait for the result; a recording, once started, runs to its end.
  const bool timed_out = waited > opt_.timeout && !script_.record_requested;
  const bool nothing_to_use = !state.doc.result || state.doc.job.refused || state.doc.job.failed ||
                              !state.doc.param_error.empty();
  bool finish = timed_out;
  if (timed_out) {
    script_.failure =
        "timeout: nothing finished within --timeout " + std::to_string(int(opt_.timeout)) + " s";
  } else if (settled && !opt_.save_outputs.empty() && !exporter_.Running()) {
    if (nothing_to_use) {
      finish = true;  // nothing to save: the reason is reported below
    } else if (!script_.export_requested) {
      state.ui.exporting.folder = opt_.save_outputs;
      state.requests.start_export = true;
      state.requests.export_overwrite = opt_.overwrite;
      script_.export_requested = true;
    } else if (script_.export_done) {
      finish = true;
    }
  } else if (settled && !opt_.export_animation.empty() && !recorder_.Running()) {
    if (nothing_to_use) {
      finish = true;  // nothing to record: the reason is reported below
    } else if (!script_.record_requested) {
      RequestScriptedRecording();
    } else if (script_.record_done) {
      finish = true;
    }
  } else if (settled && opt_.save_outputs.empty() && opt_.export_animation.empty()) {
    finish = true;
  }
  if (finish) FinishScript(fw, fh);
}

// --export-animation's choices, as File > Export animation would set them.
void AppLoop::RequestScriptedRecording() {
  AnimationExportChoice& x = ctx_.animation_export;
  x.path = opt_.export_animation;
  x.request.range = ParseRecordRange(opt_.export_range).value_or(RecordRange::FromHere);
  x.request.path = opt_.export_of == "pointwise"   ? AnimPath::Pointwise
                   : opt_.export_of == "depthwise" ? AnimPath::Depthwise
                                                   : AnimPath::Standard;
  x.request.seconds = opt_.export_seconds;
  x.request.fps = opt_.export_fps;
  x.whole_window = opt_.export_area == "window";
  x.width = opt_.export_width;
  x.height = opt_.export_height;
  x.overwrite = opt_.overwrite;
  x.start = true;
  script_.record_requested = true;
}

// The scripted run's end: its first failure, then the files it was asked for.
void AppLoop::FinishScript(int fw, int fh) {
  AppState& state = state_;
  std::string& failure = script_.failure;
  script_.finished = true;
  // What the run was asked to do and could not, first reason wins.
  if (failure.empty() && state.ui.banner.error && !state.ui.banner.text.empty())
    failure = state.ui.banner.text;
  if (failure.empty() && !state.doc.param_error.empty())
    failure = "the layer does not validate: " + state.doc.param_error;
  if (failure.empty() && (state.doc.job.refused || state.doc.job.failed))
    failure = state.doc.job.message;
  if (failure.empty() && !opt_.export_animation.empty() && !state.doc.result)
    failure = "nothing was computed, so there is no animation to record";
  if (failure.empty() && !opt_.save_outputs.empty() && !state.doc.result)
    failure = "nothing was computed, so there are no outputs to save";
  if (!opt_.screenshot.empty()) {
    const Outcome written = WriteScreenshot(opt_.screenshot, fw, fh);
    ShowScreenshot(opt_.screenshot, written);
    if (!written.ok() && failure.empty()) failure = written.why();
  }
  if (!opt_.layout_json.empty()) WriteLayout(opt_.layout_json, ctx_.rects);
  if (!opt_.state_json.empty()) {
    const Outcome saved = SaveSession(state, AnimationNowOf(ctx_), opt_.state_json);
    if (!saved.ok() && failure.empty()) failure = "Could not save the session: " + saved.why();
  }
  if (!opt_.stats_json.empty()) WriteStats(opt_.stats_json, stats_, renderer_, state);
  window_.RequestClose();
}

void AppLoop::Swap(double frame_ms) {
  const auto swap_start = Clock::now();
  glfwSwapBuffers(window_.handle());
  frame_ms += std::chrono::duration<double, std::milli>(Clock::now() - swap_start).count();
  stats_.all_ms.push_back(frame_ms);
  if (computing_) stats_.computing_ms.push_back(frame_ms);
}

int AppLoop::Finish() {
  if (!settings_path_.empty()) {
    settings_.ui_scale = state_.ui.ui_scale;
    settings_.theme = state_.ui.theme;
    settings_.recent_files = state_.ui.browser.recent;
    settings_.recent_lessons = state_.ui.browser.recent_lessons;
    // A --size run keeps the remembered geometry; so does full screen (Geometry: false).
    WindowGeometry& g = settings_.window;
    if (!opt_.size_given) g.valid = window_.Geometry(&g.x, &g.y, &g.width, &g.height) || g.valid;
    SaveSettings(settings_path_, settings_);
  }
  if (scripted_ && !script_.finished && script_.failure.empty())
    script_.failure = "closed before the scripted run finished";
  if (!script_.failure.empty()) {
    std::fprintf(stderr, "sepconv-lab: %s\n", script_.failure.c_str());
    return 1;
  }
  return 0;
}

}  // namespace sepconv::app
