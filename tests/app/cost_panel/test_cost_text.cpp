// The cost panel's strings against the core cost model over a grid of layers: every
// substituted formula evaluates to the core's count, values carry separators and
// magnitudes, the ratio identity holds exactly where it should.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "cost.h"
#include "cost_panel/cost_text.h"
#include "cost_panel/cost_timing.h"
#include "error.h"
#include "widgets/number_format.h"

namespace sepconv::app {
namespace {

// Evaluates the formulas the panel prints: integers, "×", "/", "+", parentheses and "²".
class Evaluator {
 public:
  explicit Evaluator(const std::string& text) : s_(text) {}
  int64_t Run() {
    const int64_t v = Sum();
    Skip();
    if (i_ != s_.size()) throw std::runtime_error("trailing text in '" + s_ + "'");
    return v;
  }

 private:
  void Skip() {
    while (i_ < s_.size() && s_[i_] == ' ') ++i_;
  }
  bool Eat(const std::string& token) {
    Skip();
    if (s_.compare(i_, token.size(), token) != 0) return false;
    i_ += token.size();
    return true;
  }
  int64_t Sum() {
    int64_t v = Product();
    while (Eat("+")) v += Product();
    return v;
  }
  int64_t Product() {
    int64_t v = Power();
    for (;;) {
      if (Eat("×")) {
        v *= Power();
      } else if (Eat("/")) {
        const int64_t d = Power();
        if (d == 0 || v % d != 0) throw std::runtime_error("inexact division in '" + s_ + "'");
        v /= d;
      } else {
        return v;
      }
    }
  }
  int64_t Power() {
    const int64_t v = Primary();
    return Eat("²") ? v * v : v;
  }
  int64_t Primary() {
    if (Eat("(")) {
      const int64_t v = Sum();
      if (!Eat(")")) throw std::runtime_error("missing ) in '" + s_ + "'");
      return v;
    }
    Skip();
    size_t end = i_;
    while (end < s_.size() && std::isdigit(static_cast<unsigned char>(s_[end]))) ++end;
    if (end == i_)
      throw std::runtime_error("number expected in '" + s_ + "' at " + std::to_string(i_));
    const int64_t v = std::stoll(s_.substr(i_, end - i_));
    i_ = end;
    return v;
  }
  std::string s_;
  size_t i_ = 0;
};

int64_t Evaluate(const std::string& text) {
  return Evaluator(text).Run();
}

TEST(CostText, HandWorkedLayer) {
  sepconv::LayerSpec spec;  // Dk 3, M 3, N 16, same padding
  const CostText t = BuildCostText(spec, 224, 224);
  ASSERT_TRUE(t.ok) << t.error;
  EXPECT_EQ(t.mults[0].symbolic, "N × Ho × Wo × Dk² × M");
  EXPECT_EQ(t.mults[0].substituted, "16 × 224 × 224 × 3² × 3");
  EXPECT_EQ(t.mults[0].value_text, "21,676,032 (21.7 M)");
  EXPECT_EQ(t.mults[0].flops_text, "43,352,064 (43.4 M)");
  EXPECT_EQ(t.mults[1].substituted, "3 × 224 × 224 × 3²");
  EXPECT_EQ(t.mults[2].substituted, "16 × 224 × 224 × 3");
  EXPECT_EQ(t.mults[3].symbolic, "Ho × Wo × M × (Dk² + N)");
  EXPECT_EQ(t.mults[3].substituted, "224 × 224 × 3 × (3² + 16)");
  EXPECT_EQ(t.mults[3].value_text, "3,763,200 (3.8 M)");
  EXPECT_EQ(t.params[0].substituted, "16 × 3 × 3²");
  EXPECT_EQ(t.params[0].value_text, "432");
  EXPECT_EQ(t.params[3].value_text, "75");
  EXPECT_EQ(t.mult_ratio.exact_text, "separable / standard = 3,763,200 / 21,676,032 = 0.1736");
  EXPECT_EQ(t.mult_ratio.identity_text, "1/N + 1/Dk² = 1/16 + 1/3² = 0.1736");
  EXPECT_EQ(t.mult_ratio.speedup_text, "5.76× fewer multiplications with the separable layer");
  EXPECT_TRUE(t.mult_ratio.equal);
  EXPECT_NE(t.mult_ratio.note.find("cancels"), std::string::npos);
  EXPECT_NE(t.macs_note.find("FLOPs = 2 × MACs"), std::string::npos);
  EXPECT_EQ(t.shape_text,
            "Output Ho × Wo = 224 × 224 from a 224 × 224 input (stride 1, dilation 1, padding "
            "same = 1, zero)");
}

TEST(CostText, GridMatchesCoreCostModel) {
  int checked = 0;
  for (int dk : {1, 2, 3, 5, 7, 15}) {
    for (int m : {1, 3, 8, 32}) {
      for (int n : {1, 4, 16, 64}) {
        for (int stride : {1, 2}) {
          for (auto policy : {sepconv::PadPolicy::Same, sepconv::PadPolicy::Valid,
                              sepconv::PadPolicy::Explicit}) {
            for (int groups : {1, 2, 4}) {
              for (int k : {1, 2}) {
                for (bool bias : {false, true}) {
                  sepconv::LayerSpec spec;
                  spec.dk = dk;
                  spec.m = m;
                  spec.n = n;
                  spec.stride = stride;
                  spec.dilation = dk > 5 ? 1 : 2;
                  spec.pad_policy = policy;
                  spec.pad_amount = 1;
                  spec.groups = groups;
                  spec.depth_multiplier = k;
                  spec.bias = bias;
                  SCOPED_TRACE(testing::Message()
                               << "dk " << dk << " m " << m << " n " << n << " stride " << stride
                               << " policy " << sepconv::to_string(policy) << " groups " << groups
                               << " K " << k << " bias " << bias);
                  const CostText t = BuildCostText(spec, 24, 40);
                  sepconv::LayerCosts c;
                  try {
                    c = sepconv::layer_costs(spec, 24, 40);
                  } catch (const sepconv::Error& e) {
                    EXPECT_FALSE(t.ok);
                    EXPECT_EQ(t.error, e.what());
                    continue;
                  }
                  ASSERT_TRUE(t.ok) << t.error;
                  const sepconv::OpCost* paths[] = {&c.standard, &c.depthwise, &c.pointwise,
                                                    &c.separable};
                  ASSERT_EQ(t.mults.size(), 4u);
                  ASSERT_EQ(t.params.size(), 4u);
                  for (size_t i = 0; i < 4; ++i) {
                    EXPECT_EQ(t.mults[i].value, paths[i]->mults);
                    EXPECT_EQ(Evaluate(t.mults[i].substituted), paths[i]->mults)
                        << t.mults[i].substituted;
                    EXPECT_EQ(t.mults[i].value_text, FormatCount(paths[i]->mults));
                    EXPECT_EQ(t.mults[i].flops_text, FormatCount(2 * paths[i]->mults));
                    EXPECT_EQ(t.params[i].value, paths[i]->params);
                    EXPECT_EQ(Evaluate(t.params[i].substituted), paths[i]->params)
                        << t.params[i].substituted;
                    EXPECT_EQ(t.params[i].value_text, FormatCount(paths[i]->params));
                  }
                  EXPECT_DOUBLE_EQ(t.mult_ratio.exact, c.ratio);
                  EXPECT_DOUBLE_EQ(t.mult_ratio.identity, c.ratio_identity);
                  // The identity holds exactly with groups 1 and K 1, whatever the
                  // stride, padding or dilation; otherwise exact = g K (1/N + 1/Dk²).
                  EXPECT_EQ(t.mult_ratio.equal, c.identity_applies);
                  EXPECT_NEAR(c.ratio, groups * k * c.ratio_identity, 1e-12);
                  if (c.identity_applies) {
                    EXPECT_NEAR(c.ratio, c.ratio_identity, 1e-15);
                  }
                  // Parameters follow the identity without groups, K or bias (with them
                  // it can still match by coincidence, e.g. Dk = M = N = 1).
                  if (c.identity_applies && !bias) {
                    EXPECT_TRUE(t.param_ratio.equal);
                  }
                  EXPECT_DOUBLE_EQ(t.param_ratio.exact,
                                   static_cast<double>(c.separable.params) / c.standard.params);
                  ++checked;
                }
              }
            }
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST(CostText, ExplainsWhyTheRatioDiffers) {
  sepconv::LayerSpec spec;
  spec.m = 8;
  spec.n = 16;
  spec.groups = 2;
  spec.depth_multiplier = 2;
  const CostText t = BuildCostText(spec, 32, 32);
  ASSERT_TRUE(t.ok);
  EXPECT_FALSE(t.mult_ratio.equal);
  EXPECT_EQ(t.mults[0].symbolic, "N × Ho × Wo × Dk² × (M/g)");
  EXPECT_EQ(t.mults[0].substituted, "16 × 32 × 32 × 3² × (8/2)");
  EXPECT_EQ(t.mults[3].symbolic, "Ho × Wo × M × K × (Dk² + N)");
  const std::string& note = t.mult_ratio.note;
  EXPECT_NE(note.find("groups g = 2"), std::string::npos) << note;
  EXPECT_NE(note.find("depth multiplier K = 2"), std::string::npos) << note;
  EXPECT_NE(note.find("g × K × (1/N + 1/Dk²) = 2 × 2 × 0.1736 = 0.6944"), std::string::npos)
      << note;
  EXPECT_EQ(FormatRatio(t.mult_ratio.exact), "0.6944");
}

TEST(CostText, StrideAndPaddingDoNotChangeTheRatio) {
  sepconv::LayerSpec spec;
  spec.dk = 5;
  spec.m = 16;
  spec.n = 32;
  spec.stride = 3;
  spec.pad_policy = sepconv::PadPolicy::Valid;
  const CostText t = BuildCostText(spec, 50, 70);
  ASSERT_TRUE(t.ok);
  EXPECT_TRUE(t.mult_ratio.equal);
  EXPECT_EQ(t.mult_ratio.identity_text, "1/N + 1/Dk² = 1/32 + 1/5² = 0.07125");
}

TEST(CostText, InvalidLayerGivesTheCoreMessage) {
  sepconv::LayerSpec spec;
  spec.n = 0;
  const CostText t = BuildCostText(spec, 32, 32);
  EXPECT_FALSE(t.ok);
  EXPECT_NE(t.error.find("output channels N"), std::string::npos) << t.error;
}

TEST(CostTiming, PredictionsWithoutMeasurement) {
  sepconv::LayerSpec spec;
  const sepconv::LayerCosts c = sepconv::layer_costs(spec, 224, 224);
  const TimingText t = BuildTimingText(spec, c, MeasuredTimes{});
  EXPECT_FALSE(t.valid);
  EXPECT_DOUBLE_EQ(t.predicted_speedup, 21676032.0 / 3763200.0);
  EXPECT_EQ(t.predicted_text, "predicted from multiplications: 21,676,032 / 3,763,200 = 5.76×");
  EXPECT_DOUBLE_EQ(t.memory_bound_speedup,
                   static_cast<double>(c.standard.bytes()) / c.separable.bytes());
}

TEST(CostTiming, MeasuredAgainstPredicted) {
  sepconv::LayerSpec spec;
  spec.m = 32;
  spec.n = 64;
  const sepconv::LayerCosts c = sepconv::layer_costs(spec, 256, 256);
  MeasuredTimes m;
  m.valid = true;
  m.standard_ms = 40.0;
  m.depthwise_ms = 6.0;
  m.pointwise_ms = 14.0;
  m.separable_ms = 20.0;
  m.engine = "fast";
  m.kernel = "avx2";
  m.threads = 2;
  const TimingText t = BuildTimingText(spec, c, m);
  ASSERT_TRUE(t.valid);
  EXPECT_DOUBLE_EQ(t.measured_speedup, 2.0);
  EXPECT_EQ(t.measured_text, "measured: 40.0 ms / 20.0 ms = 2.00×");
  EXPECT_EQ(t.engine_text, "engine fast, kernel avx2, 2 threads");
  EXPECT_NE(t.why.find("below the prediction"), std::string::npos) << t.why;
  // The depthwise stage moves many bytes per multiplication: the note must say so.
  EXPECT_NE(t.why.find("depthwise stage does 9 multiplications per output value against 288"),
            std::string::npos)
      << t.why;
  EXPECT_NE(t.why.find("intermediate maps"), std::string::npos);

  m.separable_ms = 40.0 / t.predicted_speedup;
  EXPECT_NE(BuildTimingText(spec, c, m).why.find("agree"), std::string::npos);
  m.separable_ms = 1.0;
  EXPECT_NE(BuildTimingText(spec, c, m).why.find("above the prediction"), std::string::npos);
  m.separable_ms = 0.0;  // a job that did not time the separable path
  EXPECT_FALSE(BuildTimingText(spec, c, m).valid);
}

// --separable spatial: the fifth line is the spatially separable path, its substituted
// formula evaluates to core's closed form, and the "about 2 · Dk" note carries this
// layer's exact numbers (docs/costs.md's worked number).
TEST(CostText, SpatialLineOnTheWorkedNumber) {
  sepconv::LayerSpec spec;  // Dk 3, M 3, stride 1, same padding
  const CostText t = BuildCostText(spec, 1080, 1920, true);
  ASSERT_TRUE(t.ok) << t.error;
  ASSERT_TRUE(t.spatial);
  ASSERT_EQ(t.mults.size(), 5u);
  ASSERT_EQ(t.params.size(), 5u);
  EXPECT_EQ(t.mults[4].name, "spatial");
  EXPECT_EQ(t.mults[4].symbolic, "M × Dk × Ho × (Wc + Wo)");
  EXPECT_EQ(t.mults[4].substituted, "3 × 3 × 1080 × (1922 + 1920)");
  EXPECT_EQ(t.mults[4].value, 37344240);
  EXPECT_EQ(t.mults[4].value_text, "37,344,240 (37.3 M)");
  EXPECT_EQ(t.spatial_columns, 1922);
  EXPECT_NE(t.spatial_columns_text.find("1 × 1920 + 2 × 1 = 1,922"), std::string::npos)
      << t.spatial_columns_text;
  EXPECT_NE(t.spatial_per_output_text.find("37,344,240 / (3 × 1080 × 1920) = 6.003125"),
            std::string::npos)
      << t.spatial_per_output_text;
  EXPECT_NE(t.spatial_per_output_text.find("against 2 · Dk = 6"), std::string::npos);
  EXPECT_NE(t.spatial_per_output_text.find("never reaches 0"), std::string::npos);
  EXPECT_NE(t.spatial_ratio_text.find("37,344,240 / 55,987,200 = 0.667"), std::string::npos)
      << t.spatial_ratio_text;
  EXPECT_EQ(t.params[4].substituted, "3 × 2 × 3");
  EXPECT_EQ(t.params[4].value, 18);
  // Without spatial nothing changes.
  EXPECT_EQ(BuildCostText(spec, 1080, 1920).mults.size(), 4u);
}

TEST(CostText, SpatialLineMatchesTheClosedFormAcrossStridePaddingAndDilation) {
  for (int dk : {1, 3, 5})
    for (int stride : {1, 2, 3})
      for (int dilation : {1, 2})
        for (sepconv::PadPolicy policy : {sepconv::PadPolicy::Same, sepconv::PadPolicy::Valid})
          for (int k : {1, 2})
            for (bool bias : {false, true}) {
              sepconv::LayerSpec spec;
              spec.dk = dk;
              spec.m = 2;
              spec.n = 4;
              spec.stride = stride;
              spec.dilation = dilation;
              spec.pad_policy = policy;
              spec.depth_multiplier = k;
              spec.bias = bias;
              SCOPED_TRACE(testing::Message() << "dk " << dk << " stride " << stride << " d "
                                              << dilation << " K " << k << " bias " << bias);
              const CostText t = BuildCostText(spec, 24, 40, true);
              ASSERT_TRUE(t.ok) << t.error;
              const sepconv::OpCost want =
                  sepconv::spatial_separable_cost(sepconv::depthwise_params(spec, 24, 40), 24, 40);
              ASSERT_EQ(t.mults.size(), 5u);
              EXPECT_EQ(t.mults[4].value, want.mults);
              EXPECT_EQ(Evaluate(t.mults[4].substituted), want.mults) << t.mults[4].substituted;
              EXPECT_EQ(t.params[4].value, want.params);
              EXPECT_EQ(Evaluate(t.params[4].substituted), want.params) << t.params[4].substituted;
              EXPECT_EQ(t.spatial_columns,
                        sepconv::spatial_columns_read(want.out.w, dk, stride, dilation));
            }
}

}  // namespace
}  // namespace sepconv::app
