// The live cost panel: draws the formulas, bars, curves, measured vs predicted times and
// export controls for the current layer. All numbers come from cost_panel/cost_*.h.
//
// [SECTION] Colours and layout helpers
// [SECTION] Formulas
// [SECTION] Bars
// [SECTION] Curves
// [SECTION] Measured vs predicted
// [SECTION] Export
// [SECTION] Panel
#include "cost_panel/cost_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "cost_panel/cost_export.h"
#include "cost_panel/cost_text.h"
#include "cost_panel/cost_timing.h"
#include "error.h"
#include "text_format.h"
#include "widgets/fit_text.h"
#include "widgets/marked_text.h"
#include "widgets/number_format.h"
#include "widgets/plot.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

// [SECTION] Colours and layout helpers

// The paths' colours come from the theme (widgets/theme.h): one hue per path in every
// table, bar, curve and legend, darker on the light theme.
ImU32 PathColour(const std::string& name) {
  const Palette& p = CurrentPalette();
  if (name == "standard") return p.standard;
  if (name == "depthwise") return p.depthwise;
  if (name == "pointwise") return p.pointwise;
  if (name == "spatial") return p.spatial;
  return p.separable;
}

// Text in the theme's error colour.
void ErrorTextWrapped(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().error_text);
  TextWrappedAtSpaces("%s", text.c_str());
  ImGui::PopStyleColor();
}

bool WrappingButton(const char* label, bool first) {
  if (!first) SameLineIfFits(ButtonWidth(label));
  return ImGui::Button(label);
}

bool WrappingRadio(const char* label, bool active, bool first) {
  if (!first) SameLineIfFits(CheckboxWidth(label));
  return ImGui::RadioButton(label, active);
}

AxisRange& RangeFor(CostPanelState& ui, CurveAxis axis) {
  switch (axis) {
    case CurveAxis::Dk:
      return ui.dk_range;
    case CurveAxis::M:
      return ui.m_range;
    case CurveAxis::N:
      return ui.n_range;
  }
  return ui.n_range;
}

// Upper ends offered by the range sliders: past these the counts stop teaching anything.
int AxisLimit(CurveAxis axis) {
  return axis == CurveAxis::Dk ? 31 : 4096;
}

// [SECTION] Formulas

void DrawFormulaTable(const char* id, const std::vector<FormulaLine>& lines, bool flops,
                      CostPanelState& ui) {
  const ImGuiTableFlags flags =
      ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable(id, 3, flags)) return;
  ImGui::TableSetupColumn("path", ImGuiTableColumnFlags_WidthFixed);
  // Counts never wrap (a break inside "16,588,800" misleads); the formula column does.
  ImGui::TableSetupColumn("formula", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("count", ImGuiTableColumnFlags_WidthFixed);
  for (const FormulaLine& line : lines) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(PathColour(line.name)), "%s",
                       line.name.c_str());
    ImGui::TableNextColumn();
    ui.marks_drawn += TextWrappedMarked(line.symbolic, ui.highlight, CurrentPalette().term_mark);
    TextWrappedAtSpaces("= %s", line.substituted.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(line.value_text.c_str());
    if (flops) ImGui::Text("FLOPs %s", line.flops_text.c_str());
  }
  ImGui::EndTable();
}

// A bullet whose text wraps at the column edge (BulletText does not wrap).
void WrappedBullet(const std::string& text) {
  ImGui::Bullet();
  TextWrappedAtSpaces("%s", text.c_str());
}

void DrawRatio(const RatioText& r, CostPanelState& ui) {
  WrappedBullet("exact: " + r.exact_text);
  ImGui::Bullet();
  ui.marks_drawn += TextWrappedMarked("closed form: " + r.identity_text, ui.highlight,
                                      CurrentPalette().term_mark);
  WrappedBullet(r.speedup_text);
  TextWrappedAtSpaces("%s", r.note.c_str());
}

