// Fast separable (fused and unfused) vs the reference depthwise-then-pointwise, values
// and both stages' counts.
#include <gtest/gtest.h>

#include <cmath>

#include "fast/dispatch.h"
#include "fast/dw_in_place.h"
#include "fast_test_support.h"
#include "reference/separable.h"

namespace sepconv::fast::testing {
namespace {

// Magnitude of the whole chain: |pw bias| + sum_m |P[n][m]| * (dw magnitude of m); the
// fast intermediate differs from the reference one by rounding, which P carries along.
Tensor chain_magnitude(const Tensor& dw_mag, const Tensor& pw_weights,
                       const std::vector<float>& pw_bias) {
  const int n = pw_weights.dim(0), m = pw_weights.dim(1);
  Tensor mag({n, dw_mag.dim(1), dw_mag.dim(2)});
  for (int o = 0; o < n; ++o) {
    for (int y = 0; y < dw_mag.dim(1); ++y) {
      for (int x = 0; x < dw_mag.dim(2); ++x) {
        double s = pw_bias.empty() ? 0.0 : std::fabs(pw_bias[static_cast<size_t>(o)]);
        for (int i = 0; i < m; ++i) s += std::fabs(pw_weights.at(o, i, 0, 0)) * dw_mag.at(i, y, x);
        // The chain's rounding can reach twice the single-stage bound.
        mag.at(o, y, x) = static_cast<float>(2.0 * s);
      }
    }
  }
  return mag;
}

// A plain 1x1 layer from m to n channels, the second stage of every case here.
ConvParams pointwise_layer(int m, int n) {
  ConvParams pw;
  pw.in_channels = m;
  pw.out_channels = n;
  pw.kernel_h = pw.kernel_w = 1;
  return pw;
}

void check_separable(const ConvParams& dw, const ConvParams& pw, int h, int w,
                     const IsaKernels& isa, int threads, bool fused, bool stream,
                     std::mt19937& rng) {
  const Tensor input = random_tensor({dw.in_channels, h, w}, rng);
  const Tensor dw_w = random_tensor({dw.out_channels, 1, dw.kernel_h, dw.kernel_w}, rng);
  const Tensor pw_w = random_tensor({pw.out_channels, pw.in_channels, 1, 1}, rng);
  const std::vector<float> dw_b = random_bias(dw.out_channels, dw.has_bias, rng);
  const std::vector<float> pw_b = random_bias(pw.out_channels, pw.has_bias, rng);
  const reference::SeparableResult ref =
      reference::separable(input, dw_w, dw_b, pw_w, pw_b, dw, pw);
  Tensor out, mid;
  OpCounts dwc, pwc;
  FastOptions options{threads, &isa, true};
  if (stream) options.stream_min_floats = 0;
  const std::string kernel = separable(input, dw_w, dw_b, pw_w, pw_b, dw, pw, out, options, &dwc,
                                       &pwc, fused ? nullptr : &mid);
  const std::string what = describe(dw, h, w) + " -> N " + std::to_string(pw.out_channels) +
                           " pw bias " + std::to_string(pw.has_bias) + " isa " + isa.name +
                           " threads " + std::to_string(threads) + " streaming " +
                           std::to_string(stream) + " kernel " + kernel;
  EXPECT_EQ(kernel.find("fast/fused") == 0, fused) << what;
  const Tensor dw_mag = magnitude(input, dw_w, dw_b, dw);
  EXPECT_TRUE(close_to_reference(out, ref.output, chain_magnitude(dw_mag, pw_w, pw_b), what));
  if (!fused) {
    EXPECT_TRUE(close_to_reference(mid, ref.intermediate, dw_mag, what + " (intermediate)"));
  }
  EXPECT_TRUE(same_counts(dwc, ref.depthwise_counts, what + " (depthwise)"));
  EXPECT_TRUE(same_counts(pwc, ref.pointwise_counts, what + " (pointwise)"));
}

TEST(FastSeparable, FusedAndUnfusedMatchReference) {
  std::mt19937 rng(21);
  const int channels[] = {3, 24, 40};
  const int outs[] = {5, 16, 40};
  const int widths[] = {1, 17, 49, 100};
  const int ks[] = {3, 5, 7, 2};
  const PadMode modes[] = {PadMode::Zero, PadMode::Reflect, PadMode::Replicate};
  int n = 0, checked = 0;
  for (const IsaKernels* isa : supported_isas()) {
    for (const int w : widths) {
      for (const int k : ks) {
        for (const PadMode mode : modes) {
          ConvParams dw;
          dw.in_channels = dw.groups = channels[n % 3];
          dw.out_channels = dw.in_channels * (n % 5 == 0 ? 2 : 1);
          dw.kernel_h = dw.kernel_w = k;
          dw.stride_h = dw.stride_w = 1 + n % 2;
          dw.dilation_h = dw.dilation_w = 1 + n / 2 % 2;
          const int pad = (k - 1) * dw.dilation_w / 2;
          dw.padding = {pad, (k - 1) * dw.dilation_h - pad, pad, (k - 1) * dw.dilation_w - pad};
          dw.pad_mode = mode;
          dw.flip_kernel = n % 3 == 0;
          dw.has_bias = n % 2 == 0;
          ConvParams pw = pointwise_layer(dw.out_channels, outs[n / 3 % 3]);
          pw.has_bias = n % 4 < 2;
          const int h = 4 + n % 4;
          ++n;
          if (!valid_layer(dw, h, w)) continue;
          ++checked;
          for (const bool fused : {true, false}) {
            check_separable(dw, pw, h, w, *isa, 1 + n % 2, fused, n % 3 == 0, rng);
            if (HasFailure()) return;
          }
        }
      }
    }
  }
  // Guards against a grid that validate() silently empties.
  EXPECT_GT(checked, n / 2) << checked << " of " << n << " layers checked";
}

// Fused bands of four rows run the depthwise rows as one group; heights that leave a
// short last band, and 5x5 (pairs), check the group edges against the reference.
TEST(FastSeparable, FusedRowGroupsWithShortLastBand) {
  std::mt19937 rng(22);
  for (const IsaKernels* isa : supported_isas()) {
    for (const int k : {3, 5}) {
      for (const int h : {5, 6, 7, 13}) {
        ConvParams dw;
        dw.in_channels = dw.out_channels = dw.groups = 5;
        dw.kernel_h = dw.kernel_w = k;
        const int pad = k / 2;
        dw.padding = {pad, pad, pad, pad};
        dw.has_bias = h % 2 == 0;
        const ConvParams pw = pointwise_layer(5, 7);
        check_separable(dw, pw, h, 67, *isa, 2, true, h == 13, rng);
        if (HasFailure()) return;
      }
    }
  }
}

// The fused depthwise stage reads "same" rows in place: 64 channels split a 1080p-wide
// row into several segments, so both the image edges (gathered) and the segment
// boundaries (neighbours read from the plane) meet the reference, for every padding mode.
TEST(FastSeparable, FusedInPlaceSegmentsMatchReference) {
  std::mt19937 rng(23);
  const PadMode modes[] = {PadMode::Zero, PadMode::Reflect, PadMode::Replicate};
  for (const IsaKernels* isa : supported_isas()) {
    int n = 0;
    for (const PadMode mode : modes) {
      ConvParams dw;
      dw.in_channels = dw.out_channels = dw.groups = 64;
      dw.kernel_h = dw.kernel_w = n == 2 ? 5 : 3;
      const int pad = dw.kernel_w / 2;
      dw.padding = {pad, pad, pad, pad};
      dw.pad_mode = mode;
      dw.has_bias = n == 1;
      const ConvParams pw = pointwise_layer(64, 8);
      const Tensor input({64, 6, 1920}), out({8, 6, 1920});
      ASSERT_TRUE(dw_reads_in_place(dw, input, out, *isa));
      check_separable(dw, pw, 6, 1920, *isa, 2, true, n == 0, rng);
      ++n;
      if (HasFailure()) return;
    }
  }
}

// The same for stride-2 3x3 depthwise stages (read in place on AVX-512): segment starts
// are interior vectors of the half-width output, taps from 2x - 1 or from 2x.
TEST(FastSeparable, FusedInPlaceStride2SegmentsMatchReference) {
  std::mt19937 rng(24);
  for (const IsaKernels* isa : supported_isas()) {
    for (const int left : {0, 1}) {
      for (const PadMode mode : {PadMode::Zero, PadMode::Reflect}) {
        ConvParams dw;
        dw.in_channels = dw.out_channels = dw.groups = 64;
        dw.kernel_h = dw.kernel_w = 3;
        dw.stride_h = dw.stride_w = 2;
        dw.padding = {left, 1, left, 1};
        dw.pad_mode = mode;
        dw.has_bias = left == 1;
        const ConvParams pw = pointwise_layer(64, 8);
        const Shape3 o = output_shape(dw, 9, 1920);
        const Tensor input({64, 9, 1920}), out({8, o.h, o.w});
        EXPECT_EQ(dw_reads_in_place(dw, input, out, *isa), isa->dw_in_place_stride2);
        check_separable(dw, pw, 9, 1920, *isa, 2, true, left == 0, rng);
        if (HasFailure()) return;
      }
    }
  }
}

}  // namespace
}  // namespace sepconv::fast::testing
