// The animation model without a window: every multiplication visited once in engine
// order, counts equal to the trace, final values equal to the engine, and stepping,
// stepping back and scrubbing all land on the same states.
#include <gtest/gtest.h>

#include "animation/animation_model.h"
#include "small_lesson.h"

using namespace sepconv;
using namespace sepconv::app;
using sepconv::app::testing::SmallLesson;

namespace {

// What a path shows at the current clock, for comparing states.
struct Snapshot {
  int64_t done, index, taps_done;
  float partial;
  bool operator==(const Snapshot&) const = default;
};

Snapshot snap(AnimationModel& m, AnimPath p) {
  const WalkPosition pos = PositionOf(m, p);
  const OutputTrace& t = CurrentTrace(m, p);
  const float partial =
      pos.taps_done ? t.steps[static_cast<size_t>(pos.taps_done - 1)].tap.running_sum : 0.0f;
  return {pos.done, pos.output_index, pos.taps_done, partial};
}

}  // namespace

TEST(AnimationModel, TotalsAreTheClosedForms) {
  SmallLesson l;
  // Output 3 x 3 (stride 2, same padding on 5 x 6).
  EXPECT_EQ(l.model.standard.total, 4 * 9 * 9 * 3);
  EXPECT_EQ(l.model.depthwise.total, 3 * 9 * 9);
  EXPECT_EQ(l.model.pointwise.total, 4 * 9 * 3);
  EXPECT_EQ(ClockEnd(l.model), l.model.standard.total);
}

TEST(AnimationModel, EveryMultiplicationVisitedOnceInEngineOrder) {
  SmallLesson l;
  for (AnimPath p : {AnimPath::Standard, AnimPath::Depthwise, AnimPath::Pointwise}) {
    Reset(l.model);
    const LayerWalk& w = WalkOf(l.model, p);
    const int64_t offset = p == AnimPath::Pointwise ? l.model.depthwise.total : 0;
    Seek(l.model, offset);
    int64_t visited = 0;
    int last_oc = 0, last_oy = 0, last_ox = 0, last_ic = -1, last_ky = -1, last_kx = -1;
    for (int64_t k = 1; k <= w.total; ++k) {
      Step(l.model, 1);
      const WalkPosition pos = PositionOf(l.model, p);
      ASSERT_EQ(pos.done, k) << ToString(p);
      const OutputTrace& t = CurrentTrace(l.model, p);
      const TraceStep& s = t.steps[static_cast<size_t>(pos.taps_done - 1)];
      // The running count equals the trace's cumulative count for this product.
      ASSERT_EQ(s.cumulative_mults, k) << ToString(p);
      // Engine order: each new product is the next (oc, oy, ox, ic, ky, kx) in sequence.
      if (pos.taps_done == 1) {
        ASSERT_TRUE(k == 1 ||
                    std::tie(pos.oc, pos.oy, pos.ox) > std::tie(last_oc, last_oy, last_ox));
      } else {
        ASSERT_GT(std::tie(s.tap.in_channel, s.tap.ky, s.tap.kx),
                  std::tie(last_ic, last_ky, last_kx));
      }
      last_oc = pos.oc, last_oy = pos.oy, last_ox = pos.ox;
      last_ic = s.tap.in_channel, last_ky = s.tap.ky, last_kx = s.tap.kx;
      // When an output completes, its value is the engine's.
      if (pos.taps_done == w.taps) {
        ASSERT_EQ(t.value, w.output->at(pos.oc, pos.oy, pos.ox)) << ToString(p);
        ASSERT_EQ(s.tap.running_sum, t.value);
      }
      ++visited;
    }
    EXPECT_EQ(visited, w.total);
    EXPECT_EQ(PositionOf(l.model, p).outputs_done, w.out.size());
  }
}

TEST(AnimationModel, SeparableRunsDepthwiseThenPointwiseOnTheSharedClock) {
  SmallLesson l;
  Seek(l.model, l.model.depthwise.total - 1);
  EXPECT_FALSE(InPointwiseStage(l.model));
  EXPECT_EQ(DoneOn(l.model, AnimPath::Pointwise), 0);
  Step(l.model, 2);
  EXPECT_TRUE(InPointwiseStage(l.model));
  EXPECT_EQ(DoneOn(l.model, AnimPath::Depthwise), l.model.depthwise.total);
  EXPECT_EQ(DoneOn(l.model, AnimPath::Pointwise), 1);
  EXPECT_EQ(DoneOn(l.model, AnimPath::Standard), l.model.depthwise.total + 1);
  Seek(l.model, SeparableTotal(l.model));
  EXPECT_EQ(PositionOf(l.model, AnimPath::Pointwise).outputs_done, l.model.pointwise.out.size());
  EXPECT_LT(PositionOf(l.model, AnimPath::Standard).outputs_done, l.model.standard.out.size());
}

TEST(AnimationModel, StepBackThenForwardReturnsToTheSameState) {
  SmallLesson l;
  Seek(l.model, 123);
  const Snapshot before = snap(l.model, AnimPath::Standard);
  Step(l.model, -1);
  EXPECT_NE(snap(l.model, AnimPath::Standard), before);
  Step(l.model, 1);
  EXPECT_EQ(snap(l.model, AnimPath::Standard), before);
  Step(l.model, -50);
  Step(l.model, 50);
  EXPECT_EQ(snap(l.model, AnimPath::Standard), before);
}

TEST(AnimationModel, ScrubbingEqualsStepping) {
  for (int64_t j : {0, 1, 26, 27, 28, 240, 500, 971}) {
    SmallLesson stepped, scrubbed;
    for (int64_t i = 0; i < j; ++i) Step(stepped.model, 1);
    Seek(scrubbed.model, 700);
    Seek(scrubbed.model, j);
    for (AnimPath p : {AnimPath::Standard, AnimPath::Depthwise, AnimPath::Pointwise})
      EXPECT_EQ(snap(stepped.model, p), snap(scrubbed.model, p)) << "j " << j << " " << ToString(p);
  }
}

TEST(AnimationModel, JumpToAnOutputShowsItsFirstProduct) {
  SmallLesson l;
  JumpToOutput(l.model, AnimPath::Pointwise, 2, 1, 2);
  const WalkPosition pos = PositionOf(l.model, AnimPath::Pointwise);
  EXPECT_EQ(pos.oc, 2);
  EXPECT_EQ(pos.oy, 1);
  EXPECT_EQ(pos.ox, 2);
  EXPECT_EQ(pos.taps_done, 1);
  EXPECT_EQ(DoneOn(l.model, AnimPath::Depthwise), l.model.depthwise.total);
}

TEST(AnimationModel, PlayingAdvancesBySpeedAndStopsAtTheEnd) {
  SmallLesson l;
  l.model.playing = true;
  l.model.speed = 10;
  Advance(l.model, 0.25);  // 2.5 multiplications: 2 now, half carried
  EXPECT_EQ(l.model.clock, 2);
  Advance(l.model, 0.05);  // 0.5 + 0.5 = 1 more
  EXPECT_EQ(l.model.clock, 3);
  l.model.speed = 1e9;
  Advance(l.model, 1.0);
  EXPECT_EQ(l.model.clock, ClockEnd(l.model));
  EXPECT_FALSE(l.model.playing);
}
