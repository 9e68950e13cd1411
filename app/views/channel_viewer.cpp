// The channel viewer: one channel enlarged with nearest-neighbour zoom, a pixel grid
// and each pixel's value once the cells are big enough to read, plus its legend.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/channel_tiles.h"
#include "views/views.h"
#include "widgets/fit_text.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

// Zoom limits, in screen pixels per value.
constexpr float kMinZoom = 0.05f, kMaxZoom = 256.0f;

const std::vector<ImTextureID>& TexturesFor(const ViewContext& ctx, TensorSource source) {
  switch (source) {
    case TensorSource::Input:
      return ctx.textures.input;
    case TensorSource::Standard:
      return ctx.textures.standard;
    case TensorSource::Separable:
      return ctx.textures.separable;
    case TensorSource::Intermediate:
      return ctx.textures.intermediate;
    case TensorSource::Spatial:
      return ctx.textures.spatial;
  }
  return ctx.textures.input;
}

// Fit, 1:1, - and +, the zoom and the colour legend above the canvas.
void DrawToolbar(ViewerState& v, const JobResult& r, int W, int H,
                 const ChannelColouring& colouring, float base_font_size) {
  if (v.source == TensorSource::Input && v.channel < int(r.input_names.size())) {
    ImGui::Text("%s, %d x %d", r.input_names[size_t(v.channel)].c_str(), W, H);
  } else {
    ImGui::Text("%d x %d", W, H);
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Fit")) v.zoom = 0;  // also recentres
  ImGui::SameLine();
  if (ImGui::SmallButton("1:1")) v.zoom = 1;
  ImGui::SameLine();
  if (ImGui::SmallButton("-")) v.zoom = std::max(v.zoom / 2, kMinZoom);
  ImGui::SameLine();
  if (ImGui::SmallButton("+")) v.zoom = std::min(v.zoom * 2, kMaxZoom);
  char zoom_long[64], zoom_short[32];
  std::snprintf(zoom_long, sizeof zoom_long, "zoom %.2gx (wheel to zoom, drag to pan)",
                double(v.zoom));
  std::snprintf(zoom_short, sizeof zoom_short, "zoom %.2gx", double(v.zoom));
  ImGui::TextUnformatted(LabelAfterLastItem(0.0f, {zoom_long, zoom_short}));
  DrawLegend(colouring, std::min(ImGui::GetContentRegionAvail().x, 20.0f * base_font_size),
             colouring.diverging ? "diverging: zero is white, range symmetric"
                                 : "sequential: image values 0 .. 1");
}

// Fit on the first frame (zoom 0), then the wheel zooms about the cursor and a drag pans.
void ZoomAndPan(ViewerState& v, ImVec2 origin, ImVec2 size, bool hovered, int W, int H) {
  if (v.zoom <= 0) {
    v.zoom = std::min(size.x / float(W), size.y / float(H));
    v.center_x = v.center_y = -1;
  }
  if (v.center_x < 0 || v.center_y < 0) {
    v.center_x = W * 0.5f;
    v.center_y = H * 0.5f;
  }
  const ImGuiIO& io = ImGui::GetIO();
  if (hovered && io.MouseWheel != 0) {
    // Zoom about the cursor so the pixel under it stays put.
    const float mx = v.center_x + (io.MousePos.x - origin.x - size.x * 0.5f) / v.zoom;
    const float my = v.center_y + (io.MousePos.y - origin.y - size.y * 0.5f) / v.zoom;
    const float nz = std::clamp(v.zoom * std::pow(1.25f, io.MouseWheel), kMinZoom, kMaxZoom);
    v.center_x = mx - (io.MousePos.x - origin.x - size.x * 0.5f) / nz;
    v.center_y = my - (io.MousePos.y - origin.y - size.y * 0.5f) / nz;
    v.zoom = nz;
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    v.center_x -= io.MouseDelta.x / v.zoom;
    v.center_y -= io.MouseDelta.y / v.zoom;
  }
}

// Where tensor coordinates land on the canvas, and the cells [x0, x1) x [y0, y1) in view.
struct CanvasMap {
  float ox = 0, oy = 0, zoom = 1;  // screen = o + tensor coordinate * zoom
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  ImVec2 At(float x, float y) const { return ImVec2(ox + x * zoom, oy + y * zoom); }
};

CanvasMap MapCanvas(const ViewerState& v, ImVec2 origin, ImVec2 size, int W, int H) {
  CanvasMap m;
  m.zoom = v.zoom;
  m.ox = origin.x + size.x * 0.5f - v.center_x * v.zoom;
  m.oy = origin.y + size.y * 0.5f - v.center_y * v.zoom;
  m.x0 = std::max(0.0f, std::floor((origin.x - m.ox) / v.zoom));
  m.y0 = std::max(0.0f, std::floor((origin.y - m.oy) / v.zoom));
  m.x1 = std::min(float(W), std::ceil((origin.x + size.x - m.ox) / v.zoom));
  m.y1 = std::min(float(H), std::ceil((origin.y + size.y - m.oy) / v.zoom));
  return m;
}

// The tile's display copy first (always there, coarse), then the sharp picture of the
// region the worker made for this view, where it lies.
void DrawPicture(ImDrawList* dl, const CanvasMap& m, ImTextureID tex, const ViewContext& ctx,
                 const ViewerState& v, const std::shared_ptr<const JobResult>& result, int W,
                 int H) {
  const ImVec2 a = m.At(m.x0, m.y0), b = m.At(m.x1, m.y1);
  if (tex) {
    dl->AddImage(tex, a, b, ImVec2(m.x0 / W, m.y0 / H), ImVec2(m.x1 / W, m.y1 / H));
  } else {
    dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_FrameBg));
  }
  const RegionRequest& shown = ctx.textures.viewer_request;
  if (ctx.textures.viewer && shown.result == result && shown.source == v.source &&
      shown.channel == v.channel) {
    const Region& g = shown.region;
    dl->AddImage(ctx.textures.viewer, m.At(float(g.x0), float(g.y0)),
                 m.At(float(g.x1), float(g.y1)));
  }
}

