// Spatially separable convolution: rank-1 factoring by SVD (which presets are rank 1 and
// how far the others are), the closed form of both passes against the engine's
// instrumented counts, and the output against the full-kernel depthwise conv2d.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "core/test_util.h"
#include "cost.h"
#include "layer_options.h"
#include "layer_run.h"
#include "memory_budget.h"
#include "presets.h"
#include "rank1.h"
#include "reference/conv2d.h"
#include "reference/separable.h"
#include "trace.h"

namespace sepconv {
namespace {

using testing::max_abs_difference;
using testing::random_tensor;

double norm(const std::vector<float>& v) {
  double s = 0;
  for (float x : v) s += double(x) * x;
  return std::sqrt(s);
}

// The outer product column x row, row-major.
std::vector<float> outer(const std::vector<float>& c, const std::vector<float>& r) {
  std::vector<float> k;
  for (float a : c)
    for (float b : r) k.push_back(a * b);
  return k;
}

// [1] Factoring.

TEST(Rank1, TheRankOnePresetsFactorWithinTheTolerance) {
  for (KernelPreset p : {KernelPreset::Identity, KernelPreset::Box, KernelPreset::Gaussian,
                         KernelPreset::SobelX, KernelPreset::SobelY})
    for (int dk = 1; dk <= 7; ++dk) {
      const std::vector<float> k = make_kernel(p, dk);
      const Rank1Factors f = factor_rank1(k, dk, dk);
      EXPECT_TRUE(f.is_rank1()) << to_string(p) << " dk " << dk << ": " << f.relative_error;
      EXPECT_LE(f.relative_error, 1e-7) << to_string(p) << " dk " << dk;
      const std::vector<float> back = outer(f.column, f.row);
      for (size_t i = 0; i < k.size(); ++i)
        EXPECT_NEAR(back[i], k[i], 1e-6) << to_string(p) << " dk " << dk << " tap " << i;
      // The preset's own factors exist for every rank-1 preset, identity included.
      std::vector<float> col, row;
      ASSERT_TRUE(separable_factors(p, dk, &col, &row)) << to_string(p);
      EXPECT_EQ(outer(col, row), k) << to_string(p) << " dk " << dk;
    }
}

TEST(Rank1, IdentityIsRankOne) {
  std::vector<float> col, row;
  ASSERT_TRUE(separable_factors(KernelPreset::Identity, 3, &col, &row));
  EXPECT_EQ(col, (std::vector<float>{0, 1, 0}));
  EXPECT_EQ(row, (std::vector<float>{0, 1, 0}));
  const Rank1Factors f = factor_rank1(make_kernel(KernelPreset::Identity, 3), 3, 3);
  EXPECT_EQ(f.relative_error, 0.0);
  EXPECT_EQ(f.column, (std::vector<float>{0, 1, 0}));
  EXPECT_EQ(f.row, (std::vector<float>{0, 1, 0}));
}

// Balanced scale (both factors have the norm sqrt(sigma1)) and the sign rule.
TEST(Rank1, SobelIsTheSmoothingColumnTimesTheDerivativeRow) {
  const Rank1Factors x = factor_rank1(make_kernel(KernelPreset::SobelX, 3), 3, 3);
  const double c = std::pow(3.0, -0.25);  // ||[1 2 1]|| c = ||[-1 0 1]|| / c
  const std::vector<double> col = {c, 2 * c, c}, row = {-1 / c, 0, 1 / c};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(x.column[i], col[i], 1e-6) << i;
    EXPECT_NEAR(x.row[i], row[i], 1e-6) << i;
  }
  EXPECT_NEAR(norm(x.column), norm(x.row), 1e-6);
  EXPECT_NEAR(x.sigma1, std::sqrt(12.0), 1e-9);
  EXPECT_FALSE(std::signbit(x.row[1])) << "no -0 in a factor";
  // Sobel y: the column is the derivative (its sum is 0), so the row's sum is positive.
  const Rank1Factors y = factor_rank1(make_kernel(KernelPreset::SobelY, 3), 3, 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(y.column[i], row[i], 1e-6) << i;
    EXPECT_NEAR(y.row[i], col[i], 1e-6) << i;
  }
  // A symmetric kernel gets equal factors: the Gaussian's own 1-D kernel.
  std::vector<float> gc, gr;
  separable_factors(KernelPreset::Gaussian, 5, &gc, &gr);
  const Rank1Factors g = factor_rank1(make_kernel(KernelPreset::Gaussian, 5), 5, 5);
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(g.column[i], gc[i], 1e-6);
    EXPECT_NEAR(g.row[i], gr[i], 1e-6);
  }
  // A negated kernel keeps the column's sign and moves the minus sign to the row.
  std::vector<float> neg = make_kernel(KernelPreset::SobelX, 3);
  for (float& v : neg) v = -v;
  const Rank1Factors n = factor_rank1(neg, 3, 3);
  EXPECT_GT(n.column[1], 0);
  EXPECT_GT(n.row[0], 0);
}

