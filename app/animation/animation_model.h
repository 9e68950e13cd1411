// The animation model (no drawing): where each path is in its computation, on one
// shared clock of multiplications, and the engine's trace of the output being computed.
//
// The clock counts multiplications. Every path does one multiplication per tick, so
// after `clock` ticks the standard path has done min(clock, its total) and the
// separable path has done its depthwise stage first and then its pointwise stage. The
// class sees the separable path finish long before the standard one: that gap is the
// lesson. Positions follow the engine's order (output channel, row, column, then input
// channel, kernel row, kernel column), so the trace of the current output is exactly
// what the engine did.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "animation/spatial_walk.h"
#include "conv_params.h"
#include "state/compute.h"
#include "tensor.h"
#include "trace.h"

namespace sepconv::app {

enum class AnimPath { Standard, Depthwise, Pointwise };
const char* ToString(AnimPath path);

// One conv2d walked in engine order. Pointers stay valid while the model holds its result.
struct LayerWalk {
  const Tensor* input = nullptr;
  const Tensor* weights = nullptr;
  const Tensor* output = nullptr;  // the engine's result, shown as it is "computed"
  ConvParams params;
  Shape3 out;
  int64_t taps = 0;   // multiplications per output value
  int64_t total = 0;  // multiplications of the whole layer
};

LayerWalk MakeWalk(const Tensor& input, const Tensor& weights, const Tensor& output,
                   const ConvParams& params);

// Where a walk stands after `done` multiplications.
struct WalkPosition {
  int64_t done = 0;          // 0..total
  int64_t output_index = 0;  // linear index (channel, row, column) of the output in progress
  int oc = 0, oy = 0, ox = 0;
  int64_t taps_done = 0;     // products of this output done so far, 0..taps
  int64_t outputs_done = 0;  // outputs whose value is complete
  bool started() const { return done > 0; }
};

// After d multiplications the last one done (number d) belongs to output (d-1)/taps,
// so a completed output stays in view with its final sum until the next product starts.
WalkPosition PositionAt(const LayerWalk& walk, int64_t done);

struct AnimationModel {
  std::shared_ptr<const JobResult> result;  // keeps every tensor the walks point to alive
  LayerWalk standard, depthwise, pointwise;
  int64_t clock = 0;  // multiplications elapsed, 0..ClockEnd()
  bool playing = false;
  double speed = 20;  // multiplications per second while playing
  // Playing pauses when the clock reaches this (a lesson step's range); -1 = at the end.
  int64_t stop_at = -1;
  double carry = 0;  // fraction of a multiplication carried between frames

  // The engine trace of each path's current output, recomputed only when it moves on.
  struct CachedTrace {
    int64_t output_index = -1;
    OutputTrace trace;
  };
  CachedTrace traces[3];

  // The spatially separable path (--separable spatial): its own row, on the same clock.
  // total == 0 when it did not run.
  SpatialWalk spatial;
  struct CachedSpatialTrace {
    int64_t key = -1;  // the value in progress: done - taps_done (its first product's index)
    SpatialTrace trace;
  } spatial_trace;
};

// Points the model at a new result and resets to the start (keeps speed).
void AttachResult(AnimationModel& m, std::shared_ptr<const JobResult> result);
// The same for three explicit layers (tests and tools).
void AttachWalks(AnimationModel& m, const LayerWalk& standard, const LayerWalk& depthwise,
                 const LayerWalk& pointwise, const SpatialWalk& spatial = {});
bool HasWalks(const AnimationModel& m);
bool HasSpatialWalk(const AnimationModel& m);

int64_t ClockEnd(const AnimationModel& m);            // when every path is done
int64_t SeparableTotal(const AnimationModel& m);      // depthwise + pointwise multiplications
int64_t DoneOn(const AnimationModel& m, AnimPath p);  // multiplications path p has done
WalkPosition PositionOf(const AnimationModel& m, AnimPath p);
const LayerWalk& WalkOf(const AnimationModel& m, AnimPath p);

void Seek(AnimationModel& m, int64_t clock);  // clamps to 0..ClockEnd
void Step(AnimationModel& m, int64_t delta);  // negative steps back
void Reset(AnimationModel& m);
// Plays (from the start again when at the end, as a teacher pressing Play expects).
void Play(AnimationModel& m);
void TogglePlay(AnimationModel& m);  // the Play/Pause button and Space
// Moves the clock so that path p is about to start output (oc, oy, ox).
void JumpToOutput(AnimationModel& m, AnimPath p, int oc, int oy, int ox);
// Advances a playing model by `seconds` of wall time; stops at the end.
void Advance(AnimationModel& m, double seconds);

// The trace of the output path p is working on (computed by core/trace on demand).
const OutputTrace& CurrentTrace(AnimationModel& m, AnimPath p);

// The spatially separable path: multiplications done, where it stands, and the trace of
// the value in progress (a column value or an output; core/trace, on demand).
int64_t SpatialDone(const AnimationModel& m);
SpatialPosition SpatialPositionOf(const AnimationModel& m);
const SpatialTrace& CurrentSpatialTrace(AnimationModel& m);
// Moves the clock so that the spatial row pass is about to make output (channel, oy, ox).
void JumpToSpatialOutput(AnimationModel& m, int channel, int oy, int ox);

// The product done last after `taps_done` steps of a traced output; null before the first.
const reference::Tap* LastTap(const OutputTrace& t, int64_t taps_done);

// True once the separable path has finished its depthwise stage and works on pointwise.
bool InPointwiseStage(const AnimationModel& m);

}  // namespace sepconv::app
