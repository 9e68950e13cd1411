// Fast depthwise conv2d vs the reference: widths around every SIMD tile, kernel sizes
// with and without a specialisation, stride, dilation, padding modes, flip, bias and
// depth multiplier.
#include <gtest/gtest.h>

#include "conv_case.h"
#include "fast/dw_in_place.h"
#include "fast_test_support.h"

namespace sepconv::fast::testing {
namespace {

struct Kernel {
  int h, w;
};

TEST(FastDepthwise, MatchesReferenceOverGrid) {
  std::mt19937 rng(6);
  const int widths[] = {1, 3, 4, 15, 16, 17, 31, 33, 64, 65, 100};
  const Kernel kernels[] = {{3, 3}, {5, 5}, {7, 7}, {1, 1}, {2, 4}};
  const int channels[] = {3, 24, 40};
  const PadMode modes[] = {PadMode::Zero, PadMode::Reflect, PadMode::Replicate};
  int n = 0, checked = 0;
  for (const IsaKernels* isa : supported_isas()) {
    for (const int w : widths) {
      for (const Kernel k : kernels) {
        for (int stride = 1; stride <= 2; ++stride) {
          for (int dilation = 1; dilation <= 2; ++dilation) {
            for (const PadMode mode : modes) {
              ConvParams p;
              p.in_channels = channels[n % 3];
              p.groups = p.in_channels;
              p.out_channels = p.in_channels * (n % 4 == 0 ? 2 : 1);  // depth multiplier
              p.kernel_h = k.h;
              p.kernel_w = k.w;
              p.stride_h = p.stride_w = stride;
              p.dilation_h = p.dilation_w = dilation;
              std::uniform_int_distribution<int> pad(0, (k.w - 1) * dilation);
              p.padding = {pad(rng), pad(rng), pad(rng), pad(rng)};
              p.pad_mode = mode;
              p.flip_kernel = n % 2 == 1;
              p.has_bias = n % 3 != 2;
              const int h = 3 + n % 5;
              ++n;
              if (!valid_layer(p, h, w)) continue;
              ++checked;
              check_conv_case(p, h, w, *isa, 1 + n % 2, rng, "fast/dw", n % 3 == 0);
              if (HasFailure()) return;
            }
          }
        }
      }
    }
  }
  // Guards against a grid that validate() silently empties.
  EXPECT_GT(checked, n / 2) << checked << " of " << n << " layers checked";
}

TEST(FastDepthwise, AnisotropicStrideAndDilation) {
  std::mt19937 rng(7);
  for (const IsaKernels* isa : supported_isas()) {
    ConvParams p;
    p.in_channels = p.out_channels = p.groups = 24;
    p.kernel_h = 3;
    p.kernel_w = 5;
    p.stride_h = 2;
    p.stride_w = 1;
    p.dilation_h = 1;
    p.dilation_w = 2;
    p.padding = {1, 2, 4, 3};
    p.pad_mode = PadMode::Reflect;
    p.has_bias = true;
    check_conv_case(p, 9, 37, *isa, 2, rng, "fast/dw-general");
    p.stride_h = 1;
    p.stride_w = 2;
    p.kernel_h = p.kernel_w = 7;
    check_conv_case(p, 11, 1919 / 10, *isa, 2, rng, "fast/dw7x7");
  }
}

TEST(FastDepthwise, OddFullWidthRow) {
  std::mt19937 rng(8);
  ConvParams p;
  p.in_channels = p.out_channels = p.groups = 3;
  p.padding = {1, 1, 1, 1};
  p.pad_mode = PadMode::Replicate;
  check_conv_case(p, 4, 1919, best_isa(), 2, rng, "fast/dw3x3");
}

// The row kernels take 3x3 rows in groups of four and 5x5 rows in pairs; a tall image
// splits into several bands whose row counts are not multiples of the group, so the
// groups, their remainders and the band edges all meet the reference.
TEST(FastDepthwise, RowGroupsAcrossBandsAndRemainders) {
  std::mt19937 rng(9);
  for (const IsaKernels* isa : supported_isas()) {
    for (const int k : {3, 5}) {
      for (const bool stream : {false, true}) {
        ConvParams p;
        p.in_channels = p.out_channels = p.groups = 2;
        p.kernel_h = p.kernel_w = k;
        const int pad = k / 2;
        p.padding = {pad, pad, pad, pad};
        p.has_bias = stream;
        check_conv_case(p, 103, 1919, *isa, 2, rng, k == 3 ? "fast/dw3x3" : "fast/dw5x5", stream);
        if (HasFailure()) return;
      }
    }
  }
}

// "Same" 3x3 and 5x5 layers on rows a whole number of vectors wide read the input in
// place (only each row's first and last vector are gathered): every padding mode, a
// depth multiplier, streaming on and off, widths of three vectors and a 1080p row.
TEST(FastDepthwise, InPlaceRowsMatchReference) {
  std::mt19937 rng(10);
  const PadMode modes[] = {PadMode::Zero, PadMode::Reflect, PadMode::Replicate};
  int n = 0;
  for (const IsaKernels* isa : supported_isas()) {
    for (const int k : {3, 5}) {
      for (const PadMode mode : modes) {
        for (const int width : {3 * isa->vector_floats, 5 * isa->vector_floats, 1920}) {
          ConvParams p;
          p.in_channels = p.groups = 2;
          p.out_channels = n % 2 == 0 ? 2 : 4;
          p.kernel_h = p.kernel_w = k;
          // Asymmetric top/bottom padding: rows are picked per output row, any offset works.
          p.padding = {k / 2 + n % 2, k / 2 - n % 2, k / 2, k / 2};
          p.pad_mode = mode;
          p.has_bias = n % 3 == 0;
          p.flip_kernel = n % 4 == 1;
          const int h = width == 1920 ? 9 : 5 + n % 7;
          ++n;
          const Tensor input({p.in_channels, h, width});
          const Tensor out({p.out_channels, h, width});
          ASSERT_TRUE(dw_reads_in_place(p, input, out, *isa)) << "k " << k << " width " << width;
          check_conv_case(p, h, width, *isa, 1 + n % 2, rng, k == 3 ? "fast/dw3x3" : "fast/dw5x5",
                          n % 2 == 0);
          if (HasFailure()) return;
        }
      }
    }
  }
}

// Stride-2 3x3 rows read in place (AVX-512): taps from column 2x - 1 (left padding 1)
// or 2x (left padding 0, as "same" pads an even width), right padding 0-2 so the last
// output vector is whole, partial or gathered, every padding mode above and below, depth
// multiplier 1 and 2, streaming on and off. Other ISAs gather and must agree too.
TEST(FastDepthwise, InPlaceStride2RowsMatchReference) {
  std::mt19937 rng(15);
  const PadMode modes[] = {PadMode::Zero, PadMode::Reflect, PadMode::Replicate};
  int n = 0;
  for (const IsaKernels* isa : supported_isas()) {
    for (const int left : {0, 1}) {
      for (const PadMode mode : modes) {
        for (const int width : {6 * isa->vector_floats, 7 * isa->vector_floats, 1920}) {
          ConvParams p;
          p.in_channels = p.groups = 2;
          p.out_channels = n % 2 == 0 ? 2 : 4;
          p.kernel_h = p.kernel_w = 3;
          p.stride_h = p.stride_w = 2;
          p.padding = {n % 3, (n + 1) % 2, left, (n + left) % 3};
          p.pad_mode = mode;
          p.has_bias = n % 3 == 0;
          p.flip_kernel = n % 4 == 1;
          const int h = width == 1920 ? 7 : 6 + n % 5;
          ++n;
          ASSERT_TRUE(valid_layer(p, h, width)) << describe(p, h, width);
          const Shape3 o = output_shape(p, h, width);
          const Tensor input({p.in_channels, h, width});
          const Tensor out({o.c, o.h, o.w});
          EXPECT_EQ(dw_reads_in_place(p, input, out, *isa), isa->dw_in_place_stride2)
              << describe(p, h, width) << " isa " << isa->name;
          check_conv_case(p, h, width, *isa, 1 + n % 2, rng, "fast/dw3x3", n % 2 == 0);
          if (HasFailure()) return;
        }
      }
    }
  }
}

}  // namespace
}  // namespace sepconv::fast::testing
