// Slanted channel planes on ImDrawList; see stack_view.h.
#include "views/animation/stack_view.h"

#include <algorithm>
#include <cmath>

#include "widgets/theme.h"

namespace sepconv::app {
namespace {
// The slant of every plane: a cell's y edge goes right by kShear and down by kSquash of
// its x edge, which reads as a sheet lying in depth without a real 3-D projection.
constexpr float kShear = 0.55f;
constexpr float kSquash = 0.45f;

ImU32 WithAlpha(ImU32 c, float alpha) {
  const ImU32 a = static_cast<ImU32>(((c >> IM_COL32_A_SHIFT) & 0xFF) * alpha);
  return (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}
float Luminance(ImU32 c) {
  const float r = static_cast<float>((c >> IM_COL32_R_SHIFT) & 0xFF);
  const float g = static_cast<float>((c >> IM_COL32_G_SHIFT) & 0xFF);
  const float b = static_cast<float>((c >> IM_COL32_B_SHIFT) & 0xFF);
  return (0.2126f * r + 0.7152f * g + 0.0722f * b) / 255.0f;
}
}  // namespace

void PlaneFrame::CellAt(ImVec2 p, float* x, float* y) const {
  const float det = ax.x * ay.y - ax.y * ay.x;
  const float dx = p.x - origin.x, dy = p.y - origin.y;
  *x = (dx * ay.y - dy * ay.x) / det;
  *y = (ax.x * dy - ax.y * dx) / det;
}

PlaneFrame StackLayout::Plane(int i) const {
  PlaneFrame f;
  f.origin = ImVec2(top_left.x, top_left.y + gap * static_cast<float>(i));
  f.ax = ImVec2(cell, 0);
  f.ay = ImVec2(cell * kShear, cell * kSquash);
  return f;
}

StackLayout FitStack(ImVec2 top_left, ImVec2 size, int planes, int cols, int rows, float min_gap) {
  StackLayout s;
  s.top_left = top_left;
  s.planes = std::max(planes, 1);
  s.cols = std::max(cols, 1);
  s.rows = std::max(rows, 1);
  // Width: cols + shear * rows cells. Height: squash * rows cells per plane plus gaps,
  // where a gap is at least a quarter plane so lower planes never vanish entirely.
  const float by_width = size.x / (s.cols + kShear * s.rows);
  const float plane_rows = kSquash * s.rows;
  const float gap_rows = s.planes > 1 ? std::max(plane_rows * 0.25f, 1.0f) : 0.0f;
  const float wanted_gap_rows = plane_rows * 1.15f;
  // Prefer separated planes; overlap them only when the height demands it.
  float cell = std::min(by_width, size.y / (plane_rows + (s.planes - 1) * wanted_gap_rows));
  float gap_cells = wanted_gap_rows;
  const float min_cell = 6.0f;
  if (cell < min_cell && s.planes > 1) {
    cell = std::min(by_width, size.y / (plane_rows + (s.planes - 1) * gap_rows));
    // A quarter plane can be less than a line of text on a wide, flat crop (Dk = 7):
    // then the planes get smaller so their labels keep a line each, but by half at most.
    // In a box too small for that (1280x720) the labels give way instead: DrawStack
    // leaves out one that would overlap the one above.
    const float room = size.y - static_cast<float>(s.planes - 1) * min_gap;
    if (gap_rows * cell < min_gap && room > 0 && room / plane_rows >= 0.5f * cell) {
      cell = std::min(cell, room / plane_rows);
    }
    gap_cells = std::max(gap_rows, (size.y / cell - plane_rows) / (s.planes - 1));
  }
  s.cell = std::max(cell, 1.0f);
  s.gap = gap_cells * s.cell;
  s.size = ImVec2(s.cell * (s.cols + kShear * s.rows),
                  s.cell * plane_rows + s.gap * static_cast<float>(s.planes - 1));
  return s;
}

void DrawPlane(ImDrawList* dl, const PlaneFrame& f, const Crop& crop, const CellFunction& look,
               float alpha, bool grid) {
  const Palette& palette = CurrentPalette();
  const ImU32 pending_colour = WithAlpha(palette.stack_pending, alpha);
  for (int y = crop.y0; y < crop.y1; ++y) {
    for (int x = crop.x0; x < crop.x1; ++x) {
      const float cx = static_cast<float>(x - crop.x0), cy = static_cast<float>(y - crop.y0);
      const ImVec2 a = f.At(cx, cy), b = f.At(cx + 1, cy), c = f.At(cx + 1, cy + 1),
                   d = f.At(cx, cy + 1);
      const CellLook l = look(x, y);
      dl->AddQuadFilled(a, b, c, d, l.pending ? pending_colour : WithAlpha(l.colour, alpha));
      if (l.padding) {
        // Hatching: padding cells hold values the image does not have (zeros or copies).
        // Light lines on dark cells and dark on light ones, so it shows on any value.
        const ImU32 hatch = Luminance(l.colour) < 0.45f
                                ? IM_COL32(235, 235, 235, static_cast<int>(170 * alpha))
                                : IM_COL32(15, 15, 15, static_cast<int>(200 * alpha));
        for (float t : {0.33f, 0.66f, 1.0f}) {
          dl->AddLine(f.At(cx + t, cy), f.At(cx, cy + t), hatch, 1.0f);
          if (t < 1.0f) dl->AddLine(f.At(cx + 1, cy + t), f.At(cx + t, cy + 1), hatch, 1.0f);
        }
      }
    }
  }
  const ImU32 line = WithAlpha(palette.stack_grid, alpha);
  if (grid) {
    for (int x = 0; x <= crop.width(); ++x)
      dl->AddLine(f.At(static_cast<float>(x), 0),
                  f.At(static_cast<float>(x), static_cast<float>(crop.height())), line);
    for (int y = 0; y <= crop.height(); ++y)
      dl->AddLine(f.At(0, static_cast<float>(y)),
                  f.At(static_cast<float>(crop.width()), static_cast<float>(y)), line);
  }
  const float w = static_cast<float>(crop.width()), h = static_cast<float>(crop.height());
  dl->AddQuad(f.At(0, 0), f.At(w, 0), f.At(w, h), f.At(0, h),
              WithAlpha(palette.stack_border, alpha), 1.0f);
}

void OutlineCell(ImDrawList* dl, const PlaneFrame& f, const Crop& crop, int x, int y, ImU32 colour,
                 float thickness, bool fill) {
  const float cx = static_cast<float>(x - crop.x0), cy = static_cast<float>(y - crop.y0);
  const ImVec2 a = f.At(cx, cy), b = f.At(cx + 1, cy), c = f.At(cx + 1, cy + 1),
               d = f.At(cx, cy + 1);
  if (fill) dl->AddQuadFilled(a, b, c, d, WithAlpha(colour, 0.35f));
  dl->AddQuad(a, b, c, d, CurrentPalette().outline_shadow, thickness + 2.0f);
  dl->AddQuad(a, b, c, d, colour, thickness);
}

std::vector<ImVec2> OutlineRect(ImDrawList* dl, const PlaneFrame& f, const Crop& crop, int x0,
                                int y0, int x1, int y1, ImU32 colour, float thickness) {
  const float ax = static_cast<float>(x0 - crop.x0), ay = static_cast<float>(y0 - crop.y0);
  const float bx = static_cast<float>(x1 - crop.x0), by = static_cast<float>(y1 - crop.y0);
  std::vector<ImVec2> c = {f.At(ax, ay), f.At(bx, ay), f.At(bx, by), f.At(ax, by)};
  dl->AddQuad(c[0], c[1], c[2], c[3], CurrentPalette().outline_shadow, thickness + 2.0f);
  dl->AddQuad(c[0], c[1], c[2], c[3], colour, thickness);
  return c;
}

void JoinOutlines(ImDrawList* dl, const std::vector<ImVec2>& top, const std::vector<ImVec2>& bottom,
                  ImU32 colour, float thickness) {
  for (size_t i = 0; i < std::min(top.size(), bottom.size()); ++i)
    dl->AddLine(top[i], bottom[i], colour, thickness);
}

ImVec2 CellCentre(const PlaneFrame& f, const Crop& crop, int x, int y) {
  return f.At(static_cast<float>(x - crop.x0) + 0.5f, static_cast<float>(y - crop.y0) + 0.5f);
}

}  // namespace sepconv::app
