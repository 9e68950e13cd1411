// Tiles, legend and viewer hand-off; see channel_tiles.h.
#include "views/channel_tiles.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "state/colormap.h"
#include "widgets/fit_text.h"

namespace sepconv::app {

ImU32 MapColour(const ChannelColouring& c, float value) {
  const Rgb rgb = c.diverging ? SampleStops(kDivergingStops, 0.5f + 0.5f * value / c.range)
                              : SampleStops(kSequentialStops, value);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(rgb.r, rgb.g, rgb.b, 1.0f));
}

namespace {
// The colour bar from lo to hi, `width` wide, its top left at `p` (drawn only: the
// caller reserves the room).
float ColourBarHeight() {
  return ImGui::GetTextLineHeight() * 0.8f;
}

void DrawColourBar(const ChannelColouring& c, float width, ImVec2 p) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float bar_h = ColourBarHeight();
  constexpr int kSegments = 32;
  const float lo = c.diverging ? -c.range : 0.0f;
  const float hi = c.diverging ? c.range : 1.0f;
  for (int i = 0; i < kSegments; ++i) {
    const float t0 = float(i) / kSegments, t1 = float(i + 1) / kSegments;
    const ImU32 a = MapColour(c, lo + (hi - lo) * t0);
    const ImU32 b = MapColour(c, lo + (hi - lo) * t1);
    dl->AddRectFilledMultiColor(ImVec2(p.x + width * t0, p.y),
                                ImVec2(p.x + width * t1, p.y + bar_h), a, b, b, a);
  }
  dl->AddRect(p, ImVec2(p.x + width, p.y + bar_h), ImGui::GetColorU32(ImGuiCol_Border));
}

// The numbers at the bar's ends and middle: the class reads off what a colour means.
struct LegendNumbers {
  char left[32], mid[32], right[32];
};
LegendNumbers LegendNumbersFor(const ChannelColouring& c) {
  const float lo = c.diverging ? -c.range : 0.0f;
  const float hi = c.diverging ? c.range : 1.0f;
  LegendNumbers n;
  std::snprintf(n.left, sizeof n.left, "%.3g", double(lo));
  std::snprintf(n.mid, sizeof n.mid, "%.3g", double(0.5f * (lo + hi)));
  std::snprintf(n.right, sizeof n.right, c.diverging ? "%+.3g" : "%.3g", double(hi));
  if (c.saturates) {
    // Values beyond the range take the end colours; say so on the legend itself.
    std::snprintf(n.left, sizeof n.left, "<= %.3g", double(lo));
    std::snprintf(n.right, sizeof n.right, ">= %+.3g", double(hi));
  }
  return n;
}
}  // namespace

void DrawLegend(const ChannelColouring& c, float width, const char* caption) {
  if (caption && *caption) ImGui::TextUnformatted(caption);
  DrawColourBar(c, width, ImGui::GetCursorScreenPos());
  ImGui::Dummy(ImVec2(width, ColourBarHeight()));
  const LegendNumbers numbers = LegendNumbersFor(c);
  const char *left = numbers.left, *mid = numbers.mid, *right = numbers.right;
  // On a short bar (a large UI scale) the middle number goes first, then the right one
  // moves to a line of its own: numbers never print over each other.
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float wl = ImGui::CalcTextSize(left).x, wm = ImGui::CalcTextSize(mid).x;
  const float wr = ImGui::CalcTextSize(right).x;
  const bool show_mid = 0.5f * (width - wm) >= std::max(wl, wr) + gap;
  const bool same_line = wl + gap + wr <= width;
  const float y = ImGui::GetCursorPosY();
  const float x0 = ImGui::GetCursorPosX();
  ImGui::TextUnformatted(left);
  if (show_mid) {
    ImGui::SameLine();
    ImGui::SetCursorPos(ImVec2(x0 + 0.5f * (width - wm), y));
    ImGui::TextUnformatted(mid);
  }
  if (same_line) {
    ImGui::SameLine();
    ImGui::SetCursorPos(ImVec2(x0 + width - wr, y));
  } else {
    ImGui::SetCursorPosX(x0 + std::max(0.0f, width - wr));
  }
  ImGui::TextUnformatted(right);
}

