// The spatially separable walk without a window: every multiplication visited once in
// the layer's loop order (column pass, then row pass, channel by channel), its total the
// closed form, and every traced value equal to the layer's.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>
#include <vector>

#include "animation/animation_model.h"
#include "cost.h"
#include "reference/separable.h"
#include "small_lesson.h"

using namespace sepconv;
using namespace sepconv::app;
using sepconv::app::testing::random_tensor;

namespace {

// A depthwise layer with depth multiplier 2 on a 7 x 9 image, columns x rows factors.
struct SpatialLesson {
  LayerSpec spec;
  Tensor input, columns, rows, output;
  std::vector<float> bias;
  ConvParams p;
  SpatialWalk walk;

  SpatialLesson(int stride, int dilation, PadPolicy policy, bool with_bias) {
    spec.m = 2;
    spec.dk = 3;
    spec.depth_multiplier = 2;
    spec.stride = stride;
    spec.dilation = dilation;
    spec.pad_policy = policy;
    spec.pad_mode = PadMode::Replicate;
    input = random_tensor({2, 7, 9}, 5);
    columns = random_tensor({4, 1, 3, 1}, 6);
    rows = random_tensor({4, 1, 1, 3}, 7);
    if (with_bias) bias = {0.5f, -0.25f, 0.125f, 1.0f};
    p = depthwise_params(spec, 7, 9);
    p.has_bias = with_bias;
    output = reference::spatially_separable_layer(input, columns, rows, bias, p);
    walk = MakeSpatialWalk(input, columns, rows, bias, output, p);
  }
};

struct Shape {
  int stride, dilation;
  PadPolicy policy;
  bool bias;
};
const Shape kShapes[] = {{1, 1, PadPolicy::Same, false},
                         {2, 1, PadPolicy::Same, true},
                         {1, 2, PadPolicy::Valid, true},
                         {3, 1, PadPolicy::Valid, false},
                         {2, 2, PadPolicy::Same, false}};

}  // namespace

TEST(SpatialWalk, TheTotalIsTheClosedFormOfBothPasses) {
  for (const Shape& s : kShapes) {
    SpatialLesson l(s.stride, s.dilation, s.policy, s.bias);
    const OpCost cost = spatial_separable_cost(l.p, 7, 9);
    EXPECT_EQ(l.walk.total, cost.mults) << s.stride << " " << s.dilation;
    EXPECT_EQ(static_cast<int64_t>(l.walk.read_columns.size()),
              spatial_columns_read(l.walk.out.w, 3, s.stride, s.dilation));
  }
}

TEST(SpatialWalk, EveryMultiplicationInTheLayersOrderWithItsValues) {
  for (const Shape& s : kShapes) {
    SpatialLesson l(s.stride, s.dilation, s.policy, s.bias);
    const SpatialWalk& w = l.walk;
    // The layer's loops, written out: (channel, pass, row, column or padded column, tap).
    std::vector<std::tuple<int, bool, int, int, int>> order;
    for (int c = 0; c < w.out.c; ++c) {
      for (int oy = 0; oy < w.out.h; ++oy)
        for (int xp : w.read_columns)
          for (int k = 0; k < 3; ++k) order.emplace_back(c, false, oy, xp, k);
      for (int oy = 0; oy < w.out.h; ++oy)
        for (int ox = 0; ox < w.out.w; ++ox)
          for (int k = 0; k < 3; ++k) order.emplace_back(c, true, oy, ox, k);
    }
    ASSERT_EQ(static_cast<int64_t>(order.size()), w.total);
    int64_t outputs = 0;
    for (int64_t d = 1; d <= w.total; ++d) {
      const SpatialPosition pos = SpatialPositionAt(w, d);
      const auto [c, row, oy, x, k] = order[static_cast<size_t>(d - 1)];
      ASSERT_EQ(pos.channel, c) << d;
      ASSERT_EQ(pos.row_pass, row) << d;
      ASSERT_EQ(pos.oy, oy) << d;
      ASSERT_EQ(row ? pos.ox : pos.xp, x) << d;
      ASSERT_EQ(pos.taps_done, k + 1) << d;
      if (!row || pos.taps_done < pos.taps) continue;
      // A finished output: its trace is the layer's value, bit for bit.
      const SpatialTrace t = TraceAt(w, pos);
      ASSERT_EQ(t.value, l.output.at(c, oy, x)) << d;
      ASSERT_EQ(t.steps.back().running_sum, t.value);
      ASSERT_EQ(pos.outputs_done, ++outputs);
    }
    EXPECT_EQ(outputs, w.out.size());
  }
}

