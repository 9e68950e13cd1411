// The plot widget's pure parts: range repair, ticks (linear, log, crossing decades,
// degenerate), value<->pixel round trips, hit tests, and no NaN/inf at extreme counts.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <set>

#include "cost_panel/cost_curves.h"
#include "widgets/plot.h"

namespace sepconv::app {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::nan("");

std::vector<double> Labelled(const std::vector<PlotTick>& ticks) {
  std::vector<double> out;
  for (const PlotTick& t : ticks) {
    if (!t.label.empty()) out.push_back(t.value);
  }
  return out;
}

std::vector<std::string> Labels(const std::vector<PlotTick>& ticks) {
  std::vector<std::string> out;
  for (const PlotTick& t : ticks) {
    if (!t.label.empty()) out.push_back(t.label);
  }
  return out;
}

// Every tick finite, inside the repaired range, sorted, labelled ones distinct.
void ExpectSaneTicks(double min, double max, PlotScale scale, int max_labels) {
  SCOPED_TRACE(testing::Message() << "range [" << min << ", " << max << "] "
                                  << (scale == PlotScale::Log ? "log" : "linear") << " max_labels "
                                  << max_labels);
  const PlotRange r = SanitizeRange(min, max, scale);
  ASSERT_TRUE(std::isfinite(r.min) && std::isfinite(r.max));
  ASSERT_LT(r.min, r.max);
  if (scale == PlotScale::Log) {
    ASSERT_GT(r.min, 0.0);
  }
  const std::vector<PlotTick> ticks = ComputeTicks(min, max, scale, max_labels);
  const std::vector<double> labelled = Labelled(ticks);
  EXPECT_GE(labelled.size(), 2u);
  EXPECT_LE(labelled.size(), static_cast<size_t>(std::max(max_labels, 5)));
  const double slack = (r.max - r.min) * 1e-6;
  for (size_t i = 0; i < ticks.size(); ++i) {
    EXPECT_TRUE(std::isfinite(ticks[i].value));
    EXPECT_GE(ticks[i].value, r.min - slack);
    EXPECT_LE(ticks[i].value, r.max + slack);
    if (i > 0) {
      EXPECT_LT(ticks[i - 1].value, ticks[i].value);
    }
  }
  const std::vector<std::string> labels = Labels(ticks);
  EXPECT_EQ(std::set<std::string>(labels.begin(), labels.end()).size(), labels.size());
}

TEST(PlotTicks, LinearNiceSteps) {
  EXPECT_EQ(Labelled(ComputeTicks(0, 10, PlotScale::Linear, 6)),
            (std::vector<double>{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(Labels(ComputeTicks(0, 1, PlotScale::Linear, 6)),
            (std::vector<std::string>{"0", "0.2", "0.4", "0.6", "0.8", "1.0"}));
  EXPECT_EQ(Labelled(ComputeTicks(-7, 3, PlotScale::Linear, 6)),
            (std::vector<double>{-6, -4, -2, 0, 2}));
  EXPECT_EQ(Labels(ComputeTicks(0, 2.5e9, PlotScale::Linear, 6)),
            (std::vector<std::string>{"0", "500 M", "1.0 G", "1.5 G", "2.0 G", "2.5 G"}));
}

TEST(PlotTicks, LinearNarrowRangeStillHasTwoTicks) {
  EXPECT_GE(Labelled(ComputeTicks(0.1, 0.9, PlotScale::Linear, 2)).size(), 2u);
  ExpectSaneTicks(0.1, 0.9, PlotScale::Linear, 2);
  ExpectSaneTicks(1e15, 1e15 + 3, PlotScale::Linear, 6);
}

TEST(PlotTicks, LogWholeDecades) {
  const std::vector<PlotTick> ticks = ComputeTicks(1, 1e6, PlotScale::Log, 10);
  EXPECT_EQ(Labelled(ticks), (std::vector<double>{1, 10, 100, 1e3, 1e4, 1e5, 1e6}));
  EXPECT_EQ(Labels(ticks),
            (std::vector<std::string>{"1", "10", "100", "1 k", "10 k", "100 k", "1 M"}));
  // Minor ticks (2..9 x 10^k) give the grid between decades.
  EXPECT_GT(ticks.size(), 7u);
}

TEST(PlotTicks, LogManyDecadesAreThinned) {
  const std::vector<double> labelled = Labelled(ComputeTicks(1, 1e12, PlotScale::Log, 4));
  EXPECT_EQ(labelled, (std::vector<double>{1, 1e4, 1e8, 1e12}));
  ExpectSaneTicks(1e-300, 1e300, PlotScale::Log, 8);
}

TEST(PlotTicks, LogRangeCrossingOneDecade) {
  // 30..700 holds one decade tick (100): 1-2-5 steps label it instead.
  EXPECT_EQ(Labelled(ComputeTicks(30, 700, PlotScale::Log, 8)),
            (std::vector<double>{50, 100, 200, 500}));
  // The ratio of a separable layer: 0.075..0.3.
  const std::vector<double> ratio = Labelled(ComputeTicks(0.075, 0.3, PlotScale::Log, 8));
  ASSERT_EQ(ratio.size(), 2u);
  EXPECT_DOUBLE_EQ(ratio[0], 0.1);
  EXPECT_DOUBLE_EQ(ratio[1], 0.2);
  ExpectSaneTicks(30, 700, PlotScale::Log, 8);
  ExpectSaneTicks(0.075, 0.3, PlotScale::Log, 8);
  ExpectSaneTicks(8, 12, PlotScale::Log, 8);
}

TEST(PlotTicks, LogRangeInsideOneDecadeFallsBackToLinear) {
  const std::vector<double> labelled = Labelled(ComputeTicks(2.1, 4.9, PlotScale::Log, 6));
  ASSERT_GE(labelled.size(), 2u);
  ExpectSaneTicks(2.1, 4.9, PlotScale::Log, 6);
}

TEST(PlotTicks, DegenerateRanges) {
  for (PlotScale scale : {PlotScale::Linear, PlotScale::Log}) {
    ExpectSaneTicks(5, 5, scale, 6);
    ExpectSaneTicks(0, 0, scale, 6);
    ExpectSaneTicks(-3, -3, scale, 6);
    ExpectSaneTicks(10, 0, scale, 6);  // reversed
    ExpectSaneTicks(kNaN, kNaN, scale, 6);
    ExpectSaneTicks(kNaN, 4, scale, 6);
    ExpectSaneTicks(-kInf, kInf, scale, 6);
    ExpectSaneTicks(0.1736, 0.1736, scale, 6);  // a constant ratio curve
    ExpectSaneTicks(1e-320, 1e-320, scale, 6);  // denormal
    ExpectSaneTicks(1, 1e308, scale, 1);
  }
  ExpectSaneTicks(-5, 10, PlotScale::Log, 6);  // non-positive end on a log axis
  const PlotRange reversed = SanitizeRange(10, 0, PlotScale::Linear);
  EXPECT_EQ(reversed.min, 0);
  EXPECT_EQ(reversed.max, 10);
}

TEST(PlotTicks, RandomRangesAreSane) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> exponent(-12.0, 15.0);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  for (int i = 0; i < 400; ++i) {
    const double a = unit(rng) * std::pow(10.0, exponent(rng));
    const double b = unit(rng) * std::pow(10.0, exponent(rng));
    const int labels = 2 + static_cast<int>(rng() % 12);
    ExpectSaneTicks(a, b, PlotScale::Linear, labels);
    ExpectSaneTicks(std::fabs(a), std::fabs(b), PlotScale::Log, labels);
  }
}

TEST(PlotMapping, EndsLandOnThePixelSpan) {
  const AxisMap x{0, 100, PlotScale::Linear, 10, 510};
  EXPECT_DOUBLE_EQ(MapToPixel(x, 0), 10);
  EXPECT_DOUBLE_EQ(MapToPixel(x, 100), 510);
  EXPECT_DOUBLE_EQ(MapToPixel(x, 50), 260);
  const AxisMap y{1, 1e4, PlotScale::Log, 400, 0};  // screen y grows downwards
  EXPECT_DOUBLE_EQ(MapToPixel(y, 1), 400);
  EXPECT_NEAR(MapToPixel(y, 1e4), 0, 1e-9);
  EXPECT_NEAR(MapToPixel(y, 100), 200, 1e-9);
}

TEST(PlotMapping, RoundTrips) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> t(0.0, 1.0);
  const AxisMap maps[] = {{0, 100, PlotScale::Linear, 10, 510},
                          {-3.5, 2e9, PlotScale::Linear, 700, 20},
                          {1, 1e15, PlotScale::Log, 0, 900},
                          {0.01, 0.5, PlotScale::Log, 600, 30},
                          {1e-6, 1e6, PlotScale::Log, 30, 600}};
  for (const AxisMap& m : maps) {
    for (int i = 0; i < 200; ++i) {
      const double v = m.scale == PlotScale::Log ? m.min * std::pow(m.max / m.min, t(rng))
                                                 : m.min + t(rng) * (m.max - m.min);
      const double px = MapToPixel(m, v);
      EXPECT_NEAR(MapFromPixel(m, px), v, std::fabs(v) * 1e-9 + (m.max - m.min) * 1e-12);
      const double p = m.p0 + t(rng) * (m.p1 - m.p0);
      EXPECT_NEAR(MapToPixel(m, MapFromPixel(m, p)), p, 1e-6);
    }
  }
}

TEST(PlotMapping, NeverReturnsNanOrInf) {
  const AxisMap maps[] = {{0, 100, PlotScale::Linear, 10, 510},
                          {1, 1e15, PlotScale::Log, 400, 0},
                          {5, 5, PlotScale::Linear, 0, 100},    // degenerate range
                          {0, 0, PlotScale::Log, 0, 100},       // impossible log range
                          {1, 10, PlotScale::Linear, 50, 50}};  // zero pixel span
  const double values[] = {0, -1, 1e-320, 1e308, -1e308, kInf, -kInf, kNaN, 7.8e15};
  for (const AxisMap& m : maps) {
    for (double v : values) {
      EXPECT_TRUE(std::isfinite(MapToPixel(m, v))) << v;
    }
    for (double p : {-1e9, 0.0, 1e9, kNaN, kInf}) {
      EXPECT_TRUE(std::isfinite(MapFromPixel(m, p))) << p;
    }
  }
}

TEST(PlotMapping, ExtremeLayerCurvesStayFinite) {
  // Dk = 15, M = N = 4096 on a full-HD image: counts near 8e15.
  sepconv::LayerSpec spec;
  spec.dk = 15;
  spec.m = 4096;
  spec.n = 4096;
  for (CurveAxis axis : {CurveAxis::Dk, CurveAxis::M, CurveAxis::N}) {
    // Dk beyond the padded image is rejected by the core (a gap), so its axis stops at 15.
    const int to = axis == CurveAxis::Dk ? 15 : 4096;
    const CurveData d = ComputeCurves(spec, 1080, 1920, axis, 1, to, 256, true);
    for (PlotScale xs : {PlotScale::Linear, PlotScale::Log}) {
      for (PlotScale ys : {PlotScale::Linear, PlotScale::Log}) {
        LinePlot plot;
        plot.x.scale = xs;
        plot.y.scale = ys;
        plot.series = {{"standard", 0, d.x, d.standard},
                       {"separable", 0, d.x, d.separable},
                       {"ratio", 0, d.x, d.ratio_exact}};
        plot.markers = {
            {"current", 0, static_cast<double>(AxisValue(spec, axis)), d.standard.back()}};
        FitAxes(plot);
        const AxisMap xm{plot.x.range.min, plot.x.range.max, xs, 0, 1800};
        const AxisMap ym{plot.y.range.min, plot.y.range.max, ys, 900, 0};
        for (const PlotSeries& s : plot.series) {
          for (size_t i = 0; i < s.x.size(); ++i) {
            ASSERT_TRUE(std::isfinite(s.y[i])) << s.name << " at " << s.x[i];
            const double px = MapToPixel(xm, s.x[i]);
            const double py = MapToPixel(ym, s.y[i]);
            ASSERT_TRUE(std::isfinite(px) && std::isfinite(py));
            EXPECT_GE(px, -1e-6);
            EXPECT_LE(px, 1800 + 1e-6);
            EXPECT_GE(py, -1e-6);
            EXPECT_LE(py, 900 + 1e-6);
          }
        }
        for (const PlotTick& t : ComputeTicks(plot.y.range.min, plot.y.range.max, ys, 8)) {
          EXPECT_TRUE(std::isfinite(t.value));
        }
      }
    }
  }
}

TEST(PlotFit, IgnoresWhatTheScaleCannotShow) {
  const PlotRange log = FitRange({0, -4, 10, 1000, kNaN, kInf}, PlotScale::Log, false);
  EXPECT_LT(log.min, 10);
  EXPECT_GT(log.min, 5);
  EXPECT_GT(log.max, 1000);
  EXPECT_LT(log.max, 2000);
  const PlotRange bars = FitRange({3, 7}, PlotScale::Linear, true);
  EXPECT_EQ(bars.min, 0);
  EXPECT_GT(bars.max, 7);
  const PlotRange empty = FitRange({}, PlotScale::Log, false);
  EXPECT_GT(empty.min, 0);
  EXPECT_LT(empty.min, empty.max);
}

TEST(PlotHover, NearestPointAndExactTooltip) {
  LinePlot plot;
  plot.x.label = "N";
  plot.y.label = "multiplications";
  plot.series = {{"standard", 0, {1, 16, 64}, {1354752, 21676032, 86704128}},
                 {"separable", 0, {1, 16, 64}, {1806336, 3763200, 10289664}}};
  FitAxes(plot);
  const AxisMap xm{plot.x.range.min, plot.x.range.max, PlotScale::Linear, 0, 640};
  const AxisMap ym{plot.y.range.min, plot.y.range.max, PlotScale::Linear, 480, 0};
  const ImVec2 at(static_cast<float>(MapToPixel(xm, 16)),
                  static_cast<float>(MapToPixel(ym, 21676032)) + 2.0f);
  const PlotHit hit = FindNearestPoint(plot, xm, ym, at, 10.0);
  EXPECT_EQ(hit.series, 0);
  EXPECT_EQ(hit.index, 1);
  EXPECT_EQ(PointTooltip(plot, hit), "standard\nN = 16\nmultiplications = 21,676,032");
  EXPECT_EQ(FindNearestPoint(plot, xm, ym, ImVec2(320, -400), 10.0).series, -1);
  EXPECT_EQ(PointTooltip(plot, PlotHit{}), "");
}

TEST(CurveSampling, KeepsEndsAndTheCurrentValue) {
  const std::vector<int> xs = SampleAxis(1, 1024, 256, false, 17);
  EXPECT_EQ(xs.front(), 1);
  EXPECT_EQ(xs.back(), 1024);
  EXPECT_TRUE(std::binary_search(xs.begin(), xs.end(), 17));
  EXPECT_LE(xs.size(), 257u);
  EXPECT_TRUE(std::is_sorted(xs.begin(), xs.end()));
  EXPECT_EQ(SampleAxis(15, 1, 256, true, 3),
            (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
  EXPECT_EQ(SampleAxis(-4, 0, 8, false, 0), (std::vector<int>{1}));
  const std::vector<int> log_xs = SampleAxis(1, 4096, 64, true, 100);
  EXPECT_EQ(log_xs.front(), 1);
  EXPECT_EQ(log_xs.back(), 4096);
}

// Groups must divide M and N: those axes are sampled on multiples of the groups, so the
// curves run unbroken over the whole range (sampling 1..1024 at 256 points and dropping
// the values 4 does not divide left only scattered points, and the plot drew nothing).
TEST(CurveSampling, GroupsSampleMAndNOnTheirMultiples) {
  EXPECT_EQ(SampleAxis(1, 10, 256, false, 6, 3), (std::vector<int>{3, 6, 9}));
  EXPECT_EQ(SampleAxis(1, 3, 8, false, 0, 4), (std::vector<int>{}));
  sepconv::LayerSpec spec;
  spec.m = 8;
  spec.n = 64;
  spec.groups = 4;
  EXPECT_EQ(AxisStep(spec, CurveAxis::N), 4);
  EXPECT_EQ(AxisStep(spec, CurveAxis::M), 4);
  EXPECT_EQ(AxisStep(spec, CurveAxis::Dk), 1);
  for (const bool log : {false, true}) {
    // 64 points: fewer than the 256 multiples, so the spacing (even or geometric) is used.
    const CurveData d = ComputeCurves(spec, 480, 640, CurveAxis::N, 1, 1024, 64, log);
    ASSERT_FALSE(d.x.empty());
    EXPECT_EQ(d.x.front(), 4);
    EXPECT_EQ(d.x.back(), 1024);
    EXPECT_TRUE(std::binary_search(d.x.begin(), d.x.end(), 64.0)) << "the current N";
    EXPECT_LE(d.x.size(), 65u);
    EXPECT_GT(d.x.size(), 40u);
    for (size_t i = 0; i < d.x.size(); ++i) {
      EXPECT_EQ(static_cast<int>(d.x[i]) % 4, 0) << d.x[i];
      EXPECT_FALSE(std::isnan(d.standard[i])) << "N = " << d.x[i];
      EXPECT_FALSE(std::isnan(d.separable[i])) << "N = " << d.x[i];
    }
  }
}

TEST(CurveSampling, InvalidLayersBecomeGaps) {
  sepconv::LayerSpec spec;
  spec.m = 4;
  spec.n = 8;
  spec.pad_policy = sepconv::PadPolicy::Valid;  // no kernel larger than the image
  const CurveData d = ComputeCurves(spec, 32, 32, CurveAxis::Dk, 1, 40, 64, false);
  ASSERT_EQ(d.x.size(), 40u);
  for (size_t i = 0; i < d.x.size(); ++i) {
    EXPECT_EQ(std::isnan(d.standard[i]), d.x[i] > 32) << d.x[i];
  }
}

}  // namespace
}  // namespace sepconv::app

namespace sepconv::app {
namespace {

TEST(PlotLegend, GoesToTheEmptiestCorner) {
  const ImVec2 lo(0, 0), hi(400, 300), size(100, 60);
  // Empty plot: top-left.
  EXPECT_EQ(PlaceLegend(lo, hi, size, {}, 5).x, 5);
  // Points in the top-left: top-right is next.
  const ImVec2 top_left = PlaceLegend(lo, hi, size, {{20, 20}, {50, 40}}, 5);
  EXPECT_EQ(top_left.x, 295);
  EXPECT_EQ(top_left.y, 5);
  // Points in both top corners: bottom-right.
  const ImVec2 p = PlaceLegend(lo, hi, size, {{20, 20}, {380, 20}}, 5);
  EXPECT_EQ(p.x, 295);
  EXPECT_EQ(p.y, 235);
}

TEST(PlotTicks, UsesTheDensestStepThatFits) {
  EXPECT_EQ(Labelled(ComputeTicks(1, 1024, PlotScale::Linear, 6)),
            (std::vector<double>{200, 400, 600, 800, 1000}));
}

}  // namespace
}  // namespace sepconv::app