// The engine's own count of the layer shown against the formulas: equal, or which differ.
void DrawCounted(const CostText& t, const MeasuredTimes& m) {
  if (!m.counted_valid) return;
  std::string differ;
  for (size_t i = 0; i < 4 && i < t.mults.size(); ++i) {
    if (m.counted[i] != t.mults[i].value) {
      differ += (differ.empty() ? "" : ", ") + t.mults[i].name + " counted " +
                sepconv::format_thousands(m.counted[i]);
    }
  }
  // The spatial line (the fifth) against the engine's spatial count, when it ran.
  if (t.mults.size() > 4 && m.spatial_valid && m.spatial_counted != t.mults[4].value) {
    differ += (differ.empty() ? "" : ", ") + std::string("spatial counted ") +
              sepconv::format_thousands(m.spatial_counted);
  }
  if (differ.empty()) {
    TextWrappedAtSpaces(
        "Counted by the engine while it computed the outputs shown: exactly these numbers.");
  } else {
    ErrorTextWrapped("The engine's count differs: " + differ + ".");
  }
}

// Under spatial: what Wc is, why the count is about 2 · Dk per output and never exactly,
// and the saving against the full kernel, each with this layer's numbers.
void DrawSpatialNotes(const CostText& t) {
  ImGui::Spacing();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(PathColour("spatial")), "%s",
                     "Spatially separable: a Dk × 1 column pass, then a 1 × Dk row pass");
  WrappedBullet(t.spatial_columns_text);
  WrappedBullet(t.spatial_per_output_text);
  WrappedBullet(t.spatial_ratio_text);
}

void DrawFormulas(const CostText& t, const MeasuredTimes& m, CostPanelState& ui) {
  TextWrappedAtSpaces("%s", t.shape_text.c_str());
  ImGui::Spacing();
  ImGui::TextUnformatted("Multiplications");
  DrawFormulaTable("##mults", t.mults, true, ui);
  DrawCounted(t, m);
  if (t.spatial) DrawSpatialNotes(t);
  TextWrappedAtSpaces("%s", t.macs_note.c_str());
  ImGui::Spacing();
  DrawRatio(t.mult_ratio, ui);
  ImGui::Spacing();
  ImGui::TextUnformatted("Parameters (weights and biases)");
  DrawFormulaTable("##params", t.params, false, ui);
  DrawRatio(t.param_ratio, ui);
}

// [SECTION] Bars

BarChart CostBars(const char* title, const std::vector<FormulaLine>& lines, bool log) {
  BarChart chart;
  chart.title = title;
  chart.y.scale = log ? PlotScale::Log : PlotScale::Linear;
  const auto value = [&](size_t i) { return static_cast<double>(lines[i].value); };
  const Palette& p = CurrentPalette();
  chart.bars = {{"standard", {{"standard", p.standard, value(0)}}},
                {"depthwise + pointwise",
                 {{"depthwise", p.depthwise, value(1)}, {"pointwise", p.pointwise, value(2)}}}};
  // Under spatial: the depthwise stage as column x row, beside the full-kernel depthwise.
  if (lines.size() > 4) chart.bars.push_back({"spatial", {{"spatial", p.spatial, value(4)}}});
  return chart;
}

void DrawBars(const CostText& t, CostPanelState& ui) {
  const float fs = ImGui::GetFontSize();
  if (WrappingRadio("linear##bars", !ui.bars_log, true)) ui.bars_log = false;
  if (WrappingRadio("log##bars", ui.bars_log, false)) ui.bars_log = true;
  BarChart mults = CostBars("multiplications", t.mults, ui.bars_log);
  BarChart params = CostBars("parameters", t.params, ui.bars_log);
  // Side by side when there is room for two readable charts, stacked otherwise.
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail >= fs * 40.0f) {
    const float w = (avail - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    DrawBarChart("##bars_mults", mults, ImVec2(w, fs * 13.0f));
    ImGui::SameLine();
    DrawBarChart("##bars_params", params, ImVec2(w, fs * 13.0f));
  } else {
    DrawBarChart("##bars_mults", mults, ImVec2(0.0f, fs * 13.0f));
    DrawBarChart("##bars_params", params, ImVec2(0.0f, fs * 13.0f));
  }
}

// [SECTION] Curves