// The 3 x 3 presets that are not rank 1, with their singular values in closed form:
// sharpen and Laplacian are symmetric, their eigenvalues on [a b a] vectors solve
// l^2 - 5l - 2 = 0 and l^2 + 4l - 2 = 0 (the third is 0); emboss's solve
// l^3 - l^2 - 6l + 4 = 0 (2.6813, -2.3234, 0.6421).
TEST(Rank1, SharpenLaplacianAndEmbossAreNotRankOneWithTheNumbers) {
  const double sharpen = ((std::sqrt(33.0) - 5) / 2) / std::sqrt(29.0);      // 0.0691
  const double laplacian = (std::sqrt(6.0) - 2) / std::sqrt(20.0);           // 0.1005
  const double emboss = std::sqrt((13 - 2.6813306436 * 2.6813306436) / 13);  // 0.6685
  const std::vector<std::pair<KernelPreset, double>> cases = {{KernelPreset::Sharpen, sharpen},
                                                              {KernelPreset::Laplacian, laplacian},
                                                              {KernelPreset::Emboss, emboss}};
  for (const auto& [p, expected] : cases) {
    const Rank1Factors f = factor_rank1(make_kernel(p, 3), 3, 3);
    EXPECT_NEAR(f.relative_error, expected, 1e-7) << to_string(p);
    EXPECT_FALSE(f.is_rank1()) << to_string(p);
    std::vector<float> col, row;
    EXPECT_FALSE(separable_factors(p, 3, &col, &row)) << to_string(p);
  }
  EXPECT_NEAR(sharpen, 0.0691, 1e-4);
  EXPECT_NEAR(laplacian, 0.1005, 1e-4);
  EXPECT_NEAR(emboss, 0.6685, 1e-4);
  EXPECT_EQ(percent_text(sharpen), "6.91%");
  EXPECT_EQ(percent_text(emboss), "66.9%");
  // Larger Dk: still not rank 1; Dk = 1: every kernel is.
  for (KernelPreset p : {KernelPreset::Sharpen, KernelPreset::Laplacian, KernelPreset::Emboss}) {
    for (int dk = 2; dk <= 7; ++dk)
      EXPECT_GT(factor_rank1(make_kernel(p, dk), dk, dk).relative_error, 0.01)
          << to_string(p) << " dk " << dk;
    EXPECT_TRUE(factor_rank1(make_kernel(p, 1), 1, 1).is_rank1()) << to_string(p);
  }
}

TEST(Rank1, SeededRandomRankOneKernelsFactorAndPerturbedOnesDoNot) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<float> d(-1, 1);
  for (int trial = 0; trial < 50; ++trial) {
    const int dk = 1 + trial % 7;
    std::vector<float> c(dk), r(dk);
    for (float& v : c) v = d(rng);
    for (float& v : r) v = d(rng);
    std::vector<float> k = outer(c, r);
    const Rank1Factors f = factor_rank1(k, dk, dk);
    EXPECT_TRUE(f.is_rank1()) << "trial " << trial << ": " << f.relative_error;
    for (size_t i = 0; i < k.size(); ++i) EXPECT_NEAR(f.closest[i], k[i], 1e-6);
    if (dk == 1) continue;
    k[1] += 1e-3f;  // a rank-2 kernel, 1e-3 from rank 1
    EXPECT_FALSE(factor_rank1(k, dk, dk).is_rank1()) << "trial " << trial;
  }
  const Rank1Factors zero = factor_rank1(std::vector<float>(9, 0.0f), 3, 3);
  EXPECT_TRUE(zero.is_rank1());
  EXPECT_EQ(zero.column, std::vector<float>(3, 0.0f));
}

