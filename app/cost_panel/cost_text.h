// The cost panel's words and numbers, built without ImGui so tests can compare every
// string shown against the core cost model: formulas, substitutions, FLOPs, ratios.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "conv_params.h"
#include "cost.h"

namespace sepconv::app {

// One count written three ways: the symbols, the symbols replaced by the current numbers,
// and the value the core cost model computed.
struct FormulaLine {
  std::string name;         // "standard", "depthwise", "pointwise", "separable", "spatial"
  std::string symbolic;     // "N × Ho × Wo × Dk² × M"
  std::string substituted;  // "16 × 224 × 224 × 3² × 3"
  int64_t value = 0;        // from sepconv::layer_costs
  std::string value_text;   // "7,225,344 (7.2 M)"
  std::string flops_text;   // multiplications only: "14,450,688 (14.5 M)" = 2 × MACs
};

struct RatioText {
  double exact = 0.0;         // from the counts
  double identity = 0.0;      // 1/N + 1/Dk²
  bool equal = false;         // exact == identity (up to rounding)
  std::string exact_text;     // "separable / standard = 3,763,200 / 7,225,344 = 0.5208"
  std::string identity_text;  // "1/N + 1/Dk² = 1/16 + 1/3² = 0.1736"
  std::string speedup_text;   // "1.92× fewer multiplications with the separable layer"
  std::string note;           // why they agree, or why and by how much they differ
};

struct CostText {
  bool ok = false;
  std::string error;  // the core's message when the layer is invalid
  sepconv::LayerCosts costs;
  std::string shape_text;           // output size and the stride/dilation/padding that made it
  std::vector<FormulaLine> mults;   // standard, depthwise, pointwise, separable
  std::vector<FormulaLine> params;  // same order
  RatioText mult_ratio;
  RatioText param_ratio;
  std::string macs_note;  // counts are multiply-accumulates; FLOPs = 2 × MACs
  // With spatial (--separable spatial), mults and params get a fifth line, "spatial":
  // the depthwise stage as a column pass then a row pass (sepconv::spatial_separable_cost).
  bool spatial = false;
  int64_t spatial_columns = 0;          // sepconv::spatial_columns_read: Wc
  std::string spatial_columns_text;     // "Wc = columns the column pass runs on = ... = 1922"
  std::string spatial_per_output_text;  // "about 2 · Dk per output, never exactly": the numbers
  std::string spatial_ratio_text;       // "spatial / depthwise = ... = 0.667 (2 / Dk = 0.667)"
};

CostText BuildCostText(const sepconv::LayerSpec& spec, int in_h, int in_w, bool spatial = false);

// "0.1736" style: four significant digits, enough to compare exact and closed form.
std::string FormatRatio(double ratio);

// The multiplication counts in symbols, with only the pieces this layer uses: "(M/g)"
// when grouped, "M × K" with a depth multiplier. The Costs and Animation tabs both
// show these, so the class reads one notation.
struct MultiplicationFormulas {
  std::string standard, depthwise, pointwise, separable;
  std::string spatial;  // "M × Dk × Ho × (Wc + Wo)": Wc columns read by the row pass
};
MultiplicationFormulas MultFormulas(const sepconv::LayerSpec& spec);

// Replaces the symbols N, M, K, g, Dk, Ho, Wo in `formula` by their values.
std::string SubstituteSymbols(const std::string& formula, const sepconv::LayerSpec& spec, int ho,
                              int wo);

}  // namespace sepconv::app
