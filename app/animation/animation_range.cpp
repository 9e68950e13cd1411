// The stretch of the animation an export records; see animation_range.h.
#include "animation/animation_range.h"

#include <algorithm>
#include <cmath>

#include "trace.h"

namespace sepconv::app {
namespace {

// Multiplications done before output `index` (channel, row, column order) of a walk;
// the walk's total for one past its last output.
int64_t MultsBeforeIndex(const LayerWalk& w, int64_t index) {
  const int64_t per_channel = int64_t(w.out.h) * w.out.w;
  if (index >= per_channel * w.out.c) return w.total;
  const int oc = int(index / per_channel);
  const int64_t in_channel = index % per_channel;
  return mults_before_output(w.params, w.out, oc, int(in_channel / w.out.w),
                             int(in_channel % w.out.w));
}

}  // namespace

const char* ToString(RecordRange range) {
  switch (range) {
    case RecordRange::FromHere:
      return "here";
    case RecordRange::Output:
      return "output";
    case RecordRange::Row:
      return "row";
    case RecordRange::Layer:
      return "layer";
  }
  return "here";
}

std::optional<RecordRange> ParseRecordRange(const std::string& text) {
  for (RecordRange r :
       {RecordRange::FromHere, RecordRange::Output, RecordRange::Row, RecordRange::Layer}) {
    if (text == ToString(r)) return r;
  }
  return std::nullopt;
}

Outcome PlanRecording(const AnimationModel& m, const RecordRequest& request, RecordPlan* plan) {
  if (!HasWalks(m)) return Outcome::Failure("there is no computed result to animate");
  if (!(request.seconds > 0) || request.seconds > 3600)
    return Outcome::Failure("the length must be above 0 and at most 3600 seconds");
  if (request.fps < 1 || request.fps > kMaxRecordFps)
    return Outcome::Failure("the frame rate must be 1 to " + std::to_string(kMaxRecordFps) +
                            " frames per second");
  const double wanted = std::round(request.seconds * request.fps);
  if (wanted > kMaxRecordFrames)
    return Outcome::Failure("that is " + std::to_string(int64_t(wanted)) +
                            " frames, above the limit of " + std::to_string(kMaxRecordFrames));
  const int frames = std::max(1, int(wanted));
  const int64_t end = ClockEnd(m);
  RecordPlan p;
  if (request.range == RecordRange::FromHere) {
    p.first = m.clock;
    p.step = std::max(m.speed, 1e-9) / request.fps;
    // Frames past the end would all show the end: the file stops there instead.
    const double to_end = double(end - p.first) / p.step;
    p.frames = int(std::min<double>(frames, std::floor(to_end) + 1));
    p.frames = std::max(p.frames, 1);
    p.last = std::min<int64_t>(end, p.first + int64_t(std::llround((p.frames - 1) * p.step)));
    *plan = p;
    return {};
  }
  if (request.range == RecordRange::Layer) {
    p.first = 0;
    p.last = end;
  } else {
    const LayerWalk& w = WalkOf(m, request.path);
    const WalkPosition at = PositionOf(m, request.path);
    // Before the path starts, its first output; once it is done, its last one.
    const int64_t count = int64_t(w.out.c) * w.out.h * w.out.w;
    const int64_t index = std::clamp<int64_t>(at.started() ? at.output_index : 0, 0, count - 1);
    int64_t from = index, to = index + 1;
    if (request.range == RecordRange::Row) {
      from = index - index % w.out.w;
      to = from + w.out.w;
    }
    const int64_t offset = request.path == AnimPath::Pointwise ? m.depthwise.total : 0;
    // From the window with its first product done to the final sum.
    p.first = offset + MultsBeforeIndex(w, from) + 1;
    p.last = offset + MultsBeforeIndex(w, to);
  }
  p.frames = frames;
  p.step = frames > 1 ? double(p.last - p.first) / (frames - 1) : 0;
  *plan = p;
  return {};
}

int64_t ClockOfFrame(const RecordPlan& plan, int i) {
  if (i <= 0) return plan.first;
  if (i >= plan.frames - 1) return plan.last;
  return std::min(plan.last, plan.first + int64_t(std::llround(i * plan.step)));
}

}  // namespace sepconv::app