// [2] The closed form.

// The columns the row pass reads, by brute force: the padded positions ox*s + kx*d.
int64_t columns_read_brute(int wo, int k, int s, int d) {
  std::set<int64_t> cols;
  for (int ox = 0; ox < wo; ++ox)
    for (int kx = 0; kx < k; ++kx) cols.insert(int64_t{ox} * s + int64_t{kx} * d);
  return static_cast<int64_t>(cols.size());
}

TEST(SpatialCost, ColumnsReadClosedFormEqualsTheSetItCounts) {
  for (int wo = 1; wo <= 25; ++wo)
    for (int k = 1; k <= 7; ++k)
      for (int s = 1; s <= 6; ++s)
        for (int d = 1; d <= 6; ++d)
          ASSERT_EQ(spatial_columns_read(wo, k, s, d), columns_read_brute(wo, k, s, d))
              << "Wo " << wo << " Dk " << k << " stride " << s << " dilation " << d;
  EXPECT_EQ(spatial_columns_read(100, 3, 1, 1), 102);  // Wo + Dk - 1
  EXPECT_EQ(spatial_columns_read(50, 3, 2, 1), 101);   // stride 2: 2 Wo + 1
  EXPECT_EQ(spatial_columns_read(10, 1, 3, 1), 10);    // 1x1, stride 3: every third column
}

struct Case {
  int h, w, dk, stride, dilation;
  PadPolicy policy;
  int amount;
  PadMode mode;
  int multiplier;
  bool bias, flip;
};

std::string describe(const Case& c) {
  return std::to_string(c.h) + "x" + std::to_string(c.w) + " Dk " + std::to_string(c.dk) +
         " stride " + std::to_string(c.stride) + " dilation " + std::to_string(c.dilation) +
         " padding " + to_string(c.policy) + " " + std::to_string(c.amount) + " " +
         to_string(c.mode) + " K " + std::to_string(c.multiplier) + (c.bias ? " bias" : "") +
         (c.flip ? " flipped" : "");
}

ConvParams params_of(const Case& c, int m) {
  LayerSpec s;
  s.dk = c.dk;
  s.m = m;
  s.stride = c.stride;
  s.dilation = c.dilation;
  s.pad_policy = c.policy;
  s.pad_amount = c.amount;
  s.pad_mode = c.mode;
  s.depth_multiplier = c.multiplier;
  s.flip_kernel = c.flip;
  ConvParams p = depthwise_params(s, c.h, c.w);
  p.has_bias = c.bias;
  return p;
}

// Every valid case of the grid: stride 1..3, dilation 1..3, valid/same/explicit padding,
// Dk 1..7, odd widths, with pad modes, multipliers, biases and flips mixed in.
std::vector<Case> grid() {
  std::vector<Case> cases;
  const std::vector<std::pair<PadPolicy, int>> pads = {{PadPolicy::Valid, 0},
                                                       {PadPolicy::Same, 0},
                                                       {PadPolicy::Explicit, 1},
                                                       {PadPolicy::Explicit, 3}};
  const PadMode modes[] = {PadMode::Zero, PadMode::Reflect, PadMode::Replicate};
  int i = 0;
  for (int stride = 1; stride <= 3; ++stride)
    for (int dilation = 1; dilation <= 3; ++dilation)
      for (const auto& [policy, amount] : pads)
        for (int dk = 1; dk <= 7; ++dk)
          for (int w : {9, 13, 23}) {
            Case c{11 + i % 3,   w,         dk,         stride,    dilation, policy, amount,
                   modes[i % 3], 1 + i % 2, i % 4 == 1, i % 5 == 2};
            ++i;
            try {
              validate(params_of(c, 2), c.h, c.w);
            } catch (const Error&) {
              continue;  // the kernel is larger than the padded input, or reflect too wide
            }
            cases.push_back(c);
          }
  return cases;
}

// The case's bias: `value` on each of the m * K channels, or none.
std::vector<float> bias_of(const Case& c, int m, float value) {
  return c.bias ? std::vector<float>(static_cast<size_t>(m * c.multiplier), value)
                : std::vector<float>{};
}

