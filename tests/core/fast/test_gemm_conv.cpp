// Fast pointwise and im2col+GEMM conv2d vs the reference: channel counts around the
// micro-tile (3, 24, 40), positions around the panel width, groups, stride, dilation,
// padding modes, flip and bias; rows wide enough that blocks read their taps in place,
// with k in one or several slices.
#include <gtest/gtest.h>

#include "conv_case.h"
#include "fast_test_support.h"

namespace sepconv::fast::testing {
namespace {

TEST(FastPointwise, MatchesReference) {
  std::mt19937 rng(11);
  const int channels[] = {3, 24, 40};
  const int outs[] = {1, 7, 8, 24, 40};
  const int sizes[][2] = {{1, 1}, {1, 15}, {3, 16}, {1, 48}, {7, 7}, {1, 97}, {2, 1919}};
  int n = 0;
  for (const IsaKernels* isa : supported_isas()) {
    for (const int m : channels) {
      for (const int o : outs) {
        for (const auto& s : sizes) {
          ConvParams p;
          p.in_channels = m;
          p.out_channels = o;
          p.kernel_h = p.kernel_w = 1;
          p.has_bias = n++ % 2 == 0;
          check_conv_case(p, s[0], s[1], *isa, 1 + n % 2, rng, "fast/pointwise-gemm", n % 3 == 0);
          if (HasFailure()) return;
        }
      }
    }
  }
}

TEST(FastIm2colGemm, MatchesReferenceOverGrid) {
  std::mt19937 rng(12);
  const int ks[] = {1, 3, 5};
  const int sizes[][2] = {{1, 1}, {3, 5}, {6, 17}, {4, 49}, {5, 53}};
  const PadMode modes[] = {PadMode::Zero, PadMode::Reflect, PadMode::Replicate};
  const int in_out[][3] = {{3, 5, 1}, {8, 24, 1}, {3, 40, 1}, {8, 12, 2}, {24, 8, 4}};
  int n = 0, checked = 0;
  for (const IsaKernels* isa : supported_isas()) {
    for (const int k : ks) {
      for (const auto& s : sizes) {
        for (const auto& io : in_out) {
          for (const PadMode mode : modes) {
            ConvParams p;
            p.in_channels = io[0];
            p.out_channels = io[1];
            p.groups = io[2];
            p.kernel_h = p.kernel_w = k;
            p.stride_h = p.stride_w = 1 + n % 2;
            p.dilation_h = p.dilation_w = 1 + n / 2 % 2;
            std::uniform_int_distribution<int> pad(0, (k - 1) * p.dilation_w);
            p.padding = {pad(rng), pad(rng), pad(rng), pad(rng)};
            p.pad_mode = mode;
            p.flip_kernel = n % 3 == 0;
            p.has_bias = n % 4 != 1;
            ++n;
            if (!valid_layer(p, s[0], s[1])) continue;
            ++checked;
            const bool plain = k == 1 && p.stride_h == 1 && p.groups == 1 && p.padding.top == 0 &&
                               p.padding.bottom == 0 && p.padding.left == 0 && p.padding.right == 0;
            check_conv_case(p, s[0], s[1], *isa, 1 + n % 2, rng,
                            plain ? "fast/pointwise-gemm" : "fast/im2col-gemm", n % 3 == 0);
            if (HasFailure()) return;
          }
        }
      }
    }
  }
  // Guards against a grid that validate() silently empties.
  EXPECT_GT(checked, n / 2) << checked << " of " << n << " layers checked";
}

TEST(FastIm2colGemm, StandardLayerAcrossManyBlocks) {
  std::mt19937 rng(13);
  ConvParams p;
  p.in_channels = 16;
  p.out_channels = 16;
  p.padding = {1, 1, 1, 1};
  p.pad_mode = PadMode::Reflect;
  p.has_bias = true;
  check_conv_case(p, 40, 67, best_isa(), 2, rng, "fast/im2col-gemm");
}

// Rows several blocks wide: blocks inside a row read their taps in place (through the
// row table, zero rows above and below a zero-padded image); at the image edges only the
// panels whose taps reach the padding are copied, and blocks across rows are copied; k = 27 .. 1000
// covers one, two, three and six slices of about 144 rows, and N = 10 leaves partial row tiles of
// partial sums on every ISA.
TEST(FastIm2colGemm, TapsReadInPlaceOnWideRows) {
  std::mt19937 rng(14);
  struct Case {
    int in, out, k, groups, stride_h, dilation;
    PadMode mode;
    int h, w;
  };
  const Case cases[] = {
      {3, 8, 3, 1, 1, 1, PadMode::Zero, 9, 517},
      {24, 24, 3, 1, 1, 2, PadMode::Zero, 5, 480},
      {40, 16, 5, 1, 1, 1, PadMode::Reflect, 6, 301},
      {16, 24, 3, 2, 2, 1, PadMode::Replicate, 9, 301},
      {48, 24, 3, 1, 1, 1, PadMode::Zero, 3, 1919},
      {40, 10, 3, 1, 1, 1, PadMode::Zero, 6, 611},
      {40, 8, 5, 1, 2, 2, PadMode::Zero, 11, 263},
  };
  int n = 0;
  for (const IsaKernels* isa : supported_isas()) {
    for (const Case& c : cases) {
      ConvParams p;
      p.in_channels = c.in;
      p.out_channels = c.out;
      p.groups = c.groups;
      p.kernel_h = p.kernel_w = c.k;
      p.stride_h = c.stride_h;
      p.dilation_h = p.dilation_w = c.dilation;
      const int half = (c.k - 1) * c.dilation / 2;
      p.padding = {half, half, half, half};
      p.pad_mode = c.mode;
      p.flip_kernel = n % 2 == 0;
      p.has_bias = n % 3 != 2;
      ++n;
      ASSERT_TRUE(valid_layer(p, c.h, c.w)) << describe(p, c.h, c.w);
      check_conv_case(p, c.h, c.w, *isa, 2, rng, "fast/im2col-gemm", n % 2 == 0);
      if (HasFailure()) return;
    }
  }
}

// Edge blocks split into copied and in-place parts under padding that is uneven or wider
// than a panel (a lead of several panels: 60 columns against nr = 48, 16 or 8), with
// left padding 0 (no lead, only a tail) and replicated rows (copied whole).
TEST(FastIm2colGemm, EdgeBlocksUnderUnevenOrWidePadding) {
  std::mt19937 rng(15);
  struct Case {
    int k, dilation;
    Padding pad;
    PadMode mode;
    int h, w;
  };
  const Case cases[] = {
      {3, 1, {1, 2, 60, 5}, PadMode::Zero, 5, 300},
      {5, 2, {0, 4, 2, 7}, PadMode::Zero, 7, 333},
      {3, 1, {1, 1, 0, 2}, PadMode::Zero, 4, 250},
      {3, 1, {1, 1, 0, 2}, PadMode::Replicate, 4, 250},
  };
  for (const IsaKernels* isa : supported_isas()) {
    for (const Case& c : cases) {
      ConvParams p;
      p.in_channels = 24;
      p.out_channels = 16;
      p.kernel_h = p.kernel_w = c.k;
      p.dilation_h = p.dilation_w = c.dilation;
      p.padding = c.pad;
      p.pad_mode = c.mode;
      p.has_bias = true;
      ASSERT_TRUE(valid_layer(p, c.h, c.w)) << describe(p, c.h, c.w);
      check_conv_case(p, c.h, c.w, *isa, 2, rng, "fast/im2col-gemm");
      if (HasFailure()) return;
    }
  }
}

}  // namespace
}  // namespace sepconv::fast::testing
