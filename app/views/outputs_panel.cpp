// The outputs panel: the standard and the depthwise separable outputs side by side,
// N channels each as tiles on one shared diverging scale; click a tile to enlarge. Under
// --separable spatial the depthwise output and the spatially separable one follow.
#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "rank1.h"
#include "views/channel_tiles.h"
#include "views/layout_record.h"
#include "views/views.h"
#include "widgets/fit_text.h"
#include "widgets/theme.h"

namespace sepconv::app {

namespace {

// Below this many text lines of panel height (1280 x 720 or 1024 x 768 at a projector's
// 150 % UI scale: 10-11 lines; beside the larger lesson at 1280 x 720: 8-9) the header
// takes its compact form, two or three lines instead of six to eight, so that a row of
// output tiles still shows. 1920 x 1080 beside the larger lesson (13.7 lines) keeps the
// full header: a row of tiles fits under it there.
constexpr float kCompactBelowLines = 12.0f;

// The header's sentences about the output, longest form first.
struct HeaderTexts {
  char size[160], size_brief[96];  // "Output 8 × 480 × 640 (N × Ho × Wo), blue < 0 < red"
  char match[160], match_brief[96], match_briefest[48];  // how far the two outputs differ
  // Under spatial: max |spatial - depthwise| and what it means (empty when it did not run).
  char spatial[200], spatial_brief[96];
};

HeaderTexts TextsFor(const JobResult& r) {
  HeaderTexts t;
  const int n = r.standard.dim(0), ho = r.standard.dim(1), wo = r.standard.dim(2);
  std::snprintf(t.size, sizeof t.size,
                "Output %d \xC3\x97 %d \xC3\x97 %d (N \xC3\x97 Ho \xC3\x97 Wo), blue < 0 < red", n,
                ho, wo);
  std::snprintf(t.size_brief, sizeof t.size_brief,
                "Output %d \xC3\x97 %d \xC3\x97 %d, blue < 0 < red", n, ho, wo);
  if (r.outputs_match && r.max_abs_diff >= 0) {
    const double d = r.max_abs_diff;
    std::snprintf(t.match, sizeof t.match, "max |standard - separable| = %.2g: the outputs match",
                  d);
    std::snprintf(t.match_brief, sizeof t.match_brief, "outputs match: max difference %.2g", d);
    std::snprintf(t.match_briefest, sizeof t.match_briefest, "match: %.2g", d);
  } else if (r.choice.compose_standard && r.ran_standard) {
    // Composing was asked for but the layer has no composed kernel (groups or K): the
    // same sentence as the CLI's report.
    std::snprintf(t.match, sizeof t.match, "standard kernel %s", r.standard_kernel.c_str());
    std::snprintf(t.match_brief, sizeof t.match_brief,
                  "composed needs groups = 1, K = 1: the outputs differ");
    std::snprintf(t.match_briefest, sizeof t.match_briefest, "outputs differ");
  } else {
    std::snprintf(t.match, sizeof t.match, "independent kernels: the outputs differ");
    std::snprintf(t.match_brief, sizeof t.match_brief, "%s", t.match);
    std::snprintf(t.match_briefest, sizeof t.match_briefest, "outputs differ");
  }
  t.spatial[0] = t.spatial_brief[0] = '\0';
  if (r.ran_spatial && r.spatial_max_abs_diff >= 0) {
    const double d = r.spatial_max_abs_diff;
    if (!r.spatial_approximated) {
      std::snprintf(t.spatial, sizeof t.spatial,
                    "max |spatial - depthwise| = %.2g: float rounding (every kernel is rank 1, "
                    "column \xC3\x97 row is the same kernel)",
                    d);
      std::snprintf(t.spatial_brief, sizeof t.spatial_brief,
                    "max |spatial - depthwise| = %.2g: float rounding", d);
    } else {
      std::snprintf(t.spatial, sizeof t.spatial,
                    "max |spatial - depthwise| = %.3g: the approximation error (D[%d] is not "
                    "rank 1; its closest rank-1 kernel is %s away)",
                    d, r.spatial_worst_channel, percent_text(r.spatial_error).c_str());
      std::snprintf(t.spatial_brief, sizeof t.spatial_brief,
                    "max |spatial - depthwise| = %.3g: the approximation error", d);
    }
  }
  return t;
}

// The two ways to build the standard kernel, as radio buttons.
// True when the mode changed.
bool DrawModeChoice(LayerChoice& edit, LayoutRects& rects, bool compact) {
  int mode = edit.compose_standard ? 0 : 1;
  // Shorter labels when the panel is narrow (a projector's large UI scale); the second
  // choice goes below the first when it does not fit beside it.
  ImGui::BeginGroup();
  const float box = CheckboxWidth("");
  const float room = ImGui::GetContentRegionAvail().x - box;
  // Compact: the longer pair of labels that fits one line together, else the shortest.
  const float pair_gap = box + ImGui::GetStyle().ItemSpacing.x;
  const bool long_pair = ImGui::CalcTextSize("composed standard kernel").x + pair_gap +
                             ImGui::CalcTextSize("independent kernel").x <=
                         room;
  const char* composed =
      compact ? (long_pair ? "composed standard kernel" : "composed")
              : LongestThatFits(room,
                                {"standard kernel composed from the separable one (outputs match)",
                                 "standard kernel composed from the separable one",
                                 "composed standard kernel"});
  // "###" keeps the button's ID when the label shortens (keyboard focus stays on it).
  ImGui::RadioButton((std::string(composed) + "###composed").c_str(), &mode, 0);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "The standard kernel is W[n][m] = P[n][m] \xC3\x97 D[m]: both outputs match.");
  }
  // Beside the first choice, shortened if that keeps it there (a line saved for the tiles
  // at a projector's scale); else on a line of its own in full.
  const char* independent =
      compact ? LabelAfterLastItem(box, {long_pair ? "independent kernel" : "independent"})
              : LabelAfterLastItem(box, {"independent standard kernel", "independent kernel"});
  ImGui::RadioButton((std::string(independent) + "###independent").c_str(), &mode, 1);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Its own weights (the %s preset, --std-kernel): the outputs differ from "
        "the separable ones.",
        to_string(edit.std_preset));
  }
  ImGui::EndGroup();
  RecordLastItem(rects, "OutputsModes");
  const bool compose = mode == 0;
  if (compose == edit.compose_standard) return false;
  edit.compose_standard = compose;
  return true;
}