void DrawInlineLegend(const ChannelColouring& c, float bar_width) {
  const LegendNumbers numbers = LegendNumbersFor(c);
  ImGui::BeginGroup();
  ImGui::TextUnformatted(numbers.left);
  // The bar is shorter than the text line: centred on the numbers, wherever the line
  // puts its text (AlignTextToFramePadding moves it down). Its room is reserved at the
  // line's top, a text line high, so the line grows no taller than its text.
  const float text_top = ImGui::GetItemRectMin().y;
  ImGui::SameLine();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  DrawColourBar(c, bar_width, ImVec2(at.x, text_top + 0.1f * ImGui::GetTextLineHeight()));
  ImGui::Dummy(ImVec2(bar_width, ImGui::GetTextLineHeight()));
  ImGui::SameLine();
  ImGui::TextUnformatted(numbers.right);
  ImGui::EndGroup();
}

void OpenViewer(ViewerState& viewer, TensorSource source, int channel) {
  viewer.open = true;
  viewer.source = source;
  viewer.channel = channel;
  viewer.zoom = 0;  // fit on the next frame
  viewer.center_x = viewer.center_y = -1;
}

namespace {
// The tile widths at which every label fits on one line, and on two, broken as
// BreakAtSpaces breaks them: two lines fit when a break between two of its groups
// (LineBreakGroups: words, with "3 x 3" kept together) leaves halves that both fit, and
// greedy breaking finds such a break when there is one. A label that is a single group
// is tried at its spaces. Measured once per plan, so trying a tile width costs no text
// measuring. A label without spaces stays on one line (clipped), whatever the width.
class LabelLines {
 public:
  LabelLines(const std::vector<std::string>& names, int count) {
    for (int c = 0; c < count && c < int(names.size()); ++c) {
      const std::string& name = names[size_t(c)];
      if (name.find(' ') == std::string::npos) continue;
      std::vector<std::string> parts = LineBreakGroups(name);
      if (parts.size() < 2) parts = SplitAtSpaces(name);
      float best_split = -1.0f;
      for (size_t i = 1; i < parts.size(); ++i) {
        const float left = ImGui::CalcTextSize(Joined(parts, 0, i).c_str()).x;
        const float right = ImGui::CalcTextSize(Joined(parts, i, parts.size()).c_str()).x;
        const float split = std::max(left, right);
        if (best_split < 0 || split < best_split) best_split = split;
      }
      if (best_split < 0) continue;
      one_line_ = std::max(one_line_, ImGui::CalcTextSize(name.c_str()).x);
      two_lines_ = std::max(two_lines_, best_split);
    }
  }
  // Lines (1..3) the labels need on a tile `width` wide.
  int at(float width) const { return width >= one_line_ ? 1 : width >= two_lines_ ? 2 : 3; }

 private:
  static std::string Joined(const std::vector<std::string>& parts, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i) out += (i > from ? " " : "") + parts[i];
    return out;
  }
  float one_line_ = 0.0f, two_lines_ = 0.0f;
};
}  // namespace

TileGridPlan PlanTileGrid(const std::vector<std::string>& names, int count, float aspect,
                          float width, float height, float min_tile) {
  const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
  const float line = ImGui::GetTextLineHeight();
  const LabelLines lines(names, count);
  count = std::max(count, 1);
  // A row: the tile, the item spacing, its label (with a spacing under the text) and the
  // gap to the next row; the grid's height is rows x row_h less the last gap.
  auto label_h = [&](float w) { return line * float(lines.at(w)) + spacing.y; };
  auto row_h = [&](float w) { return std::floor(w * aspect) + label_h(w) + 2 * spacing.y; };
  float best = std::floor(min_tile);
  for (int cols = 1; cols <= count; ++cols) {
    const float by_width = std::floor((width - spacing.x * float(cols - 1)) / float(cols));
    if (by_width <= best) break;  // more columns only make narrower tiles
    const int rows = (count + cols - 1) / cols;
    // The widest tile up to by_width whose rows fit: narrowing a tile can add a label
    // line, so shrink until the line count settles (at most three lines).
    float w = by_width;
    for (int i = 0; i < 4 && float(rows) * row_h(w) - spacing.y > height; ++i) {
      w = std::floor(((height + spacing.y) / float(rows) - label_h(w) - 2 * spacing.y) / aspect);
    }
    if (w > best && float(rows) * row_h(w) - spacing.y <= height) best = w;
  }
  if (best <= std::floor(min_tile)) {
    // Nothing fits the height (the panel scrolls): the columns of min_tile fill the
    // width, so no strip is left empty at the right and labels take fewer lines.
    const int cols =
        std::clamp(int((width + spacing.x) / (std::floor(min_tile) + spacing.x)), 1, count);
    best = std::max(std::floor(min_tile),
                    std::floor((width - spacing.x * float(cols - 1)) / float(cols)));
  }
  TileGridPlan plan;
  plan.tile_w = best;
  plan.tile_h = std::floor(best * aspect);
  plan.label_lines = lines.at(best);
  plan.label_h = label_h(best);
  plan.cols = std::clamp(int((width + spacing.x) / (best + spacing.x)), 1, count);
  plan.rows = (count + plan.cols - 1) / plan.cols;
  plan.height = float(plan.rows) * row_h(best) - spacing.y;
  return plan;
}