// Seeded random rank-1 kernels per channel: the factors and the full depthwise weights.
void random_rank1(int channels, int dk, uint64_t seed, Tensor* cols, Tensor* rows, Tensor* full) {
  *cols = random_tensor({channels, 1, dk, 1}, seed);
  *rows = random_tensor({channels, 1, 1, dk}, seed + 1);
  *full = Tensor({channels, 1, dk, dk});
  for (int o = 0; o < channels; ++o)
    for (int y = 0; y < dk; ++y)
      for (int x = 0; x < dk; ++x)
        full->at(o, 0, y, x) = cols->at(o, 0, y, 0) * rows->at(o, 0, 0, x);
}

TEST(SpatialCost, InstrumentedCountsEqualTheClosedForm) {
  const std::vector<Case> cases = grid();
  EXPECT_GT(cases.size(), 600u);
  for (const Case& c : cases) {
    const int m = 2;
    const ConvParams p = params_of(c, m);
    Tensor cols, rows, full;
    random_rank1(m * c.multiplier, c.dk, 5, &cols, &rows, &full);
    const std::vector<float> bias = bias_of(c, m, 0.5f);
    OpCounts counts;
    reference::spatially_separable_layer(random_tensor({m, c.h, c.w}, 3), cols, rows, bias, p,
                                         &counts);
    const OpCost cost = spatial_separable_cost(p, c.h, c.w);
    ASSERT_EQ(counts.mults, cost.mults) << describe(c);
    ASSERT_EQ(counts.adds, cost.adds) << describe(c);
    // The closed form spelled out: Dk Ho (columns read) + Dk Ho Wo per channel.
    const Shape3 out = output_shape(p, c.h, c.w);
    const int64_t cr = spatial_columns_read(out.w, c.dk, c.stride, c.dilation);
    ASSERT_EQ(cost.mults,
              int64_t{out.c} * (int64_t{c.dk} * out.h * cr + int64_t{c.dk} * out.h * out.w))
        << describe(c);
    if (c.policy == PadPolicy::Valid) {
      ASSERT_EQ(counts.padded_mults, 0) << describe(c);
    }
  }
}

// Never exactly 2 Dk per output (Dk > 1): the column pass also runs on the Dk - 1 columns
// beside the outputs. docs/costs.md's worked number: 1920 x 1080, Dk = 3, same padding.
TEST(SpatialCost, AboutTwoDkPerOutputNeverExactly) {
  LayerSpec s;
  s.dk = 3;
  s.m = 3;
  const LayerCosts c = layer_costs(s, 1080, 1920);
  EXPECT_EQ(c.spatial.mults, 3 * (3 * 1080 * int64_t{1922} + 3 * 1080 * int64_t{1920}));
  EXPECT_EQ(c.spatial.mults, 37344240);
  EXPECT_EQ(c.depthwise.mults, 55987200);
  EXPECT_DOUBLE_EQ(c.spatial_mults_per_output, 6 + 3.0 * 2 / 1920);  // 6.003125
  EXPECT_NEAR(c.spatial_ratio, 0.667, 1e-3);
  // Stride 2, Dk = 3: 2 Wo + 1 columns, 9 + 3/Wo per output: no saving at all.
  s.stride = 2;
  const LayerCosts strided = layer_costs(s, 1080, 1920);
  EXPECT_EQ(strided.spatial.mults, 3 * (3 * 540 * int64_t{1921} + 3 * 540 * int64_t{960}));
  EXPECT_GT(strided.spatial.mults, strided.depthwise.mults);
  s.stride = 1;
  for (int dk = 2; dk <= 7; ++dk)
    for (int w : {16, 256, 4096}) {
      s.dk = dk;
      const LayerCosts lc = layer_costs(s, 64, w);
      EXPECT_GT(lc.spatial_mults_per_output, 2.0 * dk) << dk << " " << w;
      EXPECT_LT(lc.spatial_mults_per_output, 2.0 * dk + double(dk) * dk / w + 1e-12) << dk;
    }
}

// [3] The output.

// Tolerance: another summation order in float on inputs in [-1, 1]: 1e-5 times the sum
// of the kernel's absolute values (the largest a sum of products can be), plus the bias.
double tolerance(const Tensor& full, int channel) {
  double s = 0;
  for (int y = 0; y < full.dim(2); ++y)
    for (int x = 0; x < full.dim(3); ++x) s += std::fabs(full.at(channel, 0, y, x));
  return 1e-5 * (s + 1);
}

