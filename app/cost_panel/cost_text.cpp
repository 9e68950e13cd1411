// Builds the cost panel's formulas and notes from the core cost model; see cost_text.h.
#include "cost_panel/cost_text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "error.h"
#include "widgets/number_format.h"

namespace sepconv::app {
namespace {

// Formulas are assembled from the pieces that apply to this layer, so the symbols a
// teacher sees always match the numbers underneath (M/g only when grouped, K only when
// the depth multiplier is used, "+ bias" only with a bias).
using Formulas = MultiplicationFormulas;

Formulas ParamFormulas(const sepconv::LayerSpec& spec) {
  const std::string m_per_group = spec.groups == 1 ? "M" : "(M/g)";
  const std::string mk = spec.depth_multiplier == 1 ? "M" : "M × K";
  Formulas f{"N × " + m_per_group + " × Dk²", mk + " × Dk²", "N × " + mk, mk + " × (Dk² + N)",
             mk + " × 2 × Dk"};
  if (spec.bias) {
    f.standard += " + N";
    f.depthwise += " + " + mk;
    f.pointwise += " + N";
    f.separable += " + " + mk + " + N";
    f.spatial += " + " + mk;
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

// Wc, the columns the column pass runs on, in the closed form of core/cost.h with this
// layer's numbers.
std::string SpatialColumnsText(const sepconv::LayerSpec& spec, int wo, int64_t columns) {
  const int s = spec.stride, d = spec.dilation, dk = spec.dk;
  const int g = std::gcd(s, d);
  const int r = std::min(s / g, dk);
  std::string text =
      "Wc = the columns the column pass runs on (every column the row pass reads, padding "
      "included) = r × Wo + (Dk − r) × min(d/g, Wo), with g = gcd(s, d) = " +
      std::to_string(g) + " and r = min(s/g, Dk) = " + std::to_string(r) + ": " +
      std::to_string(r) + " × " + std::to_string(wo) + " + " + std::to_string(dk - r) + " × " +
      std::to_string(std::min(d / g, wo)) + " = " + FormatThousands(columns);
  if (s == 1) text += " (at stride 1: Wo + d × (Dk − 1))";
  return text + ".";
}

// Why the spatial count is about 2 · Dk per output and never exactly, with this layer's
// numbers: Dk × Wc / Wo for the column pass plus Dk for the row pass.
std::string SpatialPerOutputText(const sepconv::LayerSpec& spec, const sepconv::LayerCosts& c,
                                 int64_t columns) {
  const sepconv::Shape3 out = c.spatial.out;
  const int dk = spec.dk;
  char per[48];
  std::snprintf(per, sizeof per, "%.7g", c.spatial_mults_per_output);
  std::string text = "About 2 · Dk per output, never exactly: " + FormatThousands(c.spatial.mults) +
                     " / (" + std::to_string(out.c) + " × " + std::to_string(out.h) + " × " +
                     std::to_string(out.w) + ") = " + per +
                     " multiplications per output = Dk × Wc / Wo + Dk = " + std::to_string(dk) +
                     " × " + FormatThousands(columns) + " / " + std::to_string(out.w) + " + " +
                     std::to_string(dk) + ", against 2 · Dk = " + std::to_string(2 * dk) + ".";
  if (columns > out.w) {
    text += " The column pass also runs on the " + FormatThousands(columns - out.w) +
            " columns beyond the outputs' own (the row pass needs a whole row window at each "
            "output)";
    text += spec.stride == 1 ? ", so the extra Dk × d × (Dk − 1) / Wo shrinks as the image "
                               "widens but never reaches 0 for Dk > 1."
                             : ": with stride " + std::to_string(spec.stride) +
                                   " the row pass skips columns but the column pass must still "
                                   "run on every column a window covers, so the split saves "
                                   "less (it pays only while s + 1 < Dk).";
  } else if (dk > 1) {
    text += " Here Wc = Wo.";
  }
  return text;
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
          "Ho × Wo × " + mk + " × (Dk² + N)", mk + " × Dk × Ho × (Wc + Wo)"};
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

CostText BuildCostText(const sepconv::LayerSpec& spec, int in_h, int in_w, bool spatial) {
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

  if (spatial) {
    // Wc is not one of SubstituteSymbols' symbols: it is replaced here by its number.
    t.spatial = true;
    t.spatial_columns =
        sepconv::spatial_columns_read(c.spatial.out.w, spec.dk, spec.stride, spec.dilation);
    FormulaLine m = Line("spatial", mf.spatial, c.spatial.mults, spec, ho, wo, true);
    const size_t at = m.substituted.find("Wc");
    if (at != std::string::npos) m.substituted.replace(at, 2, std::to_string(t.spatial_columns));
    t.mults.push_back(m);
    t.params.push_back(Line("spatial", pf.spatial, c.spatial.params, spec, ho, wo, false));
    t.spatial_columns_text = SpatialColumnsText(spec, c.spatial.out.w, t.spatial_columns);
    t.spatial_per_output_text = SpatialPerOutputText(spec, c, t.spatial_columns);
    t.spatial_ratio_text = "spatial / depthwise = " + FormatThousands(c.spatial.mults) + " / " +
                           FormatThousands(c.depthwise.mults) + " = " +
                           FormatRatio(c.spatial_ratio) +
                           " (2 / Dk = " + FormatRatio(2.0 / spec.dk) +
                           "): the Dk × Dk kernel's Dk² = " + std::to_string(spec.dk * spec.dk) +
                           " products per output become a column's Dk and a row's Dk.";
  }

  t.mult_ratio = Ratio(c.separable.mults, c.standard.mults, spec, "multiplications");
  t.mult_ratio.note = MultRatioNote(spec, t.mult_ratio);
  t.param_ratio = Ratio(c.separable.params, c.standard.params, spec, "parameters");
  t.param_ratio.note = ParamRatioNote(spec, t.param_ratio);
  t.macs_note =
      "Counts are multiplications: each is one multiply-accumulate (MAC). FLOP counts "
      "include the additions too, so FLOPs = 2 × MACs.";
  return t;
}

}  // namespace sepconv::app
