// The frame loop's actions on the platform and the workers (loop_actions.h).
#define GLFW_INCLUDE_NONE
#include "loop_actions.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>

#include "error.h"
#include "imgui.h"
#include "state/ui_limits.h"
#include "views/views.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

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

}  // namespace

FrameRequests HandleShortcuts(const Document& doc, UiState& ui, bool& blanked) {
  FrameRequests asked;
  const ImGuiIO& io = ImGui::GetIO();
  const bool ctrl = io.KeyCtrl;
  const bool was_blank = blanked;
  asked = HandleLessonKeys(doc.lesson, ui.presenting, blanked);
  if (was_blank) return asked;
  // F5 starts a presentation, as in slide software (and the clickers made for it).
  if (ImGui::IsKeyPressed(GLFW_KEY_F5, false) && !ui.presenting && !io.WantTextInput)
    asked.toggle_presentation = true;
  if (ctrl && ImGui::IsKeyPressed(GLFW_KEY_O, false)) asked.open_dialog = true;
  if (ctrl && ImGui::IsKeyPressed(GLFW_KEY_S, false)) asked.screenshot = true;
  if (ctrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) asked.quit = true;
  if (ctrl &&
      (ImGui::IsKeyPressed(GLFW_KEY_EQUAL, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD, false))) {
    ui.ui_scale = std::min(ui.ui_scale + kUiScaleStep, kMaxKeyUiScale);
    asked.ui_scale_changed = true;
  }
  if (ctrl && (ImGui::IsKeyPressed(GLFW_KEY_MINUS, false) ||
               ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT, false))) {
    ui.ui_scale = std::max(ui.ui_scale - kUiScaleStep, kMinKeyUiScale);
    asked.ui_scale_changed = true;
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_F11, false)) asked.toggle_fullscreen = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) ui.show_help = !ui.show_help;
  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false) && !io.WantTextInput) {
    if (doc.job.running)
      asked.cancel_job = true;
    else if (ui.viewer.open)
      ui.viewer.open = false;
    else if (ui.presenting)
      asked.toggle_presentation = true;
  }
  return asked;
}

AnimationNow AnimationNowOf(const ViewContext& ctx) {
  const AnimationModel& m = ctx.animation.model;
  return AnimationNow{m.clock, m.playing, m.speed};
}

void HandlePlatformLessonRequests(AppState& state, const ViewContext& ctx, bool scripted,
                                  Window& window) {
  FrameRequests& r = state.requests;
  if (r.toggle_presentation) {
    state.ui.presenting = !state.ui.presenting;
    // A presentation fills the screen; scripted runs keep their --size.
    if (!scripted && state.ui.presenting != window.Fullscreen()) window.ToggleFullscreen();
  }
  r.toggle_presentation = false;
  if (r.copy_command) {
    r.copy_command = false;
    try {
      const std::string stem = (CommandWeightsFolder() / "edited").string();
      const std::string cmd = CommandLineFor(state, AnimationNowOf(ctx), stem);
      ImGui::SetClipboardText(cmd.c_str());
      state.doc.job.message = "copied: " + cmd;
    } catch (const Error& e) {
      state.ui.banner = Banner{std::string("Could not copy the command line: ") + e.what(), true};
    }
  }
}

void StartRequestedRecording(AppState& state, ViewContext& ctx, AnimationRecorder& recorder,
                             bool scripted, bool* script_done) {
  if (ctx.animation_export.start) {
    ctx.animation_export.start = false;
    const Outcome started = recorder.Start(ctx.animation_export, state, ctx, ctx.base_font_size);
    if (!started.ok()) {
      state.ui.banner = Banner{"Could not export the animation: " + started.why(), true};
      if (scripted) *script_done = true;
    } else {
      state.doc.job.message = "recording the animation into " + ctx.animation_export.path + " ...";
    }
  }
  if (state.requests.cancel_recording) recorder.Cancel();
  state.requests.cancel_recording = false;
}

void PumpRecording(AppState& state, const ViewContext& ctx, AnimationRecorder& recorder) {
  if (recorder.Running()) {
    if (const std::string stale = recorder.StaleReason(state, ctx.textures); !stale.empty()) {
      recorder.Cancel();
      state.ui.banner = Banner{"The animation export stopped: " + stale +
                                   " while it was recording. Nothing was written; export again.",
                               true};
    } else {
      // As much as fits in 12 ms of this frame (at least one export frame); scripted runs
      // record at the same pace, so their frame times are what a user gets.
      recorder.Pump(12.0);
    }
  }
  state.ui.recording.running = recorder.Running();
  state.ui.recording.path = ctx.animation_export.path;
  state.ui.recording.frames_total = recorder.Plan().frames;
  state.ui.recording.frames_done = recorder.FramesDone();
  state.ui.recording.progress = recorder.Progress();
}

void FinishRecording(AppState& state, AnimationRecorder& recorder, bool scripted,
                     std::string* script_failure, bool* script_done) {
  std::optional<EncodeOutcome> done = recorder.TakeFinished();
  if (!done) return;
  if (done->ok) {
    char took[96];
    std::snprintf(took, sizeof took, " (%d frames in %.1f s, %.1f frames/s)", done->frames,
                  recorder.LastSeconds(), done->frames / std::max(recorder.LastSeconds(), 1e-6));
    state.doc.job.message = "saved the animation: " + done->path + took;
    if (scripted) std::printf("sepconv-lab: %s\n", state.doc.job.message.c_str());
  } else if (done->cancelled) {
    if (!state.ui.banner.error)
      state.doc.job.message = "animation export cancelled: nothing was left behind";
    if (scripted && script_failure->empty())
      *script_failure =
          state.ui.banner.error ? state.ui.banner.text : "the animation export was cancelled";
  } else {
    state.ui.banner = Banner{"Could not export the animation: " + done->error, true};
    if (script_failure->empty()) *script_failure = state.ui.banner.text;
  }
  if (scripted) *script_done = true;
  state.ui.recording = RecordingStatus{};
}

}  // namespace sepconv::app
