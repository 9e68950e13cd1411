// Draws the SepConv Lab icon from code, as the sample images are: three channel planes
// stacked in depth with a 3 x 3 kernel window on the front one. Run: sepconv-make-icon SIZE OUT.png
//
// The picture is laid out on a 16 x 16 grid so that every edge falls on a pixel boundary
// at each hicolor size (16, 32, 48, 64, 128, 256): the 16 px icon is drawn pixel for pixel,
// and the larger ones add plane outlines and lines between the kernel's taps.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include "image_io.h"
#include "tensor.h"

namespace {

struct Rgba {
  float r, g, b, a;
};

// An axis-aligned rectangle, right and bottom edges excluded.
struct Box {
  float x0, y0, x1, y1;
};

bool inside(const Box& b, float x, float y) {
  return x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1;
}

// Inside `b` with its corners rounded to radius `r`.
bool inside_rounded(const Box& b, float r, float x, float y) {
  if (!inside(b, x, y)) return false;
  const float cx = std::clamp(x, b.x0 + r, b.x1 - r);
  const float cy = std::clamp(y, b.y0 + r, b.y1 - r);
  return std::hypot(x - cx, y - cy) <= r;
}

// Widths in pixels, whole so that lines stay sharp: the plane outlines, and the kernel
// window's frame, taps and lines between taps, which fill the window exactly.
struct Strokes {
  int outline = 0, frame = 1, tap = 1, line = 0;
};

Strokes strokes_for(int size) {
  const int window = size * 5 / 16;    // the window is 5 grid units wide
  if (size < 32) return {0, 1, 1, 0};  // 16 px: a 1 px frame around 3 x 3 one-pixel taps
  Strokes best;
  float best_cost = 1e9f;
  for (int frame = 1; frame < window / 4; ++frame)
    for (int line = 1; line < window / 8 + 2; ++line) {
      const int taps = window - 2 * frame - 2 * line;
      if (taps < 3 || taps % 3 != 0) continue;
      const float cost = std::fabs(frame - 0.12f * window) + 2 * std::fabs(line - window / 32.0f);
      if (cost < best_cost) best_cost = cost, best = {0, frame, taps / 3, line};
    }
  best.outline = std::max(1, static_cast<int>(std::lround(size / 40.0)));
  return best;
}

// What the icon shows at one point, in pixels from the top left; `u` pixels per grid unit.
Rgba shade(float x, float y, float u, const Strokes& s) {
  const float corner = s.outline > 0 ? 0.6f * u : 0;
  const float outline = static_cast<float>(s.outline);
  // Back to front: the planes of a 3-channel feature map, seen from the front and offset
  // so that each one shows along the top and right of the one before it.
  const Box planes[3] = {{6, 0, 16, 10}, {3, 3, 13, 13}, {0, 6, 10, 16}};
  const Rgba colours[3] = {
      {0.22f, 0.42f, 0.92f, 1}, {0.16f, 0.70f, 0.40f, 1}, {0.93f, 0.33f, 0.22f, 1}};
  const Rgba edge{0.10f, 0.11f, 0.16f, 1};
  Rgba c{0, 0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    const Box p{planes[i].x0 * u, planes[i].y0 * u, planes[i].x1 * u, planes[i].y1 * u};
    if (!inside_rounded(p, corner, x, y)) continue;
    const Box fill{p.x0 + outline, p.y0 + outline, p.x1 - outline, p.y1 - outline};
    c = inside_rounded(fill, std::max(corner - outline, 0.0f), x, y) ? colours[i] : edge;
  }
  // The depthwise kernel window on the front plane: a white frame around 3 x 3 taps.
  const Box window{1 * u, 7 * u, 6 * u, 12 * u};
  if (!inside(window, x, y)) return c;
  const float tx = x - window.x0 - s.frame, ty = y - window.y0 - s.frame;
  const float pitch = static_cast<float>(s.tap + s.line), span = 3.0f * s.tap + 2.0f * s.line;
  if (tx < 0 || ty < 0 || tx >= span || ty >= span) return {1, 1, 1, 1};
  if (std::fmod(tx, pitch) >= s.tap || std::fmod(ty, pitch) >= s.tap)
    return {1, 0.85f, 0.80f, 1};  // between taps
  return {1, 0.62f, 0.52f, 1};    // a tap: the plane's colour, lightened
}

// Averages 4 x 4 samples per pixel; edges on whole pixels stay sharp, curves are smoothed.
sepconv::Tensor render(int size) {
  constexpr int kSub = 4;
  const float u = size / 16.0f;
  const Strokes strokes = strokes_for(size);
  sepconv::Tensor t({4, size, size});
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      float r = 0, g = 0, b = 0, a = 0;
      for (int sy = 0; sy < kSub; ++sy)
        for (int sx = 0; sx < kSub; ++sx) {
          const Rgba c = shade(x + (sx + 0.5f) / kSub, y + (sy + 0.5f) / kSub, u, strokes);
          // Premultiplied, so a transparent sample adds no colour.
          r += c.r * c.a, g += c.g * c.a, b += c.b * c.a, a += c.a;
        }
      const float n = kSub * kSub;
      t.at(0, y, x) = a > 0 ? r / a : 0;
      t.at(1, y, x) = a > 0 ? g / a : 0;
      t.at(2, y, x) = a > 0 ? b / a : 0;
      t.at(3, y, x) = a / n;
    }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const int size = argc == 3 ? std::atoi(argv[1]) : 0;
  if (size < 16 || size > 1024 || size % 16 != 0) {
    std::cerr << "usage: sepconv-make-icon SIZE OUTPUT.png  (SIZE a multiple of 16, 16-1024)\n";
    return 2;
  }
  try {
    sepconv::write_png(argv[2], render(size));
  } catch (const std::exception& e) {
    std::cerr << "sepconv-make-icon: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