TEST(SpatialWalk, ColumnValuesFillInAndUnreadColumnsStayEmpty) {
  SpatialLesson l(3, 1, PadPolicy::Valid, false);  // stride 3 >= Dk: columns 0..8 all read
  SpatialLesson g(2, 2, PadPolicy::Same, false);   // stride 2, dilation 2: one column skipped
  const SpatialWalk& w = g.walk;
  const int padded_w = 9 + g.p.padding.left + g.p.padding.right;
  ASSERT_LT(static_cast<int>(w.read_columns.size()), padded_w);
  int skipped = -1;
  for (int xp = 0; xp < padded_w; ++xp)
    if (!std::binary_search(w.read_columns.begin(), w.read_columns.end(), xp)) skipped = xp;
  ASSERT_GE(skipped, 0);
  // Half way through channel 1's column pass.
  const int64_t done = w.column_mults + w.row_mults + w.column_mults / 2;
  const SpatialPosition pos = SpatialPositionAt(w, done);
  ASSERT_EQ(pos.channel, 1);
  ASSERT_FALSE(pos.row_pass);
  EXPECT_TRUE(ColumnValueDone(w, pos, 0, w.out.h - 1, w.read_columns.back()));
  EXPECT_TRUE(ColumnValueDone(w, pos, 1, 0, w.read_columns.front()));
  EXPECT_FALSE(ColumnValueDone(w, pos, 1, w.out.h - 1, w.read_columns.back()));
  EXPECT_FALSE(ColumnValueDone(w, pos, 2, 0, w.read_columns.front()));
  EXPECT_FALSE(ColumnValueDone(w, pos, 0, 0, skipped));  // never computed
  // Column value counts follow the position: everything before it is done.
  int64_t done_values = 0;
  for (int oy = 0; oy < w.out.h; ++oy)
    for (int xp : w.read_columns) done_values += ColumnValueDone(w, pos, 1, oy, xp) ? 1 : 0;
  EXPECT_EQ(done_values, pos.column_values_done);
  EXPECT_EQ(pos.column_values_done, (w.column_mults / 2) / 3);
  (void)l;
}

TEST(SpatialWalk, OnTheModelsClockBesideTheOtherPaths) {
  sepconv::app::testing::SmallLesson lesson;
  SpatialLesson l(1, 1, PadPolicy::Same, true);
  AnimationModel& m = lesson.model;
  const int64_t without = ClockEnd(m);
  AttachWalks(m, m.standard, m.depthwise, m.pointwise, l.walk);
  EXPECT_TRUE(HasSpatialWalk(m));
  EXPECT_EQ(ClockEnd(m), std::max(without, l.walk.total));
  JumpToSpatialOutput(m, 3, 2, 4);
  const SpatialPosition pos = SpatialPositionOf(m);
  EXPECT_TRUE(pos.row_pass);
  EXPECT_EQ(pos.channel, 3);
  EXPECT_EQ(pos.oy, 2);
  EXPECT_EQ(pos.ox, 4);
  EXPECT_EQ(pos.taps_done, 1);
  const SpatialTrace& t = CurrentSpatialTrace(m);
  EXPECT_TRUE(t.row_pass);
  EXPECT_EQ(t.value, l.output.at(3, 2, 4));
  // The bias starts the row pass's sum: the first running sum is bias + first product.
  EXPECT_EQ(t.steps.front().running_sum, 1.0f + t.steps.front().product);
  Reset(m);
  EXPECT_EQ(SpatialDone(m), 0);
  AttachWalks(m, m.standard, m.depthwise, m.pointwise);
  EXPECT_FALSE(HasSpatialWalk(m));
}
