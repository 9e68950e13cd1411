// Kernel editor: edits go through app/state/weight_edits into the edited layer; the
// panel asks for them to be applied (apply_edits), which restarts the job and (through
// the new result) the animation. Values are committed when a drag ends, so one
// drag is one computation, not one per frame.
#include "views/kernel_editor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "presets.h"
#include "rank1.h"
#include "state/weight_edits.h"
#include "views/channel_tiles.h"
#include "views/layout_record.h"
#include "views/views.h"
#include "widgets/fit_text.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

const LayerWeights& ShownWeights(const LayerChoice& edit, KernelEditorState& e) {
  if (!e.cached || !same_choice(e.cached_for, edit)) {
    e.weights = EditorWeights(edit);
    e.cached_for = edit;
    e.cached = true;
    e.factors_channel = -1;
    // Scanned once per change, not every frame (N x M values).
    e.pointwise_range = 1e-6f;
    for (float v : e.weights.pointwise.values()) {
      e.pointwise_range = std::max(e.pointwise_range, std::fabs(v));
    }
  }
  return e.weights;
}

// The kernel as column x row (--separable spatial).

// "0.76", never "-0": three significant digits, as the factors are shown.
std::string Number(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", std::fabs(v) < 5e-7f ? 0.0 : double(v));
  return buf;
}

// "[0.76, 1.52, 0.76]"
std::string VectorText(const std::vector<float>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + Number(v[i]);
  return out + "]";
}

// v as small whole numbers times a positive scale ([0.76, 1.52, 0.76] = 0.76 x [1 2 1]),
// when it is one: "[1 2 1]". Empty when it is not (a random kernel).
std::string WholeNumbers(const std::vector<float>& v, double* scale) {
  double smallest = 0;
  for (float x : v)
    if (std::fabs(x) > 1e-6f && (smallest == 0 || std::fabs(x) < smallest)) smallest = std::fabs(x);
  if (smallest == 0) return "";
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    const double q = double(v[i]) / smallest;
    if (std::fabs(q - std::round(q)) > 2e-3 * std::max(1.0, std::fabs(q)) || std::fabs(q) > 99)
      return "";
    out += (i ? " " : "") + std::to_string(static_cast<long>(std::lround(q)));
  }
  *scale = smallest;
  return out + "]";
}

// " x 1/16", " x 0.5" or "" (scale 1).
std::string ScaleText(double s) {
  if (std::fabs(s - 1) < 1e-4) return "";
  const double inverse = 1 / s;
  char buf[48];
  if (inverse > 1.5 && std::fabs(inverse - std::round(inverse)) < 1e-3 * inverse)
    std::snprintf(buf, sizeof buf, " \xC3\x97 1/%ld", std::lround(inverse));
  else
    std::snprintf(buf, sizeof buf, " \xC3\x97 %.3g", s);
  return buf;
}

const Rank1Factors& ShownFactors(KernelEditorState& e, const std::vector<float>& kernel, int kh,
                                 int kw) {
  if (e.factors_channel != e.channel) {
    e.factors = factor_rank1(kernel, kh, kw);
    e.factors_channel = e.channel;
  }
  return e.factors;
}

// The closest rank-1 kernel as a small read-only grid.
void DrawClosestGrid(const Rank1Factors& f) {
  if (f.rows > 9 || f.cols > 9) {
    ImGui::TextDisabled("(its grid is shown for kernels up to 9 \xC3\x97 9)");
    return;
  }
  if (!ImGui::BeginTable("##closest", f.cols,
                         ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInner))
    return;
  for (int y = 0; y < f.rows; ++y) {
    ImGui::TableNextRow();
    for (int x = 0; x < f.cols; ++x) {
      ImGui::TableSetColumnIndex(x);
      ImGui::TextUnformatted(Number(f.closest[static_cast<size_t>(y * f.cols + x)]).c_str());
    }
  }
  ImGui::EndTable();
}

