// The animation export's frames; see animation_recorder.h.
#include "render/animation_recorder.h"

#include <chrono>
#include <cmath>
#include <exception>

#include "views/views.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

// A GIF's one palette is built from frames spread over the range (animation_writer.h).
constexpr int kGifPaletteSamples = 5;

}  // namespace

AnimationRecorder::AnimationRecorder() = default;
AnimationRecorder::~AnimationRecorder() = default;

Outcome AnimationRecorder::Start(const AnimationExportChoice& choice, const AppState& state,
                                 const ViewContext& ctx, float font_size) {
  if (Running()) return Outcome::Failure("an animation is already being recorded");
  if (!state.doc.result) return Outcome::Failure("there is no computed result to animate");
  // The model as the Animation tab would show it (the tab attaches it when drawn).
  AnimationModel model = ctx.animation.model;
  if (model.result != state.doc.result) AttachResult(model, state.doc.result);
  RecordPlan plan;
  if (Outcome planned = PlanRecording(model, choice.request, &plan); !planned.ok()) return planned;
  AnimationSpec spec;
  spec.path = choice.path;
  spec.width = choice.width;
  spec.height = choice.height;
  spec.fps = choice.request.fps;
  spec.layout = PixelLayout::Rgba;
  spec.overwrite = choice.overwrite;
  AnimationFormat format;
  try {
    format = AnimationFormatFor(spec.path);
  } catch (const std::exception& e) {
    return Outcome::Failure(e.what());
  }
  auto ui = std::make_unique<OffscreenUi>();
  if (Outcome made = ui->Init(spec.width, spec.height, font_size, ImGui::GetStyle()); !made.ok())
    return made;

  // The snapshot: what the window shows now, without its one-shot requests and the
  // dialogs that would cover the picture.
  state_ = state;
  state_.requests = FrameRequests{};
  state_.ui.exporting.dialog_open = false;
  state_.ui.browser.open = false;
  state_.ui.show_help = state_.ui.show_about = false;
  state_.ui.lesson_dialog = LessonDialog{};
  state_.ui.banner = Banner{};
  state_.requests.select_tab = LessonTab::Animation;
  ctx_ = ctx;
  ctx_.text_capture = nullptr;
  ctx_.animation_export = AnimationExportChoice{};
  ctx_.animation.model = std::move(model);
  ctx_.animation.keyboard = false;
  ctx_.animation.model.playing = false;
  whole_window_ = choice.whole_window;
  plan_ = plan;
  seconds_per_frame_ = 1.0f / float(spec.fps);
  palette_samples_ = format == AnimationFormat::Gif ? kGifPaletteSamples : 0;
  warmed_ = false;
  ui_ = std::move(ui);
  started_ = std::chrono::steady_clock::now();
  queue_ = std::make_unique<EncodeQueue>(spec, palette_samples_, plan.frames, /*bottom_up=*/true);
  return {};
}

void AnimationRecorder::RenderFrame(int64_t clock, std::vector<uint8_t>* rgba) {
  AnimationModel& m = ctx_.animation.model;
  Seek(m, clock);
  m.playing = false;
  m.carry = 0;
  const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(CurrentPalette().clear);
  ui_->Render(
      [&] {
        ctx_.rects.clear();
        if (whole_window_)
          DrawApp(state_, ctx_);
        else
          DrawAnimationAlone(state_, ctx_);
      },
      clear, seconds_per_frame_, rgba);
}

void AnimationRecorder::Pump(double budget_ms) {
  if (!queue_) return;
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  std::vector<uint8_t> rgba;
  if (!warmed_ && queue_->WantsFrame()) {
    // A new ImGui context sizes its windows on the first frames: those are not shown.
    for (int i = 0; i < 2; ++i) RenderFrame(plan_.first, &rgba);
    warmed_ = true;
  }
  while (queue_->WantsFrame()) {
    const int k = queue_->Pushed();
    int64_t clock;
    if (k < palette_samples_) {
      const int index =
          int(std::lround(double(k) * (plan_.frames - 1) / std::max(1, palette_samples_ - 1)));
      clock = ClockOfFrame(plan_, index);
    } else {
      clock = ClockOfFrame(plan_, k - palette_samples_);
    }
    RenderFrame(clock, &rgba);
    queue_->Push(std::move(rgba));
    rgba = {};
    if (std::chrono::duration<double, std::milli>(Clock::now() - start).count() >= budget_ms) break;
  }
}

std::string AnimationRecorder::StaleReason(const AppState& live,
                                           const ViewTextures& live_textures) const {
  if (!Running()) return "";
  if (live.doc.result != state_.doc.result || live.doc.input.revision != state_.doc.input.revision)
    return "the image or the layer changed";
  const ViewTextures& t = ctx_.textures;
  if (live_textures.image_rgb != t.image_rgb) return "the image was replaced";
  if (whole_window_ &&
      (live_textures.input != t.input || live_textures.standard != t.standard ||
       live_textures.separable != t.separable || live_textures.intermediate != t.intermediate ||
       live_textures.viewer != t.viewer))
    return "the window's pictures were redrawn";
  return "";
}

void AnimationRecorder::Cancel() {
  if (queue_) queue_->Cancel();
}

int AnimationRecorder::FramesDone() const {
  return queue_ ? int(std::lround(queue_->Progress() * plan_.frames)) : 0;
}

double AnimationRecorder::Progress() const {
  return queue_ ? queue_->Progress() : 0;
}

std::optional<EncodeOutcome> AnimationRecorder::TakeFinished() {
  if (!queue_) return std::nullopt;
  std::optional<EncodeOutcome> done = queue_->TakeFinished();
  if (!done) return std::nullopt;
  last_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  queue_.reset();
  ui_.reset();
  state_ = AppState{};  // lets go of the snapshot's result
  ctx_ = ViewContext{};
  return done;
}

}  // namespace sepconv::app