void DrawCurveControls(CostPanelState& ui) {
  ImGui::TextUnformatted("x axis:");
  for (CurveAxis axis : {CurveAxis::Dk, CurveAxis::M, CurveAxis::N}) {
    ImGui::SameLine();
    if (ImGui::RadioButton(CurveAxisName(axis), ui.curve_axis == axis)) ui.curve_axis = axis;
  }
  AxisRange& r = RangeFor(ui, ui.curve_axis);
  const int limit = AxisLimit(ui.curve_axis);
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 20.0f));
  ImGui::DragIntRange2("range", &r.min, &r.max, 1.0f, 1, limit, "from %d", "to %d",
                       ImGuiSliderFlags_AlwaysClamp);
  r.min = std::clamp(r.min, 1, limit);
  r.max = std::clamp(r.max, r.min, limit);
  if (WrappingRadio("multiplications", ui.curve_quantity == CurveQuantity::Mults, true)) {
    ui.curve_quantity = CurveQuantity::Mults;
  }
  if (WrappingRadio("ratio separable / standard", ui.curve_quantity == CurveQuantity::Ratio,
                    false)) {
    ui.curve_quantity = CurveQuantity::Ratio;
  }
  ImGui::Checkbox("log x", &ui.curve_log_x);
  SameLineIfFits(CheckboxWidth("log y"));
  ImGui::Checkbox("log y", &ui.curve_log_y);
}

LinePlot CurvePlot(const sepconv::LayerSpec& spec, const CostText& t, const CurveData& d,
                   const CostPanelState& ui) {
  LinePlot plot;
  const char* axis = CurveAxisName(d.axis);
  plot.x.scale = ui.curve_log_x ? PlotScale::Log : PlotScale::Linear;
  plot.y.scale = ui.curve_log_y ? PlotScale::Log : PlotScale::Linear;
  std::string fixed;
  for (CurveAxis other : {CurveAxis::Dk, CurveAxis::M, CurveAxis::N}) {
    if (other == d.axis) continue;
    fixed += (fixed.empty() ? "" : ", ") + std::string(CurveAxisName(other)) + " = " +
             std::to_string(AxisValue(spec, other));
  }
  plot.x.label = axis;
  plot.title = "(" + fixed + " fixed)";
  const double here = AxisValue(spec, d.axis);
  const Palette& p = CurrentPalette();
  const ImU32 marker = p.marker;
  const std::string current =
      "current " + std::string(axis) + " = " + std::to_string(AxisValue(spec, d.axis));
  if (ui.curve_quantity == CurveQuantity::Mults) {
    plot.y.label = "multiplications";
    plot.series = {{"standard", p.standard, d.x, d.standard},
                   {"depthwise", p.depthwise, d.x, d.depthwise},
                   {"pointwise", p.pointwise, d.x, d.pointwise},
                   {"separable", p.separable, d.x, d.separable}};
    if (t.spatial) plot.series.push_back({"spatial", p.spatial, d.x, d.spatial});
    for (size_t i = 0; i < t.mults.size(); ++i) {
      plot.markers.push_back(
          {i == 0 ? current : "", marker, here, static_cast<double>(t.mults[i].value)});
    }
  } else {
    plot.y.label = "separable / standard";
    plot.series = {{"exact", p.separable, d.x, d.ratio_exact},
                   {"1/N + 1/Dk²", p.identity, d.x, d.ratio_identity}};
    plot.markers = {{current, marker, here, t.mult_ratio.exact},
                    {"", marker, here, t.mult_ratio.identity}};
    if (t.spatial) {
      plot.y.label = "ratio";
      plot.series.push_back({"spatial / depthwise", p.spatial, d.x, d.spatial_ratio});
      plot.markers.push_back({"", marker, here, t.costs.spatial_ratio});
    }
  }
  return plot;
}

// The plot first, so it sits at the top of the panel where a short panel still shows it.
void DrawCurves(const sepconv::LayerSpec& spec, const CostText& t, const CurveData& curves,
                CostPanelState& ui) {
  if (curves.x.empty()) {
    // A range with no value the layer can take (groups 4, N from 1 to 3): say why it is blank.
    const AxisRange& r = RangeFor(ui, curves.axis);
    char why[160];
    std::snprintf(why, sizeof why,
                  "No curve: %s must be a multiple of g = %d, and %d .. %d holds none.",
                  CurveAxisName(curves.axis), AxisStep(spec, curves.axis), r.min, r.max);
    TextDisabledWrapped(why);
  }
  LinePlot plot = CurvePlot(spec, t, curves, ui);
  const LegendRect legend =
      DrawLinePlot("##curves", plot, ImVec2(0.0f, ImGui::GetFontSize() * 15.0f));
  const float rect[4] = {legend.min.x, legend.min.y, legend.max.x - legend.min.x,
                         legend.max.y - legend.min.y};
  std::copy(rect, rect + 4, ui.curve_legend);
  DrawCurveControls(ui);
}

// [SECTION] Measured vs predicted