// Under spatial: the kernel D[c] as a column times a row, in numbers and, when they are
// small whole numbers, as such; a kernel that is not rank 1 says how far the closest
// rank-1 kernel is, shows it, and that the spatial output uses it.
void DrawSpatialFactors(const LayerChoice& edit, KernelEditorState& e,
                        const std::vector<float>& kernel, int kh, int kw) {
  const Rank1Factors& f = ShownFactors(e, kernel, kh, kw);
  // The preset's name when this kernel is the preset's, else the channel's.
  const bool preset = !has_fitting_edits(edit);
  const std::string name = preset ? to_string(edit.kernel) : "D[" + std::to_string(e.channel) + "]";
  const std::string product = VectorText(f.column) + "\xE1\xB5\x80 \xC3\x97 " + VectorText(f.row);
  ImGui::Spacing();
  if (f.is_rank1()) {
    TextWrappedAtSpaces("Spatially separable: D[%d] = column \xC3\x97 row = %s", e.channel,
                        product.c_str());
    double cs = 0, rs = 0;
    const std::string col = WholeNumbers(f.column, &cs), row = WholeNumbers(f.row, &rs);
    if (!col.empty() && !row.empty()) {
      TextWrappedAtSpaces(
          "In whole numbers: %s = %s\xE1\xB5\x80 \xC3\x97 %s%s, the factors above up to "
          "scale (the split gives column and row the same norm).",
          name.c_str(), col.c_str(), row.c_str(), ScaleText(cs * rs).c_str());
    }
    TextDisabledWrapped(("Rank 1 (the closest rank-1 kernel is " + percent_text(f.relative_error) +
                         " away: float rounding): a " + std::to_string(kh) +
                         " \xC3\x97 1 column pass, then a 1 \xC3\x97 " + std::to_string(kw) +
                         " row pass.")
                            .c_str());
    return;
  }
  TextWrappedAtSpaces(
      "%s is not rank 1: the closest rank-1 kernel is %s away (relative Frobenius error); the "
      "spatial output uses that kernel:",
      name.c_str(), percent_text(f.relative_error).c_str());
  DrawClosestGrid(f);
  TextWrappedAtSpaces("closest = column \xC3\x97 row = %s", product.c_str());
}

