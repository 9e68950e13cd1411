// File > Export animation and --export-animation: renders the animation's frames off
// screen from a snapshot of the view, a few per window frame within a time budget, and
// hands them to the encoder thread. Frame i shows the clock of the plan's frame i.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "animation/animation_range.h"
#include "export/encode_queue.h"
#include "render/offscreen_ui.h"
#include "state/app_state.h"
#include "state/outcome.h"
#include "views/view_context.h"

namespace sepconv::app {

class AnimationRecorder {
 public:
  AnimationRecorder();
  ~AnimationRecorder();
  AnimationRecorder(const AnimationRecorder&) = delete;
  AnimationRecorder& operator=(const AnimationRecorder&) = delete;

  // Plans `choice` from the live animation's position and speed and starts recording a
  // snapshot of `state` and `ctx`, drawn with the window's current style at `font_size`.
  // Fails with why not (nothing is written then). Call with the GL context current,
  // outside the window's ImGui frame.
  Outcome Start(const AnimationExportChoice& choice, const AppState& state, const ViewContext& ctx,
                float font_size);
  // Renders and hands over frames while the encoder has room, for about `budget_ms`
  // (at least one frame when there is room).
  void Pump(double budget_ms);
  // Why the snapshot no longer matches what the window shows ("" while it does): a new
  // image or result, or textures the renderer replaced.
  std::string StaleReason(const AppState& live, const ViewTextures& live_textures) const;
  void Cancel();
  bool Running() const { return queue_ != nullptr; }
  const RecordPlan& Plan() const { return plan_; }
  // Frames encoded so far, and over the plan's frame count (0..1).
  int FramesDone() const;
  double Progress() const;
  // Once the encoder is done: the outcome; the recorder is then idle again.
  std::optional<EncodeOutcome> TakeFinished();
  // Seconds from Start to the end of the last recording taken.
  double LastSeconds() const { return last_seconds_; }

 private:
  void RenderFrame(int64_t clock, std::vector<uint8_t>* rgba);

  std::unique_ptr<OffscreenUi> ui_;
  std::unique_ptr<EncodeQueue> queue_;
  AppState state_;
  ViewContext ctx_;
  RecordPlan plan_;
  bool whole_window_ = false;
  int palette_samples_ = 0;
  float seconds_per_frame_ = 1.0f / 30;
  bool warmed_ = false;
  std::chrono::steady_clock::time_point started_;
  double last_seconds_ = 0;
};

}  // namespace sepconv::app