void DrawMeasured(const sepconv::LayerSpec& spec, const CostText& t, const MeasuredTimes& m) {
  const TimingText tt = BuildTimingText(spec, t.costs, m);
  if (!tt.valid) {
    TextWrappedAtSpaces(
        "Not measured yet: the times appear when the background job has run both paths on "
        "the loaded image.");
    WrappedBullet(tt.predicted_text);
    WrappedBullet(tt.memory_text);
    TextWrappedAtSpaces("%s", tt.intensity_text.c_str());
    return;
  }
  TextWrappedAtSpaces("%s", tt.engine_text.c_str());
  const ImGuiTableFlags flags =
      ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("##times", m.counted_valid ? 4 : 3, flags)) {
    ImGui::TableSetupColumn("path");
    ImGui::TableSetupColumn("measured");
    ImGui::TableSetupColumn("multiplications");
    if (m.counted_valid) ImGui::TableSetupColumn("counted");
    ImGui::TableHeadersRow();
    const std::pair<const char*, double> rows[] = {{"standard", m.standard_ms},
                                                   {"depthwise", m.depthwise_ms},
                                                   {"pointwise", m.pointwise_ms},
                                                   {"separable", m.separable_ms},
                                                   {"spatial", m.spatial_ms}};
    const size_t shown = t.spatial && m.spatial_valid && t.mults.size() > 4 ? 5 : 4;
    for (size_t i = 0; i < shown; ++i) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(PathColour(rows[i].first)), "%s",
                         rows[i].first);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(sepconv::format_duration(rows[i].second).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(FormatMagnitude(static_cast<double>(t.mults[i].value)).c_str());
      if (m.counted_valid) {
        ImGui::TableNextColumn();
        const int64_t counted = i < 4 ? m.counted[i] : m.spatial_counted;
        ImGui::TextUnformatted(FormatMagnitude(static_cast<double>(counted)).c_str());
      }
    }
    ImGui::EndTable();
  }
  WrappedBullet(tt.measured_text);
  WrappedBullet(tt.predicted_text);
  WrappedBullet(tt.memory_text);
  TextWrappedAtSpaces("%s", tt.rates_text.c_str());
  TextWrappedAtSpaces("%s", tt.intensity_text.c_str());
  ImGui::Spacing();
  TextWrappedAtSpaces("Why they differ: %s", tt.why.c_str());
}

// [SECTION] Export

const char* DefaultFileName(ExportKind kind) {
  switch (kind) {
    case ExportKind::CountsCsv:
      return "sepconv_counts.csv";
    case ExportKind::CurvesCsv:
      return "sepconv_curves.csv";
    case ExportKind::PyTorchSnippet:
      return "sepconv_layer.py";
  }
  return "sepconv_counts.csv";
}

std::string ExportText(ExportKind kind, const sepconv::LayerSpec& spec, int in_h, int in_w,
                       const CurveData& curves) {
  switch (kind) {
    case ExportKind::CountsCsv:
      return CountsCsv(spec, in_h, in_w);
    case ExportKind::CurvesCsv:
      return CurvesCsv(curves);
    case ExportKind::PyTorchSnippet:
      return PyTorchSnippet(spec, in_h, in_w);
  }
  return "";
}

void SetStatus(CostPanelState& ui, const std::string& text, bool error) {
  ui.status = text;
  ui.status_is_error = error;
}

