// Builds the cost panel's formulas and notes from the core cost model; see cost_text.h.
#include "views/cost_text.h"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "error.h"
#include "widgets/number_format.h"

namespace app {
namespace {

// Formulas are assembled from the pieces that apply to this layer, so the symbols a
// teacher sees always match the numbers underneath (M/g only when grouped, K only when
// the depth multiplier is used, "+ bias" only with a bias).
using Formulas = MultiplicationFormulas;

Formulas ParamFormulas(const sepconv::LayerSpec& spec) {
  const std::string m_per_group = spec.groups == 1 ? "M" : "(M/g)";
  const std::string mk = spec.depth_multiplier == 1 ? "M" : "M × K";
  Formulas f{"N × " + m_per_group + " × Dk²", mk + " × Dk²", "N × " + mk, mk + " × (Dk² + N)"};
  if (spec.bias) {
    f.standard += " + N";
    f.depthwise += " + " + mk;
    f.pointwise += " + N";
    f.separable += " + " + mk + " + N";
  }
  return f;
}

FormulaLine Line(const char* name, const std::string& symbolic, int64_t value,
                 const sepconv::LayerSpec& spec, int ho, int wo, bool with_flops) {
  FormulaLine line;
  line.name = name;
  line.symbolic = symbolic;
  line.substituted = SubstituteSymbols(symbolic, spec, ho, wo);
  line.value = value;
  line.value_text = FormatCount(value);
  if (with_flops) line.flops_text = FormatCount(2 * value);
  return line;
}

RatioText Ratio(int64_t separable, int64_t standard, const sepconv::LayerSpec& spec,
                const char* what) {
  RatioText r;
  r.exact = static_cast<double>(separable) / static_cast<double>(standard);
  r.identity = sepconv::ratio_identity(spec.dk, spec.n);
  r.equal = std::fabs(r.exact - r.identity) <= 1e-12 * r.identity;
  r.exact_text = "separable / standard = " + FormatThousands(separable) + " / " +
                 FormatThousands(standard) + " = " + FormatRatio(r.exact);
  r.identity_text = "1/N + 1/Dk² = 1/" + std::to_string(spec.n) + " + 1/" +
                    std::to_string(spec.dk) + "² = " + FormatRatio(r.identity);
  char speedup[96];
  std::snprintf(speedup, sizeof speedup, "%.2f× fewer %s with the separable layer", 1.0 / r.exact,
                what);
  r.speedup_text = speedup;
  return r;
}

std::string MultRatioNote(const sepconv::LayerSpec& spec, const RatioText& r) {
  if (r.equal) {
    return "The exact ratio equals 1/N + 1/Dk². Stride, padding and dilation change Ho × Wo, "
           "but both paths produce the same Ho × Wo, so it cancels.";
  }
  const int g = spec.groups;
  const int k = spec.depth_multiplier;
  std::string note = "The exact ratio differs from 1/N + 1/Dk²:";
  if (g != 1) {
    note += " groups g = " + std::to_string(g) +
            " lets each standard filter see only M/g = " + std::to_string(spec.m / g) +
            " input channels, so the standard layer is " + std::to_string(g) + " times cheaper;";
  }
  if (k != 1) {
    note += " depth multiplier K = " + std::to_string(k) +
            " gives M × K = " + std::to_string(spec.m * k) +
            " depthwise outputs for the pointwise layer, so the "
            "separable layer is " +
            std::to_string(k) + " times dearer;";
  }
  note += " exact = g × K × (1/N + 1/Dk²) = " + std::to_string(g) + " × " + std::to_string(k) +
          " × " + FormatRatio(r.identity) + " = " + FormatRatio(g * k * r.identity) +
          ". Stride and padding still cancel.";
  return note;
}

std::string ParamRatioNote(const sepconv::LayerSpec& spec, const RatioText& r) {
  if (r.equal) return "Parameters shrink by the same ratio as the multiplications.";
  std::string note = "The parameter ratio differs from 1/N + 1/Dk²:";
  if (spec.groups != 1 || spec.depth_multiplier != 1) {
    note += " groups and the depth multiplier scale it by g × K as for the multiplications;";
  }
  if (spec.bias) note += " the biases (N for standard, M × K + N for separable) add to each side;";
  note.back() = '.';
  return note;
}

std::string PaddingText(const sepconv::Padding& p) {
  if (p.top == p.bottom && p.left == p.right && p.top == p.left) return std::to_string(p.top);
  return "top " + std::to_string(p.top) + ", bottom " + std::to_string(p.bottom) + ", left " +
         std::to_string(p.left) + ", right " + std::to_string(p.right);
}

}  // namespace

std::string FormatRatio(double ratio) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", ratio);
  return buffer;
}

