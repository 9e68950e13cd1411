// Closed-form costs: hand-checked values, the ratio identity, and rejected parameters.
#include <gtest/gtest.h>

#include <cmath>

#include "cost.h"
#include "error.h"
#include "text_format.h"

using namespace sepconv;

namespace {

LayerSpec spec(int dk, int m, int n) {
  LayerSpec s;
  s.dk = dk;
  s.m = m;
  s.n = n;
  return s;
}

std::string rejection(const LayerSpec& s, int h, int w) {
  try {
    layer_costs(s, h, w);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidParameter);
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Cost, LessonFormulasOnA64x64Image) {
  // Dk = 3, M = 3, N = 16, same padding: Do = 64.
  const LayerCosts c = layer_costs(spec(3, 3, 16), 64, 64);
  const int64_t do2 = 64 * 64;
  EXPECT_EQ(c.standard.mults, 16 * do2 * 9 * 3);
  EXPECT_EQ(c.depthwise.mults, 3 * do2 * 9);
  EXPECT_EQ(c.pointwise.mults, 16 * do2 * 3);
  EXPECT_EQ(c.separable.mults, do2 * 3 * (9 + 16));
  EXPECT_EQ(c.standard.params, 16 * 3 * 9);
  EXPECT_EQ(c.separable.params, 3 * (9 + 16));
  EXPECT_EQ(c.standard.adds, 16 * do2 * (27 - 1));
  EXPECT_EQ(c.separable.out.c, 16);
  EXPECT_EQ(c.separable.out.h, 64);
  EXPECT_DOUBLE_EQ(c.ratio, 1.0 / 16 + 1.0 / 9);
  EXPECT_TRUE(c.identity_applies);
}

TEST(Cost, IdentityHoldsForAnyStridePaddingAndDilation) {
  for (int stride : {1, 2, 3})
    for (int dilation : {1, 2})
      for (PadPolicy pol : {PadPolicy::Same, PadPolicy::Valid, PadPolicy::Explicit})
        for (int dk : {1, 3, 5, 7})
          for (int n : {1, 8, 64}) {
            LayerSpec s = spec(dk, 4, n);
            s.stride = stride;
            s.dilation = dilation;
            s.pad_policy = pol;
            s.pad_amount = 1;
            const LayerCosts c = layer_costs(s, 37, 41);
            EXPECT_NEAR(c.ratio, c.ratio_identity, 1e-12)
                << "stride " << stride << " dilation " << dilation << " dk " << dk << " n " << n;
          }
}

TEST(Cost, GroupsAndMultiplierChangeTheRatio) {
  LayerSpec s = spec(3, 8, 16);
  s.groups = 4;
  LayerCosts c = layer_costs(s, 20, 20);
  EXPECT_FALSE(c.identity_applies);
  EXPECT_EQ(c.standard.mults, 16LL * 400 * 9 * 2);
  EXPECT_NEAR(c.ratio, 4 * c.ratio_identity, 1e-12);  // standard is g times cheaper
  s.groups = 1;
  s.depth_multiplier = 2;
  c = layer_costs(s, 20, 20);
  EXPECT_EQ(c.depthwise.out.c, 16);
  EXPECT_NEAR(c.ratio, 2 * c.ratio_identity, 1e-12);
}

TEST(Cost, OutputShapeFollowsTheFormula) {
  // Ho = floor((H + 2P - d(Dk-1) - 1)/S) + 1
  for (int h : {5, 6, 17})
    for (int p : {0, 1, 2})
      for (int d : {1, 2})
        for (int s : {1, 2, 3}) {
          LayerSpec sp = spec(3, 1, 1);
          sp.pad_policy = PadPolicy::Explicit;
          sp.pad_amount = p;
          sp.dilation = d;
          sp.stride = s;
          const int expect = (h + 2 * p - d * 2 - 1) / s + 1;
          EXPECT_EQ(layer_costs(sp, h, h).standard.out.h, expect)
              << h << " " << p << " " << d << " " << s;
        }
}

TEST(Cost, SamePaddingKeepsSizeAtStrideOneAndHalvesAtTwo) {
  LayerSpec s = spec(5, 2, 2);
  EXPECT_EQ(layer_costs(s, 33, 20).standard.out.h, 33);
  s.stride = 2;
  const LayerCosts c = layer_costs(s, 33, 20);
  EXPECT_EQ(c.standard.out.h, 17);
  EXPECT_EQ(c.standard.out.w, 10);
}

TEST(Cost, BytesCountEveryTensorOnce) {
  const LayerCosts c = layer_costs(spec(3, 2, 4), 10, 10);
  EXPECT_EQ(c.standard.bytes_read, 4 * (2 * 100 + 4 * 2 * 9));
  EXPECT_EQ(c.standard.bytes_written, 4 * 4 * 100);
  EXPECT_EQ(c.fused_bytes, c.separable.bytes() - 2 * 4 * 2 * 100);
}

TEST(Cost, InvalidParametersNameTheParameterAndLimit) {
  LayerSpec s = spec(0, 3, 8);
  EXPECT_NE(rejection(s, 10, 10).find("kernel size Dk = 0 must be at least 1"), std::string::npos);
  s = spec(3, 3, 0);
  EXPECT_NE(rejection(s, 10, 10).find("output channels N = 0"), std::string::npos);
  s = spec(3, 6, 8);
  s.groups = 4;
  EXPECT_NE(rejection(s, 10, 10).find("groups = 4 must divide the input channels M = 6"),
            std::string::npos);
  s = spec(3, 4, 6);
  s.groups = 4;
  EXPECT_NE(rejection(s, 10, 10).find("must divide the output channels = 6"), std::string::npos);
  s = spec(7, 1, 1);
  s.pad_policy = PadPolicy::Valid;
  EXPECT_NE(rejection(s, 5, 5).find("larger than the padded input 5 x 5"), std::string::npos);
  s = spec(3, 1, 1);
  s.stride = 0;
  EXPECT_NE(rejection(s, 5, 5).find("stride = 0"), std::string::npos);
  s = spec(3, 1, 1);
  s.pad_policy = PadPolicy::Explicit;
  s.pad_amount = -1;
  EXPECT_NE(rejection(s, 5, 5).find("padding = -1"), std::string::npos);
  s = spec(3, 1, 1);
  s.pad_mode = PadMode::Reflect;
  s.pad_policy = PadPolicy::Explicit;
  s.pad_amount = 4;
  EXPECT_NE(rejection(s, 4, 9).find("reflect padding 4 must be smaller"), std::string::npos);
}

TEST(TextFormat, ThousandsSeparators) {
  EXPECT_EQ(format_thousands(0), "0");
  EXPECT_EQ(format_thousands(999), "999");
  EXPECT_EQ(format_thousands(1000), "1,000");
  EXPECT_EQ(format_thousands(132710400), "132,710,400");
  EXPECT_EQ(format_thousands(-1234567), "-1,234,567");
  EXPECT_EQ(format_thousands(INT64_MIN), "-9,223,372,036,854,775,808");
}

TEST(TextFormat, DurationsKeepThreeDigitsInAReadableUnit) {
  EXPECT_EQ(format_duration(523.4), "523 ms");
  EXPECT_EQ(format_duration(31.44), "31.4 ms");
  EXPECT_EQ(format_duration(1.534), "1.53 ms");
  // Below a millisecond the time moves to microseconds instead of reading "0.0 ms".
  EXPECT_EQ(format_duration(0.4121), "412 \u00b5s");
  EXPECT_EQ(format_duration(0.0082), "8.20 \u00b5s");
  EXPECT_EQ(format_duration(0.0), "0.00 \u00b5s");
  EXPECT_EQ(format_duration(5530.6), "5.53 s");
  // The digit count is decided after rounding.
  EXPECT_EQ(format_duration(99.96), "100 ms");
  EXPECT_EQ(format_duration(9.999), "10.0 ms");
  // ... and the unit too, when rounding reaches 1000.
  EXPECT_EQ(format_duration(0.9996), "1.00 ms");
  EXPECT_EQ(format_duration(999.7), "1.00 s");
  EXPECT_EQ(format_duration(-1.0), "n/a");
  EXPECT_EQ(format_duration(std::nan("")), "n/a");
}
