// The reference engine: hand-computed cases, instrumented counts against the closed
// form over a parameter grid, and the separable == composed standard identity.
#include <gtest/gtest.h>

#include "core/test_util.h"
#include "cost.h"
#include "error.h"
#include "presets.h"
#include "reference/conv2d.h"
#include "reference/separable.h"

using namespace sepconv;
using sepconv::testing::max_abs_difference;
using sepconv::testing::random_tensor;

namespace {

ConvParams params(int in, int out, int k, int groups = 1) {
  ConvParams p;
  p.in_channels = in;
  p.out_channels = out;
  p.kernel_h = p.kernel_w = k;
  p.groups = groups;
  return p;
}

Tensor tensor_from(std::vector<int> shape, std::vector<float> values) {
  Tensor t(std::move(shape));
  t.values().assign(values.begin(), values.end());
  return t;
}

}  // namespace

TEST(Reference, HandComputedValidCorrelation) {
  // 1 channel 3x3 input, 2x2 kernel, valid: out[y][x] = sum in[y+i][x+j] * k[i][j].
  const Tensor in = tensor_from({1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  const Tensor w = tensor_from({1, 1, 2, 2}, {1, 0, 0, -1});
  const Tensor out = reference::conv2d(in, w, {}, params(1, 1, 2));
  ASSERT_EQ(out.shape(), (std::vector<int>{1, 2, 2}));
  for (float v : out.values()) EXPECT_FLOAT_EQ(v, -4.0f);  // a - (a + 4)
}

TEST(Reference, TrueConvolutionFlipsTheKernel) {
  const Tensor in = tensor_from({1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  const Tensor w = tensor_from({1, 1, 2, 2}, {1, 0, 0, -1});
  ConvParams p = params(1, 1, 2);
  p.flip_kernel = true;
  const Tensor out = reference::conv2d(in, w, {}, p);
  for (float v : out.values()) EXPECT_FLOAT_EQ(v, 4.0f);  // -a + (a + 4)
}

TEST(Reference, PaddingModesReadTheDocumentedValues) {
  // 1x1x3 row [1 2 3], kernel 1x3 picking the left neighbour, padding 1 on the left.
  const Tensor in = tensor_from({1, 1, 3}, {1, 2, 3});
  const Tensor w = tensor_from({1, 1, 1, 3}, {1, 0, 0});
  ConvParams p = params(1, 1, 1);
  p.kernel_w = 3;
  p.padding.left = p.padding.right = 1;
  p.pad_mode = PadMode::Zero;
  EXPECT_FLOAT_EQ(reference::conv2d(in, w, {}, p).at(0, 0, 0), 0.0f);
  p.pad_mode = PadMode::Replicate;
  EXPECT_FLOAT_EQ(reference::conv2d(in, w, {}, p).at(0, 0, 0), 1.0f);
  p.pad_mode = PadMode::Reflect;
  EXPECT_FLOAT_EQ(reference::conv2d(in, w, {}, p).at(0, 0, 0), 2.0f);
}

TEST(Reference, BiasIsAddedOncePerOutput) {
  const Tensor in = tensor_from({1, 2, 2}, {1, 1, 1, 1});
  const Tensor w = tensor_from({2, 1, 1, 1}, {2, 3});
  OpCounts counts;
  const Tensor out = reference::conv2d(in, w, {10, 20}, params(1, 2, 1), &counts);
  EXPECT_FLOAT_EQ(out.at(0, 0, 0), 12.0f);
  EXPECT_FLOAT_EQ(out.at(1, 1, 1), 23.0f);
  EXPECT_EQ(counts.mults, 8);
  EXPECT_EQ(counts.adds, 8);  // one bias add per output, no other sums for a 1-tap kernel
}

TEST(Reference, DepthMultiplierMapsOutputsToTheirInputChannel) {
  // M = 2, K = 2: outputs 0,1 read channel 0 and outputs 2,3 read channel 1.
  const Tensor in = tensor_from({2, 1, 1}, {3, 5});
  const Tensor w = tensor_from({4, 1, 1, 1}, {1, 2, 3, 4});
  const Tensor out = reference::conv2d(in, w, {}, params(2, 4, 1, 2));
  EXPECT_EQ(out.to_vector(), (std::vector<float>{3, 6, 15, 20}));
}

TEST(Reference, InstrumentedCountsEqualTheClosedFormOverAGrid) {
  int cases = 0;
  for (int k : {1, 2, 3, 5})
    for (int stride : {1, 2})
      for (int dilation : {1, 2})
        for (int groups : {1, 2, 4})
          for (PadMode mode : {PadMode::Zero, PadMode::Reflect, PadMode::Replicate})
            for (bool bias : {false, true}) {
              ConvParams p = params(4, 8, k, groups);
              p.stride_h = p.stride_w = stride;
              p.dilation_h = p.dilation_w = dilation;
              p.padding = {1, 1, 1, 1};
              p.pad_mode = mode;
              p.has_bias = bias;
              const int h = 9, w = 7;
              const Tensor in = random_tensor({4, h, w}, 1);
              const Tensor wt = random_tensor({8, 4 / groups, k, k}, 2);
              std::vector<float> b;
              if (bias) b.assign(8, 0.5f);
              OpCounts counts;
              reference::conv2d(in, wt, b, p, &counts);
              const OpCost c = conv_cost(p, h, w);
              ASSERT_EQ(counts.mults, c.mults)
                  << "k " << k << " s " << stride << " d " << dilation << " g " << groups;
              ASSERT_EQ(counts.adds, c.adds) << "k " << k << " bias " << bias;
              ++cases;
            }
  EXPECT_EQ(cases, 4 * 2 * 2 * 3 * 3 * 2);
}

TEST(Reference, PaddedMultiplicationsAreCountedSeparately) {
  // 3x3 kernel, same padding on a 4x4 image: border outputs read padding.
  ConvParams p = params(1, 1, 3);
  p.padding = {1, 1, 1, 1};
  OpCounts counts;
  reference::conv2d(random_tensor({1, 4, 4}, 3), random_tensor({1, 1, 3, 3}, 4), {}, p, &counts);
  EXPECT_EQ(counts.mults, 16 * 9);
  // Padded taps: the 6x6 padded grid has 20 border cells; count reads per position.
  int64_t expected = 0;
  for (int oy = 0; oy < 4; ++oy)
    for (int ox = 0; ox < 4; ++ox)
      for (int ky = 0; ky < 3; ++ky)
        for (int kx = 0; kx < 3; ++kx) {
          const int y = oy - 1 + ky, x = ox - 1 + kx;
          expected += (y < 0 || y >= 4 || x < 0 || x >= 4);
        }
  EXPECT_EQ(counts.padded_mults, expected);
}

TEST(Reference, SeparableEqualsStandardWithTheComposedKernel) {
  for (PadMode mode : {PadMode::Zero, PadMode::Reflect, PadMode::Replicate})
    for (int stride : {1, 2})
      for (int dk : {1, 3, 5}) {
        LayerSpec s;
        s.dk = dk;
        s.m = 5;
        s.n = 7;
        s.stride = stride;
        s.pad_mode = mode;
        const int h = 13, w = 11;
        const Tensor in = random_tensor({5, h, w}, 10);
        const Tensor dw = random_tensor({5, 1, dk, dk}, 11);
        const Tensor pw = random_tensor({7, 5, 1, 1}, 12);
        const std::vector<float> db = {0.1f, -0.2f, 0.3f, 0.f, 1.f}, pb(7, 0.25f);
        ConvParams dp = depthwise_params(s, h, w), pp = pointwise_params(s),
                   sp = standard_params(s, h, w);
        dp.has_bias = pp.has_bias = sp.has_bias = true;
        const auto sep = reference::separable(in, dw, db, pw, pb, dp, pp);
        const Tensor std_out = reference::conv2d(in, reference::compose_separable_weights(dw, pw),
                                                 reference::compose_separable_bias(db, pw, pb), sp);
        ASSERT_EQ(std_out.shape(), sep.output.shape());
        // Different summation order: tolerance relative to the magnitude of the sums (~M*Dk^2).
        EXPECT_LT(max_abs_difference(std_out, sep.output), 1e-5 * 5 * dk * dk)
            << "mode " << to_string(mode) << " stride " << stride << " dk " << dk;
      }
}

TEST(Reference, SpatiallySeparableEqualsTheOuterProductKernel) {
  std::vector<float> col, row;
  ASSERT_TRUE(separable_factors(KernelPreset::SobelX, 5, &col, &row));
  for (PadMode mode : {PadMode::Zero, PadMode::Reflect, PadMode::Replicate})
    for (int stride : {1, 2}) {
      ConvParams p = params(3, 3, 5, 3);
      p.padding = {2, 2, 2, 2};
      p.pad_mode = mode;
      p.stride_h = p.stride_w = stride;
      const Tensor in = random_tensor({3, 12, 15}, 20);
      OpCounts sep_counts, full_counts;
      const Tensor sep = reference::spatially_separable(in, col, row, p, &sep_counts);
      const Tensor full = reference::conv2d(
          in, make_depthwise_weights(KernelPreset::SobelX, 3, 1, 5, 0), {}, p, &full_counts);
      ASSERT_EQ(sep.shape(), full.shape());
      EXPECT_LT(max_abs_difference(sep, full), 1e-4) << to_string(mode) << " stride " << stride;
      EXPECT_LT(sep_counts.mults, full_counts.mults);
    }
}

TEST(Reference, MismatchedWeightsAreAClearError) {
  try {
    reference::conv2d(random_tensor({3, 5, 5}, 1), random_tensor({4, 2, 3, 3}, 2), {},
                      params(3, 4, 3));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "weights shape [4, 2, 3, 3] does not match the layer, expected [4, 3, 3, 3]"),
              std::string::npos)
        << e.what();
  }
}

TEST(Reference, CancellationStopsTheComputation) {
  std::atomic<bool> cancel{true};
  RunControl control;
  control.cancel = &cancel;
  EXPECT_THROW(reference::conv2d(random_tensor({1, 8, 8}, 1), random_tensor({1, 1, 3, 3}, 2), {},
                                 params(1, 1, 3), nullptr, &control),
               Error);
}
