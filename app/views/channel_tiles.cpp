// Tiles, legend and viewer hand-off; see channel_tiles.h.
#include "channel_tiles.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "colormap.h"
#include "widgets/fit_text.h"

namespace sepconv::app {

ImU32 MapColour(const ChannelColouring& c, float value) {
  const Rgb rgb = c.diverging ? SampleStops(kDivergingStops, 0.5f + 0.5f * value / c.range)
                              : SampleStops(kSequentialStops, value);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(rgb.r, rgb.g, rgb.b, 1.0f));
}

void DrawLegend(const ChannelColouring& c, float width, const char* caption) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float bar_h = ImGui::GetTextLineHeight() * 0.8f;
  if (caption && *caption) ImGui::TextUnformatted(caption);
  const ImVec2 p = ImGui::GetCursorScreenPos();
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
  ImGui::Dummy(ImVec2(width, bar_h));
  // Numbers at both ends and the middle: the class reads off what a colour means.
  char left[32], mid[32], right[32];
  std::snprintf(left, sizeof left, "%.3g", double(lo));
  std::snprintf(mid, sizeof mid, "%.3g", double(0.5f * (lo + hi)));
  std::snprintf(right, sizeof right, "%+.3g", double(hi));
  if (!c.diverging) std::snprintf(right, sizeof right, "%.3g", double(hi));
  if (c.saturates) {
    // Values beyond the range take the end colours; say so on the legend itself.
    std::snprintf(left, sizeof left, "<= %.3g", double(lo));
    std::snprintf(right, sizeof right, ">= %+.3g", double(hi));
  }
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

void OpenViewer(AppState& state, TensorSource source, int channel) {
  state.viewer.open = true;
  state.viewer.source = source;
  state.viewer.channel = channel;
  state.viewer.zoom = 0;  // fit on the next frame
  state.viewer.center_x = state.viewer.center_y = -1;
}

void DrawTileGrid(AppState& state, TensorSource source, const Tensor& tensor,
                  const std::vector<ImTextureID>& textures, const std::vector<std::string>& names,
                  float width, float height, float min_tile, const char* id) {
  if (tensor.rank() != 3 || tensor.dim(0) == 0) return;
  const int count = std::min(tensor.dim(0), kMaxTiles);
  const float aspect = float(tensor.dim(1)) / float(tensor.dim(2));
  const ImGuiStyle& style = ImGui::GetStyle();
  // Feature names such as "edge 22.5° σ2 (G)" get as many lines (up to three) as they
  // need on the smallest tile, broken at spaces, so the class can read them without
  // hovering; wider tiles need no more lines than that.
  int label_lines = 1;
  for (int c = 0; c < count && c < int(names.size()); ++c) {
    const std::string broken = ::app::BreakAtSpaces(names[size_t(c)], min_tile);
    label_lines = std::max(label_lines, 1 + int(std::count(broken.begin(), broken.end(), '\n')));
  }
  label_lines = std::min(label_lines, 3);
  const float label_h =
      ImGui::GetTextLineHeight() * float(label_lines) + ImGui::GetStyle().ItemSpacing.y;
  // Pick the column count that gives the largest tiles while the whole grid fits in
  // width x height; tiles never go below min_tile (the panel scrolls instead).
  float tile_w = min_tile;
  for (int cols = 1; cols <= count; ++cols) {
    const int rows = (count + cols - 1) / cols;
    const float by_width = (width - style.ItemSpacing.x * float(cols - 1)) / float(cols);
    const float by_height = (height / float(rows) - label_h - style.ItemSpacing.y) / aspect;
    tile_w = std::max(tile_w, std::floor(std::min(by_width, by_height)));
  }
  const float tile_h = std::floor(tile_w * aspect);
  const int cols = std::max(1, int((width + style.ItemSpacing.x) / (tile_w + style.ItemSpacing.x)));

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
    const bool open =
        state.viewer.open && state.viewer.source == source && state.viewer.channel == c;
    dl->AddRect(p, ImVec2(p.x + tile_w, p.y + tile_h),
                ImGui::GetColorU32(open || ImGui::IsItemHovered() ? ImGuiCol_ButtonActive
                                                                  : ImGuiCol_Border),
                0.0f, 0, open ? 3.0f : 1.0f);
    if (clicked) OpenViewer(state, source, c);
    if (c == 0) RecordRect(state, std::string(id) + "/0", p.x, p.y, tile_w, tile_h);
    const std::string label = c < int(names.size()) ? names[size_t(c)] : std::to_string(c);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (click to enlarge)", label.c_str());
    // Labels are clipped to the tile width so long feature names never overlap.
    const ImVec2 lp = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(tile_w, label_h));
    const ImVec4 clip(lp.x, lp.y, lp.x + tile_w, lp.y + label_h);
    const std::string shown = label_lines > 1 ? ::app::BreakAtSpaces(label, tile_w) : label;
    dl->AddText(nullptr, 0.0f, lp, ImGui::GetColorU32(ImGuiCol_Text), shown.c_str(), nullptr, 0.0f,
                &clip);
    ImGui::PopID();
    ImGui::EndGroup();
  }
  if (tensor.dim(0) > count) {
    ImGui::TextDisabled("showing the first %d of %d channels", count, tensor.dim(0));
  }
  ImGui::PopID();
}

}  // namespace sepconv::app