TEST(SpatialLayer, EqualsTheFullKernelDepthwiseOnRandomRankOneKernels) {
  for (const Case& c : grid()) {
    const int m = 2;
    const ConvParams p = params_of(c, m);
    Tensor cols, rows, full;
    random_rank1(m * c.multiplier, c.dk, 17 + c.dk, &cols, &rows, &full);
    const std::vector<float> bias = bias_of(c, m, -0.25f);
    const Tensor in = random_tensor({m, c.h, c.w}, 8);
    const Tensor sep = reference::spatially_separable_layer(in, cols, rows, bias, p);
    const Tensor ref = reference::conv2d(in, full, bias, p);
    ASSERT_EQ(sep.shape(), ref.shape()) << describe(c);
    for (int o = 0; o < sep.dim(0); ++o)
      for (int y = 0; y < sep.dim(1); ++y)
        for (int x = 0; x < sep.dim(2); ++x)
          ASSERT_NEAR(sep.at(o, y, x), ref.at(o, y, x), tolerance(full, o))
              << describe(c) << " at " << o << "," << y << "," << x;
  }
}

// Through the layer pipeline: the presets that are rank 1, factored by SVD, give the
// depthwise output; the counts are the closed form; the others are refused with the
// numbers, or approximated when asked.
TEST(SpatialLayer, ThePipelineRunsTheRankOnePresetsAndRefusesTheOthers) {
  const Tensor image = random_tensor({3, 21, 27}, 4, 0.0f, 1.0f);
  for (KernelPreset k : {KernelPreset::Identity, KernelPreset::Box, KernelPreset::Gaussian,
                         KernelPreset::SobelX, KernelPreset::SobelY})
    for (const auto& [stride, dilation, padding] : std::vector<std::tuple<int, int, const char*>>{
             {1, 1, "same"}, {2, 1, "valid"}, {3, 2, "2"}, {1, 3, "same"}, {2, 2, "same"}})
      for (int dk : {3, 5}) {
        LayerChoice choice;
        choice.kernel = k;
        choice.spec.dk = dk;
        choice.spec.stride = stride;
        choice.spec.dilation = dilation;
        ASSERT_EQ(find_layer_option("--padding")->apply(choice, padding), "");
        choice.engine = EngineKind::Reference;
        LayerRunOptions o;
        o.standard = false;
        o.spatial = true;
        const LayerRun r = run_layer(image, choice, o);
        const std::string what = std::string(to_string(k)) + " dk " + std::to_string(dk) +
                                 " stride " + std::to_string(stride) + " dilation " +
                                 std::to_string(dilation) + " padding " + padding;
        ASSERT_TRUE(r.ran_spatial) << what;
        EXPECT_LE(r.spatial_error, kRank1Tolerance) << what;
        EXPECT_FALSE(r.spatial_approximated) << what;
        EXPECT_EQ(r.spatial_counts.mults, r.costs.spatial.mults) << what;
        EXPECT_EQ(r.spatial_counts.adds, r.costs.spatial.adds) << what;
        // Cheaper than the full kernel at stride 1; with stride s the column pass runs on
        // about s Wo columns, so it saves only while s < Dk - 1 (docs/costs.md).
        if (stride == 1) {
          EXPECT_LT(r.spatial_counts.mults, r.dw_counts.mults) << what;
        }
        // Image values in [0, 1]: 1e-5 times the sum of the kernel's |taps|.
        double taps = 0;
        for (float v : make_kernel(k, dk)) taps += std::fabs(v);
        EXPECT_LE(r.spatial_max_abs_diff, 1e-5 * taps) << what;
        EXPECT_GE(r.spatial_max_abs_diff, 0.0) << what;
      }
  for (KernelPreset k : {KernelPreset::Sharpen, KernelPreset::Laplacian, KernelPreset::Emboss,
                         KernelPreset::Random}) {
    LayerChoice choice;
    choice.kernel = k;
    LayerRunOptions o;
    o.spatial = true;
    try {
      run_layer(image, choice, o);
      FAIL() << to_string(k) << " was not refused";
    } catch (const Error& e) {
      const std::string m = e.what();
      EXPECT_NE(m.find("is not rank 1: the closest rank-1 kernel is"), std::string::npos) << m;
      EXPECT_NE(m.find("% away (relative Frobenius error)"), std::string::npos) << m;
      EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    }
    o.spatial_approximate = true;
    const LayerRun r = run_layer(image, choice, o);
    EXPECT_TRUE(r.spatial_approximated) << to_string(k);
    EXPECT_GT(r.spatial_error, 0.05) << to_string(k);
    EXPECT_GT(r.spatial_max_abs_diff, 1e-3) << to_string(k) << ": the approximation shows";
  }
  LayerChoice sharpen;
  sharpen.kernel = KernelPreset::Sharpen;
  EXPECT_EQ(not_rank1_message(sharpen, 0.0691, 0),
            "--kernel sharpen is not rank 1: the closest rank-1 kernel is 6.91% away (relative "
            "Frobenius error); spatially separable needs a rank-1 kernel such as sobel-x, box, "
            "gaussian or identity");
}

