// Number formatting shown on the cost panel: thousands separators, magnitudes, tick labels.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "widgets/number_format.h"

namespace sepconv::app {
namespace {

TEST(NumberFormat, ThousandsSeparators) {
  EXPECT_EQ(FormatThousands(0), "0");
  EXPECT_EQ(FormatThousands(7), "7");
  EXPECT_EQ(FormatThousands(999), "999");
  EXPECT_EQ(FormatThousands(1000), "1,000");
  EXPECT_EQ(FormatThousands(21676032), "21,676,032");
  EXPECT_EQ(FormatThousands(100000), "100,000");
  EXPECT_EQ(FormatThousands(-1234567), "-1,234,567");
  EXPECT_EQ(FormatThousands(std::numeric_limits<int64_t>::max()), "9,223,372,036,854,775,807");
  EXPECT_EQ(FormatThousands(std::numeric_limits<int64_t>::min()), "-9,223,372,036,854,775,808");
}

TEST(NumberFormat, Magnitudes) {
  EXPECT_EQ(FormatMagnitude(0), "0");
  EXPECT_EQ(FormatMagnitude(950), "950");
  EXPECT_EQ(FormatMagnitude(0.5), "0.5");
  EXPECT_EQ(FormatMagnitude(1000), "1.0 k");
  EXPECT_EQ(FormatMagnitude(123456), "123 k");
  EXPECT_EQ(FormatMagnitude(7225344), "7.2 M");
  EXPECT_EQ(FormatMagnitude(1.2e9), "1.2 G");
  EXPECT_EQ(FormatMagnitude(3.4e12), "3.4 T");
  EXPECT_EQ(FormatMagnitude(7.8e15), "7.8 P");
  EXPECT_EQ(FormatMagnitude(-2.5e6), "-2.5 M");
  // Rounding must carry into the next unit instead of printing "1000 k".
  EXPECT_EQ(FormatMagnitude(999960), "1.0 M");
  EXPECT_EQ(FormatMagnitude(99960), "100 k");
  EXPECT_EQ(FormatMagnitude(std::nan("")), "nan");
  EXPECT_EQ(FormatMagnitude(std::numeric_limits<double>::infinity()), "inf");
}

TEST(NumberFormat, CountShowsExactAndMagnitude) {
  EXPECT_EQ(FormatCount(27), "27");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000 (1.0 k)");
  EXPECT_EQ(FormatCount(21676032), "21,676,032 (21.7 M)");
  EXPECT_EQ(FormatCount(1200000000), "1,200,000,000 (1.2 G)");
}

TEST(NumberFormat, ExactForTooltips) {
  EXPECT_EQ(FormatExact(1234.0), "1,234");
  EXPECT_EQ(FormatExact(0.125), "0.125");
  EXPECT_EQ(FormatExact(1.0 / 3.0), "0.333333");
  EXPECT_EQ(FormatExact(1257870.4), "1,257,870");
  EXPECT_EQ(FormatExact(1e300), "1e+300");
  EXPECT_EQ(FormatExact(std::nan("")), "nan");
}

TEST(NumberFormat, TickLabels) {
  EXPECT_EQ(FormatTickLabel(0.2, 0.1), "0.2");
  EXPECT_EQ(FormatTickLabel(0.15, 0.05), "0.15");
  EXPECT_EQ(FormatTickLabel(1e6, 2e5), "1.0 M");
  EXPECT_EQ(FormatTickLabel(8e5, 2e5), "800 k");
  EXPECT_EQ(FormatTickLabel(1000, 1000), "1 k");
  EXPECT_EQ(FormatTickLabel(5e9, 1e9), "5 G");
  EXPECT_EQ(FormatTickLabel(1e-17, 0.1), "0");
  EXPECT_EQ(FormatTickLabel(-4, 2), "-4");
}

}  // namespace
}  // namespace sepconv::app
