// The trace of one output value replays the engine exactly: same value, same order,
// cumulative counts that line up with the engine's iteration.
#include <gtest/gtest.h>

#include "core/test_util.h"
#include "reference/conv2d.h"
#include "trace.h"

using namespace sepconv;
using sepconv::testing::random_tensor;

TEST(Trace, ValuesAndCountsMatchTheEngine) {
  ConvParams p;
  p.in_channels = 4;
  p.out_channels = 6;
  p.kernel_h = p.kernel_w = 3;
  p.groups = 2;
  p.padding = {1, 1, 1, 1};
  p.pad_mode = PadMode::Reflect;
  p.stride_h = p.stride_w = 2;
  p.has_bias = true;
  const Tensor in = random_tensor({4, 9, 8}, 5);
  const Tensor w = random_tensor({6, 2, 3, 3}, 6);
  const std::vector<float> bias = {0.5f, -1, 2, 0, 0.25f, 3};
  const Tensor out = reference::conv2d(in, w, bias, p);
  const int64_t taps = 2 * 9;
  for (int oc = 0; oc < 6; ++oc)
    for (int oy = 0; oy < out.dim(1); ++oy)
      for (int ox = 0; ox < out.dim(2); ++ox) {
        const OutputTrace t = trace_output(in, w, bias, p, oc, oy, ox);
        ASSERT_EQ(t.value, out.at(oc, oy, ox));  // bit-identical: same code, same order
        ASSERT_EQ(static_cast<int64_t>(t.steps.size()), taps);
        const int64_t before =
            ((static_cast<int64_t>(oc) * out.dim(1) + oy) * out.dim(2) + ox) * taps;
        EXPECT_EQ(t.mults_before, before);
        EXPECT_EQ(t.steps.back().cumulative_mults, before + taps);
        EXPECT_EQ(t.steps.back().tap.running_sum, t.value);
        // Group of output oc reads input channels [g*2, g*2+2).
        const int group = oc / 3;
        EXPECT_EQ(t.steps.front().tap.in_channel, group * 2);
        EXPECT_EQ(t.steps.back().tap.in_channel, group * 2 + 1);
      }
}

TEST(Trace, StepsRecordWindowWeightsAndPadding) {
  ConvParams p;
  p.kernel_h = p.kernel_w = 3;
  p.padding = {1, 1, 1, 1};
  const Tensor in = random_tensor({1, 4, 4}, 1);
  const Tensor w = random_tensor({1, 1, 3, 3}, 2);
  const OutputTrace t = trace_output(in, w, {}, p, 0, 0, 0);
  float sum = 0;
  for (size_t i = 0; i < t.steps.size(); ++i) {
    const auto& tap = t.steps[i].tap;
    EXPECT_EQ(tap.iy, static_cast<int>(i) / 3 - 1);
    EXPECT_EQ(tap.ix, static_cast<int>(i) % 3 - 1);
    EXPECT_EQ(tap.padded, tap.iy < 0 || tap.ix < 0);
    EXPECT_EQ(tap.weight, w.at(0, 0, tap.ky, tap.kx));
    EXPECT_EQ(tap.product, tap.input * tap.weight);
    sum += tap.product;
    EXPECT_EQ(tap.running_sum, sum);
  }
  EXPECT_EQ(t.mults_total, 16 * 9);
}

TEST(Trace, PositionOutsideTheOutputIsRejected) {
  ConvParams p;
  p.kernel_h = p.kernel_w = 3;
  const Tensor in = random_tensor({1, 4, 4}, 1);
  const Tensor w = random_tensor({1, 1, 3, 3}, 2);
  EXPECT_THROW(trace_output(in, w, {}, p, 0, 2, 0), Error);  // valid output is 2x2
}