// True when an edit changed `edit`.
bool DrawDepthwiseEditor(const JobResult* r, LayerChoice& edit, KernelEditorState& e,
                         const Tensor& dw) {
  const int channels = dw.dim(0), kh = dw.dim(2), kw = dw.dim(3);
  const int k = std::max(1, channels / std::max(edit.spec.m, 1));
  e.channel = std::clamp(e.channel, 0, channels - 1);
  TextWrappedAtSpaces("Depthwise kernels D[m] (one Dk \xC3\x97 Dk kernel per channel)");
  // Widgets shrink with a narrow column (a projector's large UI scale) rather than clip.
  const float avail = ImGui::GetContentRegionAvail().x;
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::SetNextItemWidth(
      std::clamp(avail - style.ItemInnerSpacing.x - ImGui::CalcTextSize("channel").x,
                 ImGui::GetFontSize() * 3, ImGui::GetFontSize() * 10));
  ImGui::SliderInt("channel", &e.channel, 0, channels - 1);
  const int input_channel = e.channel / k;
  if (r && input_channel < static_cast<int>(r->input_names.size())) {
    char reads[160], brief[32];
    std::snprintf(reads, sizeof reads, "reads input %d: %s", input_channel,
                  r->input_names[static_cast<size_t>(input_channel)].c_str());
    std::snprintf(brief, sizeof brief, "reads input %d", input_channel);
    TextDisabledAfter({reads, brief});
  }

  // The grid: drag to change, Ctrl+click or double-click to type a value.
  std::vector<float> kernel(dw.data() + static_cast<int64_t>(e.channel) * kh * kw,
                            dw.data() + static_cast<int64_t>(e.channel + 1) * kh * kw);
  bool commit = false;
  const float cell_w = std::clamp((avail - style.CellPadding.x * 2 * kw - style.ItemSpacing.x) / kw,
                                  ImGui::GetFontSize() * 2, ImGui::GetFontSize() * 4.2f);
  // A 7 x 7 Sobel's "-100.000" would be cut to "-100.(" in a projector-width grid: the
  // whole grid drops decimals together and keeps its columns aligned.
  if (kh * kw <= 15 * 15 && ImGui::BeginTable("##dwgrid", kw, ImGuiTableFlags_SizingFixedFit)) {
    const char* format = DecimalsThatFit(kernel, cell_w - 2 * style.FramePadding.x);
    for (int y = 0; y < kh; ++y) {
      ImGui::TableNextRow();
      for (int x = 0; x < kw; ++x) {
        ImGui::TableSetColumnIndex(x);
        ImGui::PushID(y * kw + x);
        ImGui::SetNextItemWidth(cell_w);
        float& v = kernel[static_cast<size_t>(y * kw + x)];
        // Fewer decimals shown must not round the value itself.
        ImGui::DragFloat("##w", &v, 0.01f, -100.0f, 100.0f, format,
                         ImGuiSliderFlags_NoRoundToFormat);
        if (ImGui::IsItemDeactivatedAfterEdit()) commit = true;
        // The cell may show fewer decimals than the weight has.
        if (ImGui::IsItemHovered() && !ImGui::IsItemActive()) ImGui::SetTooltip("%.6g", double(v));
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  bool edited = commit && EditDepthwiseKernel(edit, e.channel, kernel);
  if (edit.separable == SeparableKind::Spatial) DrawSpatialFactors(edit, e, kernel, kh, kw);

  // Presets for this channel or for all of them.
  const auto& presets = all_kernel_presets();
  e.preset = std::clamp(e.preset, 0, static_cast<int>(presets.size()) - 1);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::BeginCombo("##preset", to_string(presets[static_cast<size_t>(e.preset)]))) {
    for (int i = 0; i < static_cast<int>(presets.size()); ++i)
      if (ImGui::Selectable(to_string(presets[static_cast<size_t>(i)]), i == e.preset))
        e.preset = i;
    ImGui::EndCombo();
  }
  const KernelPreset preset = presets[static_cast<size_t>(e.preset)];
  SameLineIfFits(ButtonWidth("apply to this channel"));
  if (ImGui::Button("apply to this channel"))
    edited |= EditDepthwiseKernel(
        edit, e.channel, make_kernel(preset, kh, edit.seed + static_cast<uint64_t>(e.channel)));
  SameLineIfFits(ButtonWidth("apply to all"));
  if (ImGui::Button("apply to all"))
    edited |= EditAllDepthwiseKernels(edit, make_kernel(preset, kh, edit.seed));
  return edited;
}

// True when an edit changed `edit`.
bool DrawPointwiseEditor(LayerChoice& edit, KernelEditorState& e, const Tensor& pw) {
  const int n = pw.dim(0), m = pw.dim(1);
  bool edited = false;
  TextWrappedAtSpaces(
      "Pointwise matrix P[n][m] (N rows \xC3\x97 M columns): drag a cell up or down");
  const float range = e.pointwise_range;
  const ChannelColouring colouring{true, range};
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float legend_h = ImGui::GetTextLineHeightWithSpacing() * 4;
  const float cell = std::clamp(
      std::min(avail.x / static_cast<float>(m), (avail.y - legend_h) / static_cast<float>(n)), 4.0f,
      ImGui::GetFontSize() * 3.5f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  e.selected_n = std::clamp(e.selected_n, 0, n - 1);
  e.selected_m = std::clamp(e.selected_m, 0, m - 1);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < m; ++col) {
      const ImVec2 a(origin.x + col * cell, origin.y + row * cell);
      const ImVec2 b(a.x + cell - 1, a.y + cell - 1);
      const float v = pw.at(row, col, 0, 0);
      dl->AddRectFilled(a, b, MapColour(colouring, v));
      if (cell >= ImGui::GetFontSize() * 2.5f) {
        char text[16];
        std::snprintf(text, sizeof text, "%.2f", static_cast<double>(v));
        dl->AddText(ImVec2(a.x + 2, a.y + (cell - ImGui::GetFontSize()) * 0.5f),
                    ContrastText(MapColour(colouring, v)), text);
      }
      if (row == e.selected_n && col == e.selected_m)
        dl->AddRect(a, b, CurrentPalette().selection, 0, 0, 2.0f);
    }
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("##heatmap", ImVec2(std::max(cell * m, 1.0f), std::max(cell * n, 1.0f)));
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const int hover_m = std::clamp(static_cast<int>((mouse.x - origin.x) / cell), 0, m - 1);
  const int hover_n = std::clamp(static_cast<int>((mouse.y - origin.y) / cell), 0, n - 1);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("P[%d][%d] = %.4f", hover_n, hover_m,
                      static_cast<double>(pw.at(hover_n, hover_m, 0, 0)));
  if (ImGui::IsItemActivated()) {
    e.selected_n = hover_n;
    e.selected_m = hover_m;
    e.drag_start = pw.at(hover_n, hover_m, 0, 0);
  }
  // Dragging up raises the value; the new value is committed when the mouse is released.
  const float dragged =
      e.drag_start - ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).y * range / (cell * 4);
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    ImGui::SetTooltip("P[%d][%d] = %.4f", e.selected_n, e.selected_m, static_cast<double>(dragged));
  }
  if (ImGui::IsItemDeactivated() &&
      ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f).y != 0.0f) {
    edited = EditPointwiseWeight(edit, e.selected_n, e.selected_m, dragged);
  }
  float value = pw.at(e.selected_n, e.selected_m, 0, 0);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  char label[48];
  std::snprintf(label, sizeof label, "P[%d][%d]", e.selected_n, e.selected_m);
  ImGui::InputFloat(label, &value, 0, 0, "%.4f");
  if (ImGui::IsItemDeactivatedAfterEdit())
    edited |= EditPointwiseWeight(edit, e.selected_n, e.selected_m, value);
  DrawLegend(colouring, ImGui::GetFontSize() * 12, nullptr);
  return edited;
}