TEST(SpatialLayer, HandEditedRankOneKernelsAndTheMemoryEstimate) {
  const Tensor image = random_tensor({3, 17, 19}, 6, 0.0f, 1.0f);
  LayerChoice choice;
  choice.spec.dk = 5;
  choice.spec.depth_multiplier = 2;
  choice.engine = EngineKind::Reference;
  Tensor cols, rows, full;
  random_rank1(6, 5, 99, &cols, &rows, &full);
  choice.custom_dw = std::make_shared<const Tensor>(full);
  LayerRunOptions o;
  o.spatial = true;
  const LayerRun r = run_layer(image, choice, o);
  EXPECT_LE(r.spatial_error, kRank1Tolerance);
  EXPECT_LT(r.spatial_max_abs_diff, 1e-5 * 25);
  EXPECT_EQ(r.spatial.shape(), r.intermediate.shape());
  EXPECT_EQ(r.memory.spatial, spatial_bytes(r.dw_params, 17, 19));
  EXPECT_GT(r.memory.spatial, 4 * r.spatial.size());
  // Only a choice with --separable spatial adds it to the app's estimate.
  EXPECT_EQ(estimate_for(choice, 3, 17, 19).spatial, 0);
  const int64_t display_alone = estimate_for(choice, 3, 17, 19).display;
  choice.separable = SeparableKind::Spatial;
  EXPECT_EQ(estimate_for(choice, 3, 17, 19).spatial, r.memory.spatial);
  // Its display copies too: 6 channels of 17 x 19 shown twice (depthwise and spatial),
  // each pixel a float and two coloured RGBA8 sets with mipmaps (16 bytes).
  EXPECT_EQ(estimate_for(choice, 3, 17, 19).display - display_alone, int64_t{6} * 17 * 19 * 16);
  // An edit that is not rank 1 is named as an edit.
  Tensor bent = full;
  bent.at(3, 0, 1, 1) += 0.5f;
  choice.custom_dw = std::make_shared<const Tensor>(bent);
  try {
    run_layer(image, choice, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("the edited depthwise kernel of channel 3 is not rank 1"),
              std::string::npos)
        << e.what();
  }
}

TEST(SpatialOption, SeparableIsInTheOneTableDefaultDepthwise) {
  const LayerOption* o = find_layer_option("--separable");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(default_text(*o), "depthwise");
  LayerChoice c;
  EXPECT_EQ(o->apply(c, "spatial"), "");
  EXPECT_EQ(c.separable, SeparableKind::Spatial);
  EXPECT_TRUE(spatial_requested(c));
  EXPECT_FALSE(same_choice(c, LayerChoice{}));
  const std::vector<LayerFlagValue> v = layer_flag_values(c);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].name, "--separable");
  EXPECT_EQ(v[0].text, "spatial");
  LayerChoice d;
  EXPECT_EQ(o->apply(d, "row"), "--separable 'row' must be depthwise or spatial");
  EXPECT_TRUE(same_choice(d, LayerChoice{}));
}

}  // namespace
}  // namespace sepconv

