// The detail column of the animation: running multiplication counts against the closed
// forms, and the arithmetic of the output being computed, read from the engine's trace.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "animation/animation_crop.h"
#include "cost_panel/cost_text.h"
#include "text_format.h"
#include "views/animation/animation_parts.h"
#include "views/layout_record.h"
#include "widgets/fit_text.h"
#include "widgets/marked_text.h"

namespace sepconv::app {

namespace {

ImVec4 Vec4(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}

// The arithmetic tables' text: products done in full colour, those to come dimmed.
ImVec4 TapText(bool done) {
  const Palette& p = CurrentPalette();
  return Vec4(done ? p.tap_done_text : p.tap_pending_text);
}

// A count's label "formula = numbers" on one line when it fits the column, else the
// numbers on a line of their own (a narrow column at 1280 x 720 would otherwise break
// the product in the middle).
// `marks`: the terms a lesson step points at, boxed in the formula (counted in *marked).
void Counter(const char* formula, const char* numbers, int64_t done, int64_t total,
             const std::vector<std::string>& marks, int* marked) {
  char overlay[128];
  std::snprintf(overlay, sizeof overlay, "%s / %s", format_thousands(done).c_str(),
                format_thousands(total).c_str());
  char line[256];
  std::snprintf(line, sizeof line, "%s = %s", formula, numbers ? numbers : "");
  if (!numbers) {
    *marked += TextWrappedMarked(formula, marks, MarkColour());
  } else if (ImGui::CalcTextSize(line).x <= ImGui::GetContentRegionAvail().x) {
    *marked += TextWrappedMarked(line, marks, MarkColour());
  } else {
    *marked += TextWrappedMarked(formula, marks, MarkColour());
    TextWrappedAtSpaces("  = %s", numbers);
  }
  ImGui::ProgressBar(
      total ? static_cast<float>(static_cast<double>(done) / static_cast<double>(total)) : 0.0f,
      ImVec2(-1, 0), overlay);
}

void DrawCounts(const AnimationModel& m, const std::vector<std::string>& marks, int* marked) {
  const LayerWalk& s = m.standard;
  const LayerWalk& d = m.depthwise;
  const LayerWalk& p = m.pointwise;
  const int dk = s.params.kernel_h;
  const int mm = s.params.in_channels, n = s.out.c, g = s.params.groups;
  const int k = d.params.out_channels / std::max(d.params.in_channels, 1);
  ImGui::TextUnformatted(
      LongestThatFits(ImGui::GetContentRegionAvail().x,
                      {HasSpatialWalk(m) ? "Multiplications so far (one clock for every path)"
                                         : "Multiplications so far (one clock for both paths)",
                       "Multiplications so far"}));
  // The Costs tab's formulas and substitutions, for the layer the walks animate.
  sepconv::LayerSpec spec;
  spec.dk = dk;
  spec.m = mm;
  spec.n = n;
  spec.groups = g;
  spec.depth_multiplier = k;
  const MultiplicationFormulas f = MultFormulas(spec);
  auto count = [&](const char* name, const std::string& formula, AnimPath path, int64_t total) {
    const std::string label = std::string(name) + "  " + formula;
    const std::string numbers = SubstituteSymbols(formula, spec, s.out.h, s.out.w);
    Counter(label.c_str(), numbers.c_str(), DoneOn(m, path), total, marks, marked);
  };
  count("standard", f.standard, AnimPath::Standard, s.total);
  count("depthwise", f.depthwise, AnimPath::Depthwise, d.total);
  count("pointwise", f.pointwise, AnimPath::Pointwise, p.total);
  const int64_t sep_done = DoneOn(m, AnimPath::Depthwise) + DoneOn(m, AnimPath::Pointwise);
  Counter("separable  depthwise + pointwise", nullptr, sep_done, SeparableTotal(m), marks, marked);
  if (HasSpatialWalk(m)) {
    // Wc (the columns the row pass reads) is not one of SubstituteSymbols' symbols.
    std::string numbers = SubstituteSymbols(f.spatial, spec, s.out.h, s.out.w);
    const size_t at = numbers.find("Wc");
    if (at != std::string::npos)
      numbers.replace(at, 2, std::to_string(m.spatial.read_columns.size()));
    const std::string label = "spatial  " + f.spatial;
    Counter(label.c_str(), numbers.c_str(), SpatialDone(m), m.spatial.total, marks, marked);
  }
  const double ratio =
      static_cast<double>(SeparableTotal(m)) / static_cast<double>(std::max<int64_t>(s.total, 1));
  TextWrappedAtSpaces("separable / standard = %.4f  (1/N + 1/Dk\xC2\xB2 = %.4f)", ratio,
                      1.0 / n + 1.0 / (dk * dk));
  if (sep_done == SeparableTotal(m) && DoneOn(m, AnimPath::Standard) < s.total) {
    // Rounded down: "100%" while the standard path still works would read as finished.
    const double percent = std::floor(1000.0 * static_cast<double>(DoneOn(m, AnimPath::Standard)) /
                                      static_cast<double>(s.total)) /
                           10.0;
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().success_text);
    TextWrappedAtSpaces("Separable done; standard is %.1f%% of the way.", percent);
    ImGui::PopStyleColor();
  }
}

// Which output and which factor of the count the path is on: the count is exactly
// (((n * Ho + y) * Wo + x) * taps + tap), so each index is one factor of the formula.
// Indices count from 0, as the plane labels and --anim-jump do.
void DrawPosition(AnimPath path, const LayerWalk& w, const WalkPosition& pos,
                  const OutputTrace& t) {
  const int64_t tap = pos.taps_done;
  const int channel = tap > 0 ? t.steps[static_cast<size_t>(tap - 1)].tap.in_channel : -1;
  ImGui::Text("%s path: %d x %d x %d outputs", ToString(path), w.out.c, w.out.h, w.out.w);
  ImGui::Text("output channel %d, row %d, col %d", pos.oc, pos.oy, pos.ox);
  ImGui::Text("product %lld of %lld for this output%s", static_cast<long long>(tap),
              static_cast<long long>(w.taps), channel >= 0 ? "" : " (not started)");
  // The pointwise needle reads the depthwise stage's channels, not the image's.
  if (channel >= 0)
    ImGui::Text("reading %s channel %d", path == AnimPath::Pointwise ? "depthwise" : "input",
                channel);
}

// The whole image with the region path p reads outlined, fitted into `box`.
void DrawOverview(const JobResult& r, const AnimationViewState& v, AnimPath p, ImTextureID overview,
                  ImVec2 box) {
  if (!overview || !r.input || box.x < 8 || box.y < 8) return;
  const float iw = static_cast<float>(r.input->dim(2)), ih = static_cast<float>(r.input->dim(1));
  const float s = std::min(box.x / iw, box.y / ih);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Image(overview, ImVec2(iw * s, ih * s));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The whole image; the box is the region shown");
  // The pointwise stage works on the depthwise output's grid: its image region is the one
  // the depthwise kernels read for the same outputs.
  const AnimationModel& m = v.model;
  const WalkPosition pos = PositionOf(m, p);
  const ConvParams& reads = p == AnimPath::Standard ? m.standard.params : m.depthwise.params;
  const Crop crop = InputCropFor(reads, OutputCrop(WalkOf(m, p).out, pos.oy, pos.ox, v.tile));
  // At least a few pixels across, so the region stays findable on a large image.
  const float min_side = 6.0f;
  const float cx = (crop.x0 + crop.x1) * 0.5f * s, cy = (crop.y0 + crop.y1) * 0.5f * s;
  const float hw = std::max(crop.width() * s, min_side) * 0.5f;
  const float hh = std::max(crop.height() * s, min_side) * 0.5f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a(at.x + cx - hw, at.y + cy - hh), b(at.x + cx + hw, at.y + cy + hh);
  dl->AddRect(a, b, CurrentPalette().outline_shadow, 0, 0, 4.0f);
  dl->AddRect(a, b, WindowColour(), 0, 0, 2.0f);
}

// Three decimals, never "-0.000" (a padded zero times a negative weight is -0.0f).
std::string Number(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(v));
  const std::string s = buf;
  return s == "-0.000" ? "0.000" : s;
}

