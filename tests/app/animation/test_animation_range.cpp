// What an animation export records: the clock of every frame for each range (from here
// at the current speed, one output, one row, the whole layer), checked against the walk
// totals of a small layer, and the refusals.
#include <gtest/gtest.h>

#include "animation/animation_range.h"
#include "small_lesson.h"

using namespace sepconv::app;
using sepconv::app::testing::SmallLesson;

namespace {

RecordPlan PlanOf(const AnimationModel& m, RecordRange range, AnimPath path, double seconds,
                  int fps) {
  RecordRequest r;
  r.range = range;
  r.path = path;
  r.seconds = seconds;
  r.fps = fps;
  RecordPlan plan;
  EXPECT_EQ(PlanRecording(m, r, &plan).why(), "");
  return plan;
}

}  // namespace

TEST(AnimationRange, FromHereStepsAtTheCurrentSpeed) {
  SmallLesson l;
  Seek(l.model, 10);
  l.model.speed = 30;
  const RecordPlan p = PlanOf(l.model, RecordRange::FromHere, AnimPath::Standard, 2, 10);
  EXPECT_EQ(p.frames, 20);
  EXPECT_DOUBLE_EQ(p.step, 3.0);
  EXPECT_EQ(p.first, 10);
  EXPECT_EQ(p.last, 10 + 19 * 3);
  for (int i = 0; i < p.frames; ++i) EXPECT_EQ(ClockOfFrame(p, i), 10 + 3 * i);
}

TEST(AnimationRange, FromHereStopsWhereTheAnimationEnds) {
  SmallLesson l;
  const int64_t end = ClockEnd(l.model);
  Seek(l.model, end - 5);
  l.model.speed = 30;
  const RecordPlan p = PlanOf(l.model, RecordRange::FromHere, AnimPath::Standard, 10, 10);
  // Steps of 3 from end - 5: end - 5 and end - 2; a third frame would pass the end.
  EXPECT_EQ(p.frames, 2);
  EXPECT_EQ(ClockOfFrame(p, 0), end - 5);
  EXPECT_EQ(ClockOfFrame(p, 1), end - 2);
  Seek(l.model, end);
  EXPECT_EQ(PlanOf(l.model, RecordRange::FromHere, AnimPath::Standard, 10, 10).frames, 1);
}

TEST(AnimationRange, OneOutputRunsFromItsFirstProductToItsSum) {
  SmallLesson l;
  const int64_t taps = l.model.standard.taps;  // 3 x 3 x 3, no products skipped
  ASSERT_EQ(taps, 27);
  Seek(l.model, 4 * taps + 5);  // the standard path is inside output 4
  const RecordPlan p = PlanOf(l.model, RecordRange::Output, AnimPath::Standard, 1, 27);
  EXPECT_EQ(p.first, 4 * taps + 1);
  EXPECT_EQ(p.last, 5 * taps);
  EXPECT_EQ(p.frames, 27);
  for (int i = 0; i < p.frames; ++i) EXPECT_EQ(ClockOfFrame(p, i), 4 * taps + 1 + i);
}

TEST(AnimationRange, APointwiseOutputStartsAfterTheDepthwiseStage) {
  SmallLesson l;
  const int64_t dw = l.model.depthwise.total, taps = l.model.pointwise.taps;
  ASSERT_EQ(taps, 3);
  Seek(l.model, dw + 2 * taps + 1);  // pointwise output 2 in progress
  const RecordPlan p = PlanOf(l.model, RecordRange::Output, AnimPath::Pointwise, 1, 10);
  EXPECT_EQ(p.first, dw + 2 * taps + 1);
  EXPECT_EQ(p.last, dw + 3 * taps);
  // Before the pointwise stage starts, its first output.
  Seek(l.model, 5);
  const RecordPlan before = PlanOf(l.model, RecordRange::Output, AnimPath::Pointwise, 1, 10);
  EXPECT_EQ(before.first, dw + 1);
  EXPECT_EQ(before.last, dw + taps);
}

TEST(AnimationRange, OneRowCoversEveryOutputOfTheRow) {
  SmallLesson l;
  const int64_t taps = l.model.depthwise.taps;  // 3 x 3
  const int wo = l.model.depthwise.out.w;       // 3
  ASSERT_EQ(taps, 9);
  ASSERT_EQ(wo, 3);
  Seek(l.model, 4 * taps + 2);  // depthwise output 4: channel 0, row 1, column 1
  const RecordPlan p = PlanOf(l.model, RecordRange::Row, AnimPath::Depthwise, 2, 10);
  EXPECT_EQ(p.first, 3 * taps + 1);
  EXPECT_EQ(p.last, 6 * taps);
  EXPECT_EQ(p.frames, 20);
  EXPECT_EQ(ClockOfFrame(p, 0), p.first);
  EXPECT_EQ(ClockOfFrame(p, 19), p.last);
}

TEST(AnimationRange, TheWholeLayerFitsTheSecondsAsked) {
  SmallLesson l;
  Seek(l.model, 100);  // the position does not matter
  const RecordPlan p = PlanOf(l.model, RecordRange::Layer, AnimPath::Standard, 3, 25);
  EXPECT_EQ(p.frames, 75);
  EXPECT_EQ(ClockOfFrame(p, 0), 0);
  EXPECT_EQ(ClockOfFrame(p, 74), ClockEnd(l.model));
  for (int i = 1; i < p.frames; ++i) {
    EXPECT_GE(ClockOfFrame(p, i), ClockOfFrame(p, i - 1));
    EXPECT_NEAR(double(ClockOfFrame(p, i)), i * p.step, 0.5);
  }
}

TEST(AnimationRange, RefusalsSayWhy) {
  SmallLesson l;
  RecordRequest r;
  RecordPlan p;
  r.seconds = 0;
  EXPECT_NE(PlanRecording(l.model, r, &p).why().find("seconds"), std::string::npos);
  r.seconds = 5;
  r.fps = kMaxRecordFps + 1;
  EXPECT_NE(PlanRecording(l.model, r, &p).why().find("frame rate"), std::string::npos);
  r.fps = 60;
  r.seconds = 3600;
  EXPECT_EQ(PlanRecording(l.model, r, &p).why(), "");  // exactly the limit
  r.range = RecordRange::Layer;
  // From 0 at 20 mults/s and 60 frames/s, this layer's 972 multiplications end after
  // 972 / (20 / 60) = 2916 steps: 2917 frames, well short of the hour asked.
  EXPECT_EQ(p.frames, 2917);
  EXPECT_EQ(PlanRecording(l.model, r, &p).why(), "");
  EXPECT_EQ(p.frames, kMaxRecordFrames);
  AnimationModel empty;
  EXPECT_NE(PlanRecording(empty, r, &p).why().find("no computed result"), std::string::npos);
  EXPECT_EQ(ParseRecordRange("row"), RecordRange::Row);
  EXPECT_EQ(ParseRecordRange("rows"), std::nullopt);
}