namespace sepconv {
namespace {

// The depthwise and spatial outputs share the 64 display channels: 32 each. Below 32
// channels the spatial copies are all extra; from 64 on they replace depthwise ones.
TEST(SpatialMemory, DisplayCopiesShareTheSixtyFourChannels) {
  LayerSpec spec;
  const Size2 work{480, 640};
  const int64_t plane = fit_long_side(480, 640, kPreviewLongSide).pixels() * 16;
  spec.m = 8;
  EXPECT_EQ(spatial_display_bytes(spec, work), 8 * plane);
  spec.m = 40;
  EXPECT_EQ(spatial_display_bytes(spec, work), (2 * 32 - 40) * plane);
  spec.m = 64;
  EXPECT_EQ(spatial_display_bytes(spec, work), 0);
  spec.m = 128;
  EXPECT_EQ(spatial_display_bytes(spec, work), 0);
}

TEST(SpatialLayer, TheStatusBarNamesTheSpatialStageOnlyWhileItRuns) {
  EXPECT_STREQ(run_stage_at(0.9), "separable");
  EXPECT_STREQ(run_stage_at(0.97), "separable") << "the end of the separable call";
  EXPECT_STREQ(run_stage_at(0.98), "spatial");
}

// [4] The traces the animation shows: the same products as the layer, value for value.

TEST(SpatialTrace, EveryOutputEqualsTheLayerExactlyAndTheTapsAreTheLayers) {
  const std::vector<Case> cases = grid();
  for (size_t i = 0; i < cases.size(); i += 7) {  // every seventh case: all strides, pads, Dk
    const Case& c = cases[i];
    const int m = 2;
    const ConvParams p = params_of(c, m);
    Tensor cols, rows, full;
    random_rank1(m * c.multiplier, c.dk, 29, &cols, &rows, &full);
    const std::vector<float> bias = bias_of(c, m, 0.75f);
    const Tensor in = random_tensor({m, c.h, c.w}, 12);
    OpCounts counts;
    const Tensor out = reference::spatially_separable_layer(in, cols, rows, bias, p, &counts);
    const std::vector<int> read = reference::spatial_read_columns(p, c.w);
    ASSERT_EQ(static_cast<int64_t>(read.size()),
              spatial_columns_read(out.dim(2), c.dk, c.stride, c.dilation))
        << describe(c);
    int64_t mults = 0, padded = 0;
    for (int o = 0; o < out.dim(0); ++o)
      for (int y = 0; y < out.dim(1); ++y) {
        for (int xp : read) {
          const SpatialTrace t = trace_spatial_column(in, cols, p, o, y, xp);
          ASSERT_EQ(static_cast<int>(t.steps.size()), c.dk);
          ASSERT_EQ(t.steps.back().running_sum, t.value);
          ASSERT_EQ(t.steps.front().in_channel, o / c.multiplier);
          ASSERT_EQ(t.steps.front().ix, xp - p.padding.left);
          mults += c.dk;
          for (const reference::Tap& tap : t.steps) padded += tap.padded ? 1 : 0;
        }
        for (int x = 0; x < out.dim(2); ++x) {
          const SpatialTrace t = trace_spatial_output(in, cols, rows, bias, p, o, y, x);
          // Bit for bit: the same column values summed in the same order.
          ASSERT_EQ(t.value, out.at(o, y, x)) << describe(c) << " at " << o << "," << y << "," << x;
          ASSERT_TRUE(t.row_pass);
          ASSERT_EQ(static_cast<int>(t.steps.size()), c.dk);
          mults += c.dk;
        }
      }
    EXPECT_EQ(mults, counts.mults) << describe(c);
    EXPECT_EQ(padded, counts.padded_mults) << describe(c);
  }
}

TEST(SpatialTrace, APositionOutsideTheOutputIsRefused) {
  const Case c{8, 8, 3, 1, 1, PadPolicy::Same, 0, PadMode::Zero, 1, false, false};
  const ConvParams p = params_of(c, 2);
  Tensor cols, rows, full;
  random_rank1(2, 3, 3, &cols, &rows, &full);
  const Tensor in = random_tensor({2, 8, 8}, 1);
  EXPECT_THROW(trace_spatial_output(in, cols, rows, {}, p, 2, 0, 0), Error);
  EXPECT_THROW(trace_spatial_output(in, cols, rows, {}, p, 0, 8, 0), Error);
  EXPECT_THROW(trace_spatial_output(in, cols, rows, {}, p, 0, 0, 8), Error);
  EXPECT_THROW(trace_spatial_column(in, cols, p, 0, -1, 0), Error);
  EXPECT_THROW(trace_spatial_column(in, cols, p, 0, 0, 10), Error);  // padded width 8 + 2
  EXPECT_NO_THROW(trace_spatial_column(in, cols, p, 0, 0, 9));
}

}  // namespace
}  // namespace sepconv