MultiplicationFormulas MultFormulas(const sepconv::LayerSpec& spec) {
  const std::string m_per_group = spec.groups == 1 ? "M" : "(M/g)";
  const std::string mk = spec.depth_multiplier == 1 ? "M" : "M × K";
  return {"N × Ho × Wo × Dk² × " + m_per_group, mk + " × Ho × Wo × Dk²", "N × Ho × Wo × " + mk,
          "Ho × Wo × " + mk + " × (Dk² + N)"};
}

std::string SubstituteSymbols(const std::string& formula, const sepconv::LayerSpec& spec, int ho,
                              int wo) {
  std::string out;
  size_t i = 0;
  while (i < formula.size()) {
    if (!std::isalpha(static_cast<unsigned char>(formula[i]))) {
      out += formula[i++];
      continue;
    }
    size_t end = i;
    while (end < formula.size() && std::isalpha(static_cast<unsigned char>(formula[end]))) ++end;
    const std::string word = formula.substr(i, end - i);
    if (word == "N")
      out += std::to_string(spec.n);
    else if (word == "M")
      out += std::to_string(spec.m);
    else if (word == "K")
      out += std::to_string(spec.depth_multiplier);
    else if (word == "g")
      out += std::to_string(spec.groups);
    else if (word == "Dk")
      out += std::to_string(spec.dk);
    else if (word == "Ho")
      out += std::to_string(ho);
    else if (word == "Wo")
      out += std::to_string(wo);
    else
      out += word;
    i = end;
  }
  return out;
}

CostText BuildCostText(const sepconv::LayerSpec& spec, int in_h, int in_w) {
  CostText t;
  try {
    t.costs = sepconv::layer_costs(spec, in_h, in_w);
  } catch (const sepconv::Error& e) {
    t.error = e.what();
    return t;
  }
  t.ok = true;
  const sepconv::LayerCosts& c = t.costs;
  const int ho = c.standard.out.h;
  const int wo = c.standard.out.w;
  const sepconv::Padding pad = sepconv::standard_params(spec, in_h, in_w).padding;
  t.shape_text = "Output Ho × Wo = " + std::to_string(ho) + " × " + std::to_string(wo) +
                 " from a " + std::to_string(in_h) + " × " + std::to_string(in_w) +
                 " input (stride " + std::to_string(spec.stride) + ", dilation " +
                 std::to_string(spec.dilation) + ", padding " + to_string(spec.pad_policy) + " = " +
                 PaddingText(pad) + ", " + to_string(spec.pad_mode) + ")";

  const Formulas mf = MultFormulas(spec);
  t.mults = {Line("standard", mf.standard, c.standard.mults, spec, ho, wo, true),
             Line("depthwise", mf.depthwise, c.depthwise.mults, spec, ho, wo, true),
             Line("pointwise", mf.pointwise, c.pointwise.mults, spec, ho, wo, true),
             Line("separable", mf.separable, c.separable.mults, spec, ho, wo, true)};
  const Formulas pf = ParamFormulas(spec);
  t.params = {Line("standard", pf.standard, c.standard.params, spec, ho, wo, false),
              Line("depthwise", pf.depthwise, c.depthwise.params, spec, ho, wo, false),
              Line("pointwise", pf.pointwise, c.pointwise.params, spec, ho, wo, false),
              Line("separable", pf.separable, c.separable.params, spec, ho, wo, false)};

  t.mult_ratio = Ratio(c.separable.mults, c.standard.mults, spec, "multiplications");
  t.mult_ratio.note = MultRatioNote(spec, t.mult_ratio);
  t.param_ratio = Ratio(c.separable.params, c.standard.params, spec, "parameters");
  t.param_ratio.note = ParamRatioNote(spec, t.param_ratio);
  t.macs_note =
      "Counts are multiplications: each is one multiply-accumulate (MAC). FLOP counts "
      "include the additions too, so FLOPs = 2 × MACs.";
  return t;
}

}  // namespace app