// The pixel grid once cells are 6 pixels wide, and each value once it fits in its cell.
void DrawGridAndValues(ImDrawList* dl, const CanvasMap& m, const float* plane, int W,
                       const ChannelColouring& colouring) {
  const ImVec2 a = m.At(m.x0, m.y0), b = m.At(m.x1, m.y1);
  const int cells = int((m.x1 - m.x0) * (m.y1 - m.y0));
  if (m.zoom >= 6.0f && cells < 40000) {
    const ImU32 grid = CurrentPalette().pixel_grid;
    for (float x = m.x0; x <= m.x1; x += 1)
      dl->AddLine(ImVec2(m.ox + x * m.zoom, a.y), ImVec2(m.ox + x * m.zoom, b.y), grid);
    for (float y = m.y0; y <= m.y1; y += 1)
      dl->AddLine(ImVec2(a.x, m.oy + y * m.zoom), ImVec2(b.x, m.oy + y * m.zoom), grid);
  }
  // Values once a cell is wide enough for "-0.12" at the current font.
  const float need = ImGui::CalcTextSize("-0.00").x + 4;
  if (m.zoom < need || cells >= 4000) return;
  char buf[16];
  for (int y = int(m.y0); y < int(m.y1); ++y) {
    for (int x = int(m.x0); x < int(m.x1); ++x) {
      const float value = plane[int64_t(y) * W + x];
      // Tiny values print as 0.00, not "-0.00", which puzzles a class.
      std::snprintf(buf, sizeof buf, "%.2f", std::fabs(value) < 0.005f ? 0.0 : double(value));
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      const ImVec2 c = m.At(x + 0.5f, y + 0.5f);
      dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f),
                  ContrastText(MapColour(colouring, value)), buf);
    }
  }
}

// Opens the viewer's window; false when it is collapsed (then it is already ended).
bool BeginViewerWindow(ViewerState& v) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize(ImVec2(display.x * 0.6f, display.y * 0.7f), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  char title[160];
  std::snprintf(title, sizeof title, "%s, channel %d###viewer", ToString(v.source), v.channel);
  // Opaque: the default style's slightly see-through window let the panels' text show
  // through the toolbar and legend.
  ImGui::SetNextWindowBgAlpha(1.0f);
  if (ImGui::Begin(title, &v.open, ImGuiWindowFlags_NoSavedSettings)) return true;
  ImGui::End();
  return false;
}

}  // namespace

void DrawChannelViewer(const Document& doc, bool robust_range, ViewerState& v, ViewContext& ctx) {
  const JobResult* r = doc.result.get();
  if (!v.open || !r) return;
  const Tensor* t = TensorFor(*r, v.source);
  if (!t || t->rank() != 3 || v.channel >= t->dim(0)) {
    v.open = false;
    return;
  }
  if (!BeginViewerWindow(v)) return;
  BeginTextCapture(ctx);
  const int H = t->dim(1), W = t->dim(2);
  const ChannelColouring colouring = ColouringFor(*r, v.source, v.channel, robust_range);
  const float* plane = t->plane(v.channel);
  const std::vector<ImTextureID>& textures = TexturesFor(ctx, v.source);
  const ImTextureID tex = v.channel < int(textures.size()) ? textures[size_t(v.channel)] : nullptr;
  DrawToolbar(v, *r, W, H, colouring, ctx.base_font_size);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 size = ImGui::GetContentRegionAvail();
  if (size.x < 8 || size.y < 8) {
    EndTextCapture(ctx);
    ImGui::End();
    return;
  }
  ImGui::InvisibleButton("canvas", size);
  RecordRect(ctx.rects, "ViewerCanvas", origin.x, origin.y, size.x, size.y);
  const bool hovered = ImGui::IsItemHovered();
  ZoomAndPan(v, origin, size, hovered, W, H);
  const CanvasMap m = MapCanvas(v, origin, size, W, H);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  dl->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y),
                    CurrentPalette().canvas_bg);
  if (m.x1 > m.x0 && m.y1 > m.y0) {
    DrawPicture(dl, m, tex, ctx, v, doc.result, W, H);
    v.wanted = RegionFor(doc.result, v.source, v.channel,
                         Region{int(m.x0), int(m.y0), int(m.x1), int(m.y1)}, v.zoom);
    DrawGridAndValues(dl, m, plane, W, colouring);
  }
  dl->PopClipRect();
  if (hovered) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int px = int(std::floor((mouse.x - m.ox) / v.zoom));
    const int py = int(std::floor((mouse.y - m.oy) / v.zoom));
    if (px >= 0 && py >= 0 && px < W && py < H) {
      ImGui::SetTooltip("x %d, y %d: %.6g", px, py, double(plane[int64_t(py) * W + px]));
    }
  }
  EndTextCapture(ctx);
  ImGui::End();
}

}  // namespace sepconv::app
