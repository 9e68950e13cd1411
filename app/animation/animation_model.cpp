// The animation clock and the per-path positions derived from it.
#include "animation/animation_model.h"

#include <algorithm>
#include <cmath>

namespace sepconv::app {
namespace {
size_t slot(AnimPath p) {
  return static_cast<size_t>(p);
}
}  // namespace

const char* ToString(AnimPath path) {
  switch (path) {
    case AnimPath::Standard:
      return "standard";
    case AnimPath::Depthwise:
      return "depthwise";
    case AnimPath::Pointwise:
      return "pointwise";
  }
  return "standard";
}

LayerWalk MakeWalk(const Tensor& input, const Tensor& weights, const Tensor& output,
                   const ConvParams& params) {
  LayerWalk w;
  w.input = &input;
  w.weights = &weights;
  w.output = &output;
  w.params = params;
  w.out = output_shape(params, input.dim(1), input.dim(2));
  w.taps = params.taps();
  w.total = w.out.size() * w.taps;
  return w;
}

WalkPosition PositionAt(const LayerWalk& walk, int64_t done) {
  WalkPosition p;
  p.done = std::clamp<int64_t>(done, 0, walk.total);
  if (walk.taps == 0 || walk.total == 0) return p;
  p.output_index = p.done == 0 ? 0 : (p.done - 1) / walk.taps;
  p.taps_done = p.done == 0 ? 0 : (p.done - 1) % walk.taps + 1;
  p.outputs_done = p.done / walk.taps;
  const int64_t plane = static_cast<int64_t>(walk.out.h) * walk.out.w;
  p.oc = static_cast<int>(p.output_index / plane);
  p.oy = static_cast<int>(p.output_index % plane / walk.out.w);
  p.ox = static_cast<int>(p.output_index % walk.out.w);
  return p;
}

void AttachWalks(AnimationModel& m, const LayerWalk& standard, const LayerWalk& depthwise,
                 const LayerWalk& pointwise, const SpatialWalk& spatial) {
  m.standard = standard;
  m.depthwise = depthwise;
  m.pointwise = pointwise;
  m.spatial = spatial;
  for (auto& t : m.traces) t = {};
  m.spatial_trace = {};
  Reset(m);
}

void AttachResult(AnimationModel& m, std::shared_ptr<const JobResult> result) {
  m.result = std::move(result);
  if (!m.result || !m.result->input) {
    AttachWalks(m, {}, {}, {});
    return;
  }
  const JobResult& r = *m.result;
  const bool spatial = r.ran_spatial && !r.spatial.empty();
  AttachWalks(m, MakeWalk(*r.input, r.std_weights, r.standard, r.std_params),
              MakeWalk(*r.input, r.dw_weights, r.intermediate, r.dw_params),
              MakeWalk(r.intermediate, r.pw_weights, r.separable, r.pw_params),
              spatial ? MakeSpatialWalk(*r.input, r.spatial_columns, r.spatial_rows, r.dw_bias,
                                        r.spatial, r.dw_params)
                      : SpatialWalk{});
}

bool HasWalks(const AnimationModel& m) {
  return m.standard.total > 0 && m.depthwise.total > 0;
}

int64_t SeparableTotal(const AnimationModel& m) {
  return m.depthwise.total + m.pointwise.total;
}

bool HasSpatialWalk(const AnimationModel& m) {
  return m.spatial.total > 0;
}

int64_t ClockEnd(const AnimationModel& m) {
  return std::max({m.standard.total, SeparableTotal(m), m.spatial.total});
}

int64_t DoneOn(const AnimationModel& m, AnimPath p) {
  switch (p) {
    case AnimPath::Standard:
      return std::min(m.clock, m.standard.total);
    case AnimPath::Depthwise:
      return std::min(m.clock, m.depthwise.total);
    case AnimPath::Pointwise:
      return std::clamp<int64_t>(m.clock - m.depthwise.total, 0, m.pointwise.total);
  }
  return 0;
}

const LayerWalk& WalkOf(const AnimationModel& m, AnimPath p) {
  switch (p) {
    case AnimPath::Standard:
      return m.standard;
    case AnimPath::Depthwise:
      return m.depthwise;
    case AnimPath::Pointwise:
      return m.pointwise;
  }
  return m.standard;
}

WalkPosition PositionOf(const AnimationModel& m, AnimPath p) {
  return PositionAt(WalkOf(m, p), DoneOn(m, p));
}

bool InPointwiseStage(const AnimationModel& m) {
  return m.clock > m.depthwise.total;
}

void Seek(AnimationModel& m, int64_t clock) {
  m.clock = std::clamp<int64_t>(clock, 0, ClockEnd(m));
  m.carry = 0;
  if (m.clock == ClockEnd(m)) m.playing = false;
}

void Step(AnimationModel& m, int64_t delta) {
  Seek(m, m.clock + delta);
}

void Reset(AnimationModel& m) {
  m.clock = 0;
  m.carry = 0;
  m.playing = false;
}

void Play(AnimationModel& m) {
  if (m.clock >= ClockEnd(m)) Reset(m);
  m.playing = true;
}

void TogglePlay(AnimationModel& m) {
  if (m.playing) {
    m.playing = false;
  } else {
    Play(m);
  }
}

const reference::Tap* LastTap(const OutputTrace& t, int64_t taps_done) {
  return taps_done > 0 ? &t.steps[static_cast<size_t>(taps_done - 1)].tap : nullptr;
}

void JumpToOutput(AnimationModel& m, AnimPath p, int oc, int oy, int ox) {
  const LayerWalk& w = WalkOf(m, p);
  const int64_t before = mults_before_output(w.params, w.out, oc, oy, ox);
  // Land on the output's first product, so its window is shown with one product done.
  Seek(m, before + 1 + (p == AnimPath::Pointwise ? m.depthwise.total : 0));
}

void Advance(AnimationModel& m, double seconds) {
  if (!m.playing || seconds <= 0) return;
  m.carry += seconds * m.speed;
  const double whole = std::floor(m.carry);
  const int64_t stop = m.stop_at > m.clock ? std::min(m.stop_at, ClockEnd(m)) : ClockEnd(m);
  const double room = static_cast<double>(stop - m.clock);
  const int64_t steps = static_cast<int64_t>(std::min(whole, room));
  m.carry -= whole;
  m.clock += steps;
  if (m.clock >= stop) {
    m.playing = false;
    m.stop_at = -1;  // Play goes on from here
  }
}

const OutputTrace& CurrentTrace(AnimationModel& m, AnimPath p) {
  AnimationModel::CachedTrace& cache = m.traces[slot(p)];
  const LayerWalk& w = WalkOf(m, p);
  const WalkPosition pos = PositionOf(m, p);
  if (cache.output_index != pos.output_index && w.input) {
    cache.trace = trace_output(*w.input, *w.weights, {}, w.params, pos.oc, pos.oy, pos.ox);
    cache.output_index = pos.output_index;
  }
  return cache.trace;
}

int64_t SpatialDone(const AnimationModel& m) {
  return std::min(m.clock, m.spatial.total);
}

SpatialPosition SpatialPositionOf(const AnimationModel& m) {
  return SpatialPositionAt(m.spatial, SpatialDone(m));
}

const SpatialTrace& CurrentSpatialTrace(AnimationModel& m) {
  const SpatialPosition pos = SpatialPositionOf(m);
  const int64_t key = pos.done == 0 ? 0 : pos.done - pos.taps_done;
  if (m.spatial_trace.key != key && HasSpatialWalk(m)) {
    m.spatial_trace.trace = TraceAt(m.spatial, pos);
    m.spatial_trace.key = key;
  }
  return m.spatial_trace.trace;
}

void JumpToSpatialOutput(AnimationModel& m, int channel, int oy, int ox) {
  // Its first product, as JumpToOutput does.
  Seek(m, SpatialMultsBeforeOutput(m.spatial, channel, oy, ox) + 1);
}

}  // namespace sepconv::app