void RobustRangeCheckbox(bool& robust, const JobResult& r, const char* label) {
  ImGui::Checkbox((std::string(label) + "###robust").c_str(), &robust);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "On: the range holds 99.5%% of the values; rarer peaks take the end colours.\n"
        "Off: the range is the largest |value| (%.3g).",
        double(r.output_range));
  }
}

float FullLegendWidth(const ViewContext& ctx) {
  return std::min(ImGui::GetContentRegionAvail().x * 0.35f, 22.0f * ctx.base_font_size);
}

// Room for the sentences beside the full legend.
float FullInfoWidth(const ViewContext& ctx) {
  return ImGui::GetContentRegionAvail().x - FullLegendWidth(ctx) - 2.0f * ctx.base_font_size;
}

// The colour legend, the output's size and whether the two outputs match: beside each
// other, each line in its longest form that fits one line, else its shortest, wrapped.
void DrawInfo(bool& robust, LayoutRects& rects, const JobResult& r, const HeaderTexts& t,
              const ChannelColouring& colouring, const ViewContext& ctx) {
  const float legend_w = FullLegendWidth(ctx);
  ImGui::BeginGroup();
  DrawLegend(colouring, legend_w, "");
  ImGui::EndGroup();
  ImGui::SameLine(0, 2.0f * ctx.base_font_size);
  ImGui::BeginGroup();
  const float info_w = ImGui::GetContentRegionAvail().x;
  TextWrappedAtSpaces("%s", LongestThatFits(info_w, {t.size, t.size_brief}));
  TextWrappedAtSpaces("%s", LongestThatFits(info_w, {t.match, t.match_brief}));
  if (t.spatial[0]) {
    TextWrappedAtSpaces("%s", LongestThatFits(info_w, {t.spatial, t.spatial_brief}));
    RecordLastItem(rects, "OutputsSpatialDiff");
  }
  RobustRangeCheckbox(robust, r, "robust colour range");
  ImGui::EndGroup();
}