// The weights as .npy files in and out: a folder, Import (they become hand edits) and
// Export (the shown result's weights and biases, asking before replacing files).
FrameRequests DrawWeightFiles(const Document& doc, bool exporting, LayoutRects& rects,
                              KernelEditorState& e, Banner& banner) {
  FrameRequests asked;
  if (e.weights_folder.empty() && !doc.input.path.empty())
    e.weights_folder = (fs::path(doc.input.path).parent_path() / "weights").string();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Weights folder");
  ImGui::SameLine();
  const float buttons =
      ButtonWidth("Import") + ButtonWidth("Export") + 2 * ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(
      std::max(ImGui::GetContentRegionAvail().x - buttons, ImGui::GetFontSize() * 8));
  ImGui::InputText("##weights_folder", &e.weights_folder);
  ImGui::SameLine();
  if (ImGui::Button("Import")) {
    asked.import_weights_folder = e.weights_folder;  // read by UpdateJobs, this frame
  }
  RecordLastItem(rects, "KernelsImport");
  ImGui::SameLine();
  bool write = false, overwrite = false;
  // One export at a time (outputs or weights): the worker is busy until it is done.
  const bool busy = exporting;
  if (busy) ImGui::BeginDisabled();
  if (ImGui::Button("Export")) {
    e.confirm_replace = ExistingWeightFiles(doc, e.weights_folder);
    write = e.confirm_replace.empty();
  }
  if (busy) ImGui::EndDisabled();
  RecordLastItem(rects, "KernelsExport");
  if (!e.confirm_replace.empty()) {
    std::string names;
    for (const std::string& n : e.confirm_replace) names += (names.empty() ? "" : ", ") + n;
    TextWrappedAtSpaces("%s already holds %s. Replace them?", e.weights_folder.c_str(),
                        names.c_str());
    if (ImGui::Button("Replace")) write = overwrite = true;
    ImGui::SameLine();
    if (ImGui::Button("Keep them")) e.confirm_replace.clear();
  }
  if (!write) return asked;
  e.confirm_replace.clear();
  if (!doc.result) {
    banner = Banner{"Could not export the weights: nothing is computed yet", true};
    return asked;
  }
  // Written on the export worker (a large standard kernel is hundreds of MB).
  asked.export_weights_folder = e.weights_folder;
  asked.export_overwrite = overwrite;
  return asked;
}

}  // namespace

FrameRequests DrawKernelEditor(const Document& doc, LayerChoice& edit, UiState& ui,
                               LayoutRects& rects, KernelEditorState& editor) {
  FrameRequests asked;
  const LayerWeights& w = ShownWeights(edit, editor);
  const bool edited = has_fitting_edits(edit);
  TextWrappedAtSpaces("Weights: depthwise preset %s, pointwise preset %s, seed %llu%s",
                      to_string(edit.kernel), to_string(edit.mix),
                      static_cast<unsigned long long>(edit.seed),
                      edited ? "  (edited by hand)" : "");
  if (edited) {
    SameLineIfFits(ButtonWidth("revert to presets"));
    if (ImGui::Button("revert to presets")) {
      RevertWeightEdits(edit);
      asked.apply_edits = true;
    }
  }
  // A rejected edit's weights are shown, but the outputs still come from the last applied
  // layer: say so rather than describe a standard kernel the Outputs panel does not show.
  TextDisabledWrapped(
      !doc.param_error.empty()
          ? "These weights belong to the edit that is not applied; the outputs show the last "
            "applied layer."
      : w.standard_is_composed
          ? "The standard kernel is composed from these: W[n][m] = P[n][m] \xC3\x97 D[m], so both "
            "outputs stay equal."
          : "The standard kernel is independent of these (see Outputs).");
  if (!doc.param_error.empty()) TextNotApplied(doc.param_error);
  AddRequests(asked, DrawWeightFiles(doc, ui.exporting.running, rects, editor, ui.banner));
  const float left_w = ImGui::GetContentRegionAvail().x * 0.45f;
  ImGui::BeginChild("##dw_editor", ImVec2(left_w, 0));
  ImGui::BeginGroup();
  if (DrawDepthwiseEditor(doc.result.get(), edit, editor, w.depthwise)) asked.apply_edits = true;
  ImGui::EndGroup();
  RecordLastItem(rects, "KernelsDepthwise");
  RecordWindowContent(rects, "KernelsDepthwise/window");
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##pw_editor", ImVec2(0, 0));
  ImGui::BeginGroup();
  if (DrawPointwiseEditor(edit, editor, w.pointwise)) asked.apply_edits = true;
  ImGui::EndGroup();
  RecordLastItem(rects, "KernelsPointwise");
  RecordWindowContent(rects, "KernelsPointwise/window");
  ImGui::EndChild();
  return asked;
}

}  // namespace sepconv::app