int ShownTiles(const Tensor& tensor, int limit) {
  return tensor.rank() == 3 ? std::min({tensor.dim(0), limit, kMaxTiles}) : 0;
}

float TileAspect(const Tensor& tensor) {
  return tensor.rank() == 3 && tensor.dim(2) > 0 ? float(tensor.dim(1)) / float(tensor.dim(2))
                                                 : 1.0f;
}

float TileGridNoteHeight(const Tensor& tensor, int limit) {
  return tensor.rank() == 3 && tensor.dim(0) > ShownTiles(tensor, limit)
             ? ImGui::GetTextLineHeightWithSpacing()
             : 0.0f;
}

void DrawTileGrid(ViewerState& viewer, LayoutRects& rects, TensorSource source,
                  const Tensor& tensor, int limit, const std::vector<ImTextureID>& textures,
                  const std::vector<std::string>& names, float width, float height, float min_tile,
                  const char* id) {
  const int count = ShownTiles(tensor, limit);
  if (count == 0) return;
  const TileGridPlan plan = PlanTileGrid(names, count, TileAspect(tensor), width,
                                         height - TileGridNoteHeight(tensor, limit), min_tile);
  const float tile_w = plan.tile_w, tile_h = plan.tile_h, label_h = plan.label_h;
  const int cols = plan.cols, label_lines = plan.label_lines;

  const ImVec2 grid_pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  for (int c = 0; c < count; ++c) {
    if (c % cols != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushID(c);
    const ImTextureID tex = c < int(textures.size()) ? textures[size_t(c)] : nullptr;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("tile", ImVec2(tile_w, tile_h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (tex) {
      dl->AddImage(tex, p, ImVec2(p.x + tile_w, p.y + tile_h));
    } else {
      dl->AddRectFilled(p, ImVec2(p.x + tile_w, p.y + tile_h),
                        ImGui::GetColorU32(ImGuiCol_FrameBg));
    }
    const bool open = viewer.open && viewer.source == source && viewer.channel == c;
    dl->AddRect(p, ImVec2(p.x + tile_w, p.y + tile_h),
                ImGui::GetColorU32(open || ImGui::IsItemHovered() ? ImGuiCol_ButtonActive
                                                                  : ImGuiCol_Border),
                0.0f, 0, open ? 3.0f : 1.0f);
    if (clicked) OpenViewer(viewer, source, c);
    if (c == 0) RecordRect(rects, std::string(id) + "/0", p.x, p.y, tile_w, tile_h);
    const std::string label = c < int(names.size()) ? names[size_t(c)] : std::to_string(c);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (click to enlarge)", label.c_str());
    // Labels are clipped to the tile width so long feature names never overlap.
    const ImVec2 lp = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(tile_w, label_h));
    const ImVec4 clip(lp.x, lp.y, lp.x + tile_w, lp.y + label_h);
    const std::string shown = label_lines > 1 ? BreakAtSpaces(label, tile_w) : label;
    dl->AddText(nullptr, 0.0f, lp, ImGui::GetColorU32(ImGuiCol_Text), shown.c_str(), nullptr, 0.0f,
                &clip);
    ImGui::PopID();
    ImGui::EndGroup();
  }
  RecordRect(
      rects, std::string(id) + "/grid", grid_pos.x, grid_pos.y,
      float(cols) * (tile_w + ImGui::GetStyle().ItemSpacing.x) - ImGui::GetStyle().ItemSpacing.x,
      ImGui::GetItemRectMax().y - grid_pos.y);
  if (tensor.dim(0) > count) {
    ImGui::TextDisabled("showing the first %d of %d channels", count, tensor.dim(0));
  }
  ImGui::PopID();
}

}  // namespace sepconv::app