// The same in as few lines as fit: "lo [bar] hi", the match, the checkbox, each beside
// the last when there is room. The output's size moves into the legend's tooltip.
void DrawCompactInfo(bool& robust, LayoutRects& rects, const JobResult& r, const HeaderTexts& t,
                     const ChannelColouring& colouring, const ViewContext& ctx) {
  ImGui::BeginGroup();
  // The line holds a checkbox: text on it sits at the checkbox label's height.
  ImGui::AlignTextToFramePadding();
  const float bar_w = std::min(ImGui::GetContentRegionAvail().x * 0.2f, 6.0f * ctx.base_font_size);
  DrawInlineLegend(colouring, bar_w);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.size);
  // On a line of its own the match takes its shortest form, so the checkbox can follow.
  bool beside_legend = false;
  const char* match = LabelAfterLastItem(0.0f, {t.match_brief, t.match_briefest}, &beside_legend);
  if (!beside_legend) {
    match = t.match_briefest;
    ImGui::AlignTextToFramePadding();  // level with the checkbox's label
  }
  ImGui::TextUnformatted(match);
  RobustRangeCheckbox(
      robust, r,
      LabelAfterLastItem(CheckboxWidth(""), {"robust colour range", "robust range", "robust"}));
  if (t.spatial[0]) {
    // Its own line: the full sentence when it fits, with the rest in its tooltip.
    TextWrappedAtSpaces(
        "%s", LongestThatFits(ImGui::GetContentRegionAvail().x, {t.spatial, t.spatial_brief}));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.spatial);
    RecordLastItem(rects, "OutputsSpatialDiff");
  }
  ImGui::EndGroup();
}

// The four columns' widths under --separable spatial, as stretch weights. At one tile size
// for all four grids a grid's width grows with its tile count (the rows share one
// height), so the widths follow the counts: equal columns (before) left 16 standard tiles
// at the smallest size, their rows cut by the panel, beside 3 large depthwise ones. Each
// pair (standard and separable, depthwise and spatial) stays equal, so its tiles compare
// side by side, and no column is narrower than its shortest head or one smallest tile.
std::array<float, 4> SpatialColumnWidths(int output_tiles, int mid_tiles, float width,
                                         float min_tile) {
  // With a little room after it, so a head does not touch the column's border.
  const auto widest = [](const char* a, const char* b) {
    return std::max(ImGui::CalcTextSize(a).x, ImGui::CalcTextSize(b).x) +
           ImGui::GetStyle().ItemSpacing.x;
  };
  const float output_min = std::max(min_tile, widest("Standard", "Separable"));
  const float mid_min = std::max(min_tile, widest("Depthwise", "Spatial"));
  // One column of each pair: half the width, split by the tile counts.
  const float half = width * 0.5f;
  const float outputs = float(std::max(output_tiles, 1)), mids = float(std::max(mid_tiles, 1));
  float mid = half * mids / (outputs + mids);
  if (half < output_min + mid_min) {
    // Too narrow for both minimums: the table shares what there is in their proportion.
    return {output_min, output_min, mid_min, mid_min};
  }
  mid = std::clamp(mid, mid_min, half - output_min);
  return {half - mid, half - mid, mid, mid};
}

// A refused layer, said in full where the class expects the outputs, with the offer of a
// working size that fits.
FrameRequests DrawRefusal(const JobView& job, bool has_result) {
  FrameRequests asked;
  ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().warning_text);
  TextWrappedAtSpaces("%s%s", job.message.c_str(),
                      has_result ? " The outputs below are from the last layer that ran." : "");
  ImGui::PopStyleColor();
  if (job.fitting_megapixels > 0) {
    // Not a dead end: the same offer as the status bar's.
    char offer[96];
    std::snprintf(offer, sizeof offer, "Compute at %g MP instead###working_offer",
                  job.fitting_megapixels);
    if (ImGui::Button(offer)) asked.working_megapixels = job.fitting_megapixels;
  }
  return asked;
}

// Which columns the table has: standard and separable always, then the depthwise output
// (shown on request, and always under spatial: the spatial output is compared with it).
struct OutputColumns {
  bool depthwise = false, spatial = false;
  int count() const { return 2 + (depthwise ? 1 : 0) + (spatial ? 1 : 0); }
};

