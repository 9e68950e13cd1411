// The live cost panel: formulas with numbers, stacked bars, curves against Dk/M/N,
// measured vs predicted speed-up and export. Draws into the caller's current window.
#pragma once

#include <string>
#include <vector>

#include "conv_params.h"
#include "cost_panel/cost_curves.h"

namespace sepconv::app {

// An inclusive range of one axis for the curves.
struct AxisRange {
  int min = 1;
  int max = 1;
};

enum class ExportKind { CountsCsv, CurvesCsv, PyTorchSnippet };

// Everything the panel remembers between frames (the caller owns it; no static state).
struct CostPanelState {
  // Curves: which axis varies, over which range, and how it is drawn.
  CurveAxis curve_axis = CurveAxis::N;
  AxisRange dk_range{1, 15};
  AxisRange m_range{1, 256};
  AxisRange n_range{1, 1024};
  CurveQuantity curve_quantity = CurveQuantity::Mults;
  bool curve_log_x = false;
  bool curve_log_y = true;
  bool bars_log = false;

  // Export: what to save, where, and an overwrite question waiting for an answer.
  ExportKind save_kind = ExportKind::CountsCsv;
  std::string save_path = "sepconv_counts.csv";
  std::string pending_overwrite_text;  // the text to write if the user confirms
  bool open_overwrite_popup = false;
  std::string status;  // the last export's result, shown under the buttons
  bool status_is_error = false;

  // Formula terms a lesson step points at ("dk2", "m", "n", "do2"), and how many marks
  // the last frame drew (tests read it).
  std::vector<std::string> highlight;
  int marks_drawn = 0;

  // Where the curve plot drew its legend last frame (x, y, w, h in screen pixels), so
  // the window tests can find it (--layout-json "CostsLegend").
  float curve_legend[4] = {0, 0, 0, 0};
};

// Times of the background job on the loaded image; valid once it has finished.
struct MeasuredTimes {
  bool valid = false;
  double standard_ms = 0, depthwise_ms = 0, pointwise_ms = 0, separable_ms = 0;
  std::string engine;  // "reference" or "fast"
  std::string kernel;  // which kernel the engine dispatched to
  int threads = 1;
  std::string size_text;  // what the times were measured on: "4032 x 3024 (working size ...)"
  // Multiplications the engine counted while it computed the outputs shown (standard,
  // depthwise, pointwise, separable), beside the closed forms.
  bool counted_valid = false;
  int64_t counted[4] = {0, 0, 0, 0};
  // The spatially separable path, when it ran (--separable spatial): its time and the
  // multiplications the engine counted, beside its closed form.
  bool spatial_valid = false;
  double spatial_ms = 0;
  int64_t spatial_counted = 0;
};

// `spatial` (--separable spatial): the spatially separable path joins the formulas, the
// curves and the times, with the "about 2 · Dk per output" explanation.
void DrawCostPanel(const sepconv::LayerSpec& spec, int in_h, int in_w,
                   const MeasuredTimes& measured, CostPanelState& ui, bool spatial = false);

}  // namespace sepconv::app
