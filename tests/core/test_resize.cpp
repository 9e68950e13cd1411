// Area-average downsampling: sizes within their limits, constants and means kept, thin
// lines keep their share of intensity, full-resolution regions copied exactly.
#include <gtest/gtest.h>

#include <numeric>

#include "resize.h"
#include "test_util.h"

namespace sepconv {
namespace {

TEST(Resize, FittedSizesKeepTheAspectAndTheLimit) {
  const Size2 a = fit_pixels(3024, 4032, 6'000'000);
  EXPECT_LE(a.pixels(), 6'000'000);
  EXPECT_GT(a.pixels(), 5'990'000);
  EXPECT_NEAR(double(a.w) / a.h, 4032.0 / 3024.0, 0.002);
  EXPECT_EQ(fit_pixels(480, 640, 10'000'000).w, 640) << "never enlarges";
  EXPECT_LE(fit_pixels(2, 100000, 5000).pixels(), 5000) << "a strip keeps the limit too";
  const Size2 b = fit_long_side(4000, 6000, 384);
  EXPECT_EQ(b.w, 384);
  EXPECT_EQ(b.h, 256);
  EXPECT_EQ(fit_long_side(5, 7, 384).w, 7);
}

TEST(Resize, ConstantsAndMeansAreKept) {
  for (const auto& [h, w, dh, dw] :
       {std::array<int, 4>{48, 64, 17, 23}, std::array<int, 4>{100, 30, 7, 30},
        std::array<int, 4>{9, 9, 1, 1}}) {
    Tensor t = testing::random_tensor({2, h, w}, 7, 0.0f, 1.0f);
    for (int64_t i = 0; i < int64_t{h} * w; ++i) t.plane(1)[i] = 0.25f;
    const Tensor d = downsample(t, {dh, dw});
    ASSERT_EQ(d.shape(), (std::vector<int>{2, dh, dw}));
    const double mean_in = std::accumulate(t.plane(0), t.plane(0) + h * w, 0.0) / (h * w);
    const double mean_out = std::accumulate(d.plane(0), d.plane(0) + dh * dw, 0.0) / (dh * dw);
    // The mean is exact when the factors divide; otherwise border pixels weigh a little
    // differently: 1 % of the range.
    EXPECT_NEAR(mean_out, mean_in, 0.01) << h << "x" << w << " -> " << dh << "x" << dw;
    for (int64_t i = 0; i < int64_t{dh} * dw; ++i) ASSERT_NEAR(d.plane(1)[i], 0.25f, 1e-6f);
  }
}

TEST(Resize, AThinLineKeepsItsShare) {
  // A 1-pixel line in a 400-pixel-wide plane shrunk 10x is a tenth as bright, not lost.
  Tensor t({1, 40, 400});
  for (int y = 0; y < 40; ++y) t.at(0, y, 205) = 1.0f;
  const Tensor d = downsample(t, {4, 40});
  EXPECT_NEAR(d.at(0, 2, 20), 0.1f, 1e-5f);
  EXPECT_NEAR(d.at(0, 2, 19), 0.0f, 1e-6f);
}

TEST(Resize, AFullResolutionRegionIsAnExactCopy) {
  const Tensor t = testing::random_tensor({1, 30, 50}, 3);
  std::vector<float> out(12 * 20);
  downsample_region(t.plane(0), 30, 50, Region{10, 5, 30, 17}, out.data(), 12, 20);
  for (int y = 0; y < 12; ++y)
    for (int x = 0; x < 20; ++x) ASSERT_EQ(out[size_t(y * 20 + x)], t.at(0, y + 5, x + 10));
}

TEST(Resize, PeakKeepsAnEdgeResponseThatAveragingLoses) {
  // An edge response: +1 beside -1, one pixel each. Ten times smaller, the average is 0;
  // the peak keeps the larger magnitude with its sign.
  Tensor t({1, 40, 400});
  for (int y = 0; y < 40; ++y) {
    t.at(0, y, 204) = 1.0f;
    t.at(0, y, 205) = -1.5f;
  }
  const Tensor mean = downsample(t, {4, 40});
  const Tensor peak = downsample(t, {4, 40}, 0, nullptr, -1, Shrink::Peak);
  EXPECT_NEAR(mean.at(0, 2, 20), -0.05f, 1e-5f);
  EXPECT_EQ(peak.at(0, 2, 20), -1.5f);
  EXPECT_EQ(peak.at(0, 2, 19), 0.0f);
}

}  // namespace
}  // namespace sepconv