// The head row: each column's title, shortened when the columns are narrow. Returns each
// cell's width, read in the head row: a pair's grids are planned on the narrower of its
// two cells, so their tiles are the same size to the pixel (the table gives its leftover
// pixels to single columns).
std::array<float, 4> DrawColumnHeads(const JobResult& r, const OutputColumns& columns,
                                     bool short_heads, bool robust) {
  const LayerSpec& s = r.choice.spec;
  std::array<float, 4> cell_w{};
  auto column_head = [short_heads](std::initializer_list<const char*> variants) {
    TextWrappedAtSpaces("%s", short_heads
                                  ? LongestThatFits(ImGui::GetContentRegionAvail().x, variants)
                                  : *variants.begin());
  };
  char head[160], brief[96], briefer[96];
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  cell_w[0] = ImGui::GetContentRegionAvail().x;
  std::snprintf(head, sizeof head, "Standard: %d kernels of %d \xC3\x97 %d \xC3\x97 %d", s.n, s.dk,
                s.dk, s.m / std::max(r.std_params.groups, 1));
  std::snprintf(brief, sizeof brief, "Standard: %d kernels", s.n);
  column_head({head, brief, "Standard"});
  ImGui::TableSetColumnIndex(1);
  cell_w[1] = ImGui::GetContentRegionAvail().x;
  std::snprintf(head, sizeof head,
                "Separable: %d \xC3\x97 %d depthwise, then %d pointwise 1 \xC3\x97 1 \xC3\x97 %d",
                s.dk, s.dk, s.n, s.m * s.depth_multiplier);
  std::snprintf(brief, sizeof brief, "Separable: %d \xC3\x97 %d depthwise, %d pointwise", s.dk,
                s.dk, s.n);
  std::snprintf(briefer, sizeof briefer, "Separable: %d \xC3\x97 %d, then 1 \xC3\x97 1", s.dk,
                s.dk);
  column_head({head, brief, briefer, "Separable"});
  if (columns.depthwise) {
    ImGui::TableSetColumnIndex(2);
    cell_w[2] = ImGui::GetContentRegionAvail().x;
    const ChannelColouring mid = ColouringFor(r, TensorSource::Intermediate, 0, robust);
    std::snprintf(head, sizeof head,
                  "Depthwise output: %d channels (own colour range \xC2\xB1%.3g)",
                  r.intermediate.dim(0), double(mid.range));
    std::snprintf(brief, sizeof brief, "Depthwise: %d channels", r.intermediate.dim(0));
    column_head({head, brief, "Depthwise"});
  }
  if (columns.spatial) {
    ImGui::TableSetColumnIndex(3);
    cell_w[3] = ImGui::GetContentRegionAvail().x;
    std::snprintf(head, sizeof head,
                  "Spatial: %d \xC3\x97 1 column, then 1 \xC3\x97 %d row (depthwise's colours)",
                  s.dk, s.dk);
    std::snprintf(brief, sizeof brief, "Spatial: column \xC3\x97 row");
    column_head({head, brief, "Spatial"});
  }
  return cell_w;
}