void DrawExport(const sepconv::LayerSpec& spec, int in_h, int in_w, const CurveData& curves,
                CostPanelState& ui) {
  struct Copy {
    const char* label;
    ExportKind kind;
    const char* done;
  };
  const Copy copies[] = {
      {"Copy counts CSV", ExportKind::CountsCsv, "Counts CSV copied to the clipboard."},
      {"Copy curve CSV", ExportKind::CurvesCsv, "Curve CSV copied to the clipboard."},
      {"Copy PyTorch snippet", ExportKind::PyTorchSnippet,
       "PyTorch snippet copied to the clipboard."}};
  bool first = true;
  for (const Copy& c : copies) {
    if (WrappingButton(c.label, first)) {
      ImGui::SetClipboardText(ExportText(c.kind, spec, in_h, in_w, curves).c_str());
      SetStatus(ui, c.done, false);
    }
    first = false;
  }

  ImGui::TextUnformatted("Save as text:");
  const std::pair<const char*, ExportKind> kinds[] = {
      {"counts CSV", ExportKind::CountsCsv},
      {"curve CSV", ExportKind::CurvesCsv},
      {"PyTorch snippet", ExportKind::PyTorchSnippet}};
  first = true;
  for (const auto& [label, kind] : kinds) {
    if (WrappingRadio(label, ui.save_kind == kind, first) && ui.save_kind != kind) {
      // Follow the kind with the file name unless the user typed one of their own.
      if (ui.save_path == DefaultFileName(ui.save_kind)) ui.save_path = DefaultFileName(kind);
      ui.save_kind = kind;
    }
    first = false;
  }
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 24.0f));
  ImGui::InputText("file", &ui.save_path);
  SameLineIfFits(ButtonWidth("Save"));
  if (ImGui::Button("Save")) {
    const std::string text = ExportText(ui.save_kind, spec, in_h, in_w, curves);
    std::string message;
    const SaveOutcome outcome = SaveTextFile(ui.save_path, text, false, &message);
    if (outcome == SaveOutcome::AlreadyExists) {
      ui.pending_overwrite_text = text;
      ui.open_overwrite_popup = true;
    }
    SetStatus(ui, message, outcome == SaveOutcome::Failed);
  }

  // The question is asked in a modal so a file is never replaced by a stray click.
  if (ui.open_overwrite_popup) {
    ImGui::OpenPopup("Replace file?");
    ui.open_overwrite_popup = false;
  }
  if (ImGui::BeginPopupModal("Replace file?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("%s already exists. Replace it?", ui.save_path.c_str());
    if (ImGui::Button("Replace")) {
      std::string message;
      const SaveOutcome outcome =
          SaveTextFile(ui.save_path, ui.pending_overwrite_text, true, &message);
      SetStatus(ui, message, outcome != SaveOutcome::Saved);
      ui.pending_overwrite_text.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      SetStatus(ui, "Not saved: " + ui.save_path + " was kept.", false);
      ui.pending_overwrite_text.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  if (!ui.status.empty()) {
    if (ui.status_is_error)
      ErrorTextWrapped(ui.status);
    else
      TextWrappedAtSpaces("%s", ui.status.c_str());
  }
  if (ImGui::TreeNode("PyTorch snippet")) {
    ImGui::TextUnformatted(PyTorchSnippet(spec, in_h, in_w).c_str());
    ImGui::TreePop();
  }
}

}  // namespace

// [SECTION] Panel

void DrawCostPanel(const sepconv::LayerSpec& spec, int in_h, int in_w,
                   const MeasuredTimes& measured, CostPanelState& ui, bool spatial) {
  ImGui::PushID("cost_panel");
  ui.marks_drawn = 0;
  const CostText t = BuildCostText(spec, in_h, in_w, spatial);
  if (!t.ok) {
    ErrorTextWrapped("No counts for this layer: " + t.error);
    ImGui::PopID();
    return;
  }
  // Curves are cheap closed forms: recomputed every frame so a slider moves them at once.
  const AxisRange& r = RangeFor(ui, ui.curve_axis);
  const CurveData curves =
      ComputeCurves(spec, in_h, in_w, ui.curve_axis, r.min, r.max, 256, ui.curve_log_x);
  // The lesson at a glance: formulas beside the curve, so a class sees the numbers and the
  // moving point together; one above the other where the panel is too narrow for both.
  const float fs = ImGui::GetFontSize();
  if (ImGui::GetContentRegionAvail().x >= fs * 60.0f &&
      ImGui::BeginTable("##live", 2, ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("formulas", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("curves", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    DrawFormulas(t, measured, ui);
    ImGui::TableNextColumn();
    DrawCurves(spec, t, curves, ui);
    ImGui::EndTable();
  } else {
    DrawFormulas(t, measured, ui);
    ImGui::Separator();
    DrawCurves(spec, t, curves, ui);
  }
  if (ImGui::CollapsingHeader("Bars: standard vs depthwise + pointwise",
                              ImGuiTreeNodeFlags_DefaultOpen)) {
    DrawBars(t, ui);
  }
  if (ImGui::CollapsingHeader("Measured vs predicted", ImGuiTreeNodeFlags_DefaultOpen)) {
    DrawMeasured(spec, t, measured);
  }
  if (ImGui::CollapsingHeader("Export")) DrawExport(spec, in_h, in_w, curves, ui);
  ImGui::PopID();
}

}  // namespace sepconv::app