// A table entry (input, weight, product): a small one in scientific form, so a product of
// 0.0003 does not read 0. Below 1e-6 it is float rounding (a depthwise output that is 0
// in exact arithmetic comes out as 4e-8) and reads 0.000, as do the sums: their noise
// would look like a disagreement between the two paths.
std::string Entry(float v) {
  const double d = std::fabs(static_cast<double>(v));
  if (d < 1e-6 || d >= 0.01) return Number(v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2e", static_cast<double>(v));
  return buf;
}

// The window as a Dk x Dk grid of "input x weight = product" for one input channel.
void DrawWindowGrid(const ConvParams& p, const OutputTrace& t, int64_t taps_done, int channel) {
  const int kh = p.kernel_h, kw = p.kernel_w;
  if (kh * kw > 81) {
    ImGui::TextDisabled("(the %d x %d window is too large to list; the stacks show it)", kh, kw);
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##window", kw, flags)) return;
  const Palette& palette = CurrentPalette();
  for (int ky = 0; ky < kh; ++ky) {
    ImGui::TableNextRow();
    for (int kx = 0; kx < kw; ++kx) {
      ImGui::TableSetColumnIndex(kx);
      // Find the step that used window cell (ky, kx) of this channel (kernel position in
      // window order; with flipping the weight index differs, the window cell does not).
      for (size_t i = 0; i < t.steps.size(); ++i) {
        const reference::Tap& tap = t.steps[i].tap;
        const int wy = p.flip_kernel ? kh - 1 - tap.ky : tap.ky;
        const int wx = p.flip_kernel ? kw - 1 - tap.kx : tap.kx;
        if (tap.in_channel != channel || wy != ky || wx != kx) continue;
        const bool done = static_cast<int64_t>(i) < taps_done;
        const bool current = static_cast<int64_t>(i) == taps_done - 1;
        if (current) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, palette.tap_current_bg);
        const ImVec4 col = TapText(done);
        ImGui::TextColored(col, "%s%s", Entry(tap.input).c_str(), tap.padded ? " pad" : "");
        ImGui::TextColored(col, "x %s", Entry(tap.weight).c_str());
        ImGui::TextColored(done ? Vec4(palette.tap_product_text) : col, "= %s",
                           Entry(tap.product).c_str());
        break;
      }
    }
  }
  ImGui::EndTable();
}

// The pointwise needle as a list: channel m, input, weight, product.
void DrawNeedleList(const OutputTrace& t, int64_t taps_done) {
  const ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg;
  if (!ImGui::BeginTable("##needle", 4, flags)) return;
  ImGui::TableSetupColumn("channel m");
  ImGui::TableSetupColumn("input");
  ImGui::TableSetupColumn("weight P[n][m]");
  ImGui::TableSetupColumn("product");
  ImGui::TableHeadersRow();
  const size_t shown = std::min<size_t>(t.steps.size(), 32);
  for (size_t i = 0; i < shown; ++i) {
    const reference::Tap& tap = t.steps[i].tap;
    ImGui::TableNextRow();
    if (static_cast<int64_t>(i) == taps_done - 1)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, CurrentPalette().tap_current_bg);
    const ImVec4 col = TapText(static_cast<int64_t>(i) < taps_done);
    ImGui::TableSetColumnIndex(0);
    ImGui::TextColored(col, "%d", tap.in_channel);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextColored(col, "%s", Entry(tap.input).c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::TextColored(col, "%s", Entry(tap.weight).c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::TextColored(col, "%s", Entry(tap.product).c_str());
  }
  ImGui::EndTable();
  if (shown < t.steps.size()) ImGui::TextDisabled("... %zu more channels", t.steps.size() - shown);
}

void DrawSum(const LayerWalk& w, const WalkPosition& pos, const OutputTrace& t) {
  if (pos.taps_done == 0) return;
  const float sum = LastTap(t, pos.taps_done)->running_sum;
  if (pos.taps_done < w.taps) {
    ImGui::Text("running sum after %lld product%s: %s", static_cast<long long>(pos.taps_done),
                pos.taps_done == 1 ? "" : "s", Number(sum).c_str());
  } else {
    // The value the engine wrote at this position, beside the sum the class watched.
    ImGui::TextColored(Vec4(CurrentPalette().success_text), "output = %s  (engine output: %s)",
                       Number(t.value).c_str(),
                       Number(w.output->at(pos.oc, pos.oy, pos.ox)).c_str());
  }
}

// The spatial path's value in progress: where it is, its Dk products and the sum.
void DrawSpatialArithmetic(const SpatialWalk& w, const SpatialPosition& pos,
                           const SpatialTrace& t) {
  const int multiplier = w.out.c / std::max(w.params.in_channels, 1);
  ImGui::Text("spatial path: %d x %d x %d outputs, %zu columns read", w.out.c, w.out.h, w.out.w,
              w.read_columns.size());
  if (pos.row_pass) {
    ImGui::Text("pass 2 (row): channel %d, row %d, col %d", pos.channel, pos.oy, pos.ox);
  } else {
    ImGui::Text("pass 1 (column): channel %d, row %d, input column %d", pos.channel, pos.oy,
                pos.xp - w.params.padding.left);
  }
  ImGui::Text("product %d of %d for this value%s", pos.taps_done, pos.taps,
              pos.taps_done > 0 ? "" : " (not started)");
  ImGui::Text("reading %s channel %d", pos.row_pass ? "column-pass" : "input",
              pos.row_pass ? pos.channel : pos.channel / multiplier);
  if (pos.taps_done > 0) {
    const float sum = t.steps[static_cast<size_t>(pos.taps_done - 1)].running_sum;
    if (pos.taps_done < pos.taps) {
      ImGui::Text("running sum after %d product%s: %s", pos.taps_done,
                  pos.taps_done == 1 ? "" : "s", Number(sum).c_str());
    } else if (pos.row_pass) {
      ImGui::TextColored(Vec4(CurrentPalette().success_text), "output = %s  (engine output: %s)",
                         Number(t.value).c_str(),
                         Number(w.output->at(pos.channel, pos.oy, pos.ox)).c_str());
    } else {
      ImGui::TextColored(Vec4(CurrentPalette().success_text), "column value = %s",
                         Number(t.value).c_str());
    }
  }
  const ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg;
  if (!ImGui::BeginTable("##spatial", 4, flags)) return;
  ImGui::TableSetupColumn(pos.row_pass ? "kernel col" : "kernel row");
  ImGui::TableSetupColumn(pos.row_pass ? "column value" : "input");
  ImGui::TableSetupColumn(pos.row_pass ? "row weight" : "column weight");
  ImGui::TableSetupColumn("product");
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < t.steps.size(); ++i) {
    const reference::Tap& tap = t.steps[i];
    ImGui::TableNextRow();
    if (static_cast<int>(i) == pos.taps_done - 1)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, CurrentPalette().tap_current_bg);
    const ImVec4 col = TapText(static_cast<int>(i) < pos.taps_done);
    ImGui::TableSetColumnIndex(0);
    ImGui::TextColored(col, "%d", pos.row_pass ? tap.kx : tap.ky);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextColored(col, "%s%s", Entry(tap.input).c_str(), tap.padded ? " pad" : "");
    ImGui::TableSetColumnIndex(2);
    ImGui::TextColored(col, "%s", Entry(tap.weight).c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::TextColored(col, "%s", Entry(tap.product).c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void DrawAnimationDetail(const Document& doc, const std::vector<std::string>& highlight,
                         LayoutRects& rects, AnimationViewState& v, ImTextureID overview) {
  AnimationModel& m = v.model;
  ImGui::BeginGroup();
  v.marks_drawn = 0;
  DrawCounts(m, highlight, &v.marks_drawn);
  ImGui::EndGroup();
  RecordLastItem(rects, "AnimCounts");
  ImGui::Separator();
  const char* names[] = {"follow the separable stage", "standard", "depthwise", "pointwise",
                         "spatially separable"};
  const bool spatial = HasSpatialWalk(m);
  if (!spatial && v.detail == kSpatialDetail) v.detail = -1;
  int choice = v.detail + 1;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  ImGui::Combo("arithmetic shown", &choice, names, spatial ? 5 : 4);
  v.detail = choice - 1;
  if (v.detail == kSpatialDetail) {
    DrawSpatialArithmetic(m.spatial, SpatialPositionOf(m), CurrentSpatialTrace(m));
    return;
  }
  AnimPath path = v.detail >= 0 ? static_cast<AnimPath>(v.detail)
                                : (InPointwiseStage(m) ? AnimPath::Pointwise : AnimPath::Depthwise);
  const LayerWalk& w = WalkOf(m, path);
  const WalkPosition pos = PositionOf(m, path);
  const OutputTrace& t = CurrentTrace(m, path);
  // Where the output is, with the whole image beside the text (below it if too narrow),
  // so it is on screen without scrolling at 1920x1080.
  ImGui::BeginGroup();
  DrawPosition(path, w, pos, t);
  ImGui::EndGroup();
  const float text_h = ImGui::GetItemRectSize().y;
  const float room =
      ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x - ImGui::GetFontSize();
  if (doc.result && room >= ImGui::GetFontSize() * 5) {
    ImGui::SameLine(0, ImGui::GetFontSize());
    DrawOverview(*doc.result, v, path, overview, ImVec2(room, text_h));
  } else if (doc.result) {
    DrawOverview(*doc.result, v, path, overview,
                 ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 8));
  }
  // The sum before the products: a 5 x 5 window or a deep needle runs below the bottom
  // of the column at 1920x1080, and the value being made must stay in view.
  DrawSum(w, pos, t);
  if (path == AnimPath::Pointwise) {
    DrawNeedleList(t, pos.taps_done);
  } else {
    const reference::Tap* last = LastTap(t, pos.taps_done);
    const int channel = last ? last->in_channel : t.steps.front().tap.in_channel;
    DrawWindowGrid(w.params, t, pos.taps_done, channel);
  }
}

}  // namespace sepconv::app