// The tile row: each output's channels as tiles, a pair's at the same size.
void DrawTileRow(ViewerState& viewer, ViewContext& ctx, const JobResult& r,
                 const OutputColumns& columns, const std::array<float, 4>& cell_w, float min_tile) {
  ImGui::TableNextRow();
  const float h = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y;
  ImGui::TableSetColumnIndex(0);
  std::vector<std::string> names;
  for (int n = 0; n < r.standard.dim(0); ++n) names.push_back("n=" + std::to_string(n));
  DrawTileGrid(viewer, ctx.rects, TensorSource::Standard, r.standard,
               PreviewChannels(r, TensorSource::Standard), ctx.textures.standard, names,
               std::min(cell_w[0], cell_w[1]), h, min_tile, "StandardTiles");
  ImGui::TableSetColumnIndex(1);
  DrawTileGrid(viewer, ctx.rects, TensorSource::Separable, r.separable,
               PreviewChannels(r, TensorSource::Separable), ctx.textures.separable, names,
               std::min(cell_w[0], cell_w[1]), h, min_tile, "SeparableTiles");
  std::vector<std::string> mid;
  for (int c = 0; c < r.intermediate.dim(0); ++c) mid.push_back("m=" + std::to_string(c));
  if (columns.depthwise) {
    ImGui::TableSetColumnIndex(2);
    DrawTileGrid(viewer, ctx.rects, TensorSource::Intermediate, r.intermediate,
                 PreviewChannels(r, TensorSource::Intermediate), ctx.textures.intermediate, mid,
                 std::min(cell_w[2], columns.spatial ? cell_w[3] : cell_w[2]), h, min_tile,
                 "IntermediateTiles");
  }
  if (columns.spatial) {
    ImGui::TableSetColumnIndex(3);
    DrawTileGrid(viewer, ctx.rects, TensorSource::Spatial, r.spatial,
                 PreviewChannels(r, TensorSource::Spatial), ctx.textures.spatial, mid,
                 std::min(cell_w[2], cell_w[3]), h, min_tile, "SpatialTiles");
  }
}

}  // namespace

FrameRequests DrawOutputsPanel(const Document& doc, LayerChoice& edit, UiState& ui,
                               ViewContext& ctx) {
  FrameRequests asked;
  const bool compact =
      ImGui::GetContentRegionAvail().y < kCompactBelowLines * ImGui::GetTextLineHeightWithSpacing();
  asked.apply_edits = DrawModeChoice(edit, ctx.rects, compact);
  if (doc.job.refused) AddRequests(asked, DrawRefusal(doc.job, doc.result != nullptr));
  const JobResult* r = doc.result.get();
  if (!r) {
    if (!doc.input.image) {
      ImGui::TextDisabled("load an image to compute the outputs");
    } else if (doc.job.running) {
      ImGui::TextDisabled("computing the first result ...");
    }
    return asked;
  }
  const ChannelColouring colouring = ColouringFor(*r, TensorSource::Standard, 0, ui.robust_range);
  // A narrow panel (1024 x 768 at 125 %) gets the compact form too: beside the full
  // legend the brief sentences would wrap and the legend's numbers stack.
  const HeaderTexts texts = TextsFor(*r);
  const bool compact_info =
      compact || ImGui::CalcTextSize(texts.match_brief).x > FullInfoWidth(ctx);
  if (compact_info) {
    DrawCompactInfo(ui.robust_range, ctx.rects, *r, texts, colouring, ctx);
  } else {
    DrawInfo(ui.robust_range, ctx.rects, *r, texts, colouring, ctx);
  }
  RecordLastItem(ctx.rects, "OutputsInfo");
  if (compact_info) RecordLastItem(ctx.rects, "OutputsInfo/compact");  // for the window tests

  OutputColumns columns;
  columns.spatial = r->ran_spatial && r->spatial.rank() == 3;
  columns.depthwise = ui.show_intermediate || columns.spatial;
  const float min_tile = 3.0f * ctx.base_font_size;
  const float table_w = ImGui::GetContentRegionAvail().x;
  if (!ImGui::BeginTable("outputs", columns.count(), ImGuiTableFlags_BordersInnerV)) return asked;
  if (columns.count() == 4) {
    // The cells' padding and the inner borders are not the columns' to share.
    const float padding =
        float(columns.count() - 1) * (2.0f * ImGui::GetStyle().CellPadding.x + 1.0f);
    const std::array<float, 4> widths = SpatialColumnWidths(
        PreviewChannels(*r, TensorSource::Standard),
        PreviewChannels(*r, TensorSource::Intermediate), table_w - padding, min_tile);
    for (int c = 0; c < 4; ++c)
      ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, widths[size_t(c)]);
  }
  // Compact: a head that would wrap gives way to its short form (one line). Four columns
  // (spatial) are narrow: their heads shorten too, leaving room for the tiles.
  const bool short_heads = compact_info || columns.count() == 4;
  const std::array<float, 4> cell_w = DrawColumnHeads(*r, columns, short_heads, ui.robust_range);
  DrawTileRow(ui.viewer, ctx, *r, columns, cell_w, min_tile);
  ImGui::EndTable();
  return asked;
}

}  // namespace sepconv::app
