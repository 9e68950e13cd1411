// Generates the bundled sample images in assets/ from code, so the project ships no
// third-party pictures: a colour test card, a shapes scene and a tiny image whose
// pixels are large enough to follow the kernel by eye. Run: sepconv-make-samples DIR
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>

#include "image_io.h"
#include "tensor.h"

namespace {

constexpr float kPi = 3.14159265f;

struct Rgb {
  float r, g, b;
};

Rgb mix(Rgb a, Rgb b, float t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

Rgb hue(float h) {  // h in [0,1): a saturated colour wheel
  const float r = std::clamp(std::fabs(h * 6 - 3) - 1, 0.0f, 1.0f);
  const float g = std::clamp(2 - std::fabs(h * 6 - 2), 0.0f, 1.0f);
  const float b = std::clamp(2 - std::fabs(h * 6 - 4), 0.0f, 1.0f);
  return {r, g, b};
}

// Distance from p to the segment a-b.
float segment_distance(float px, float py, float ax, float ay, float bx, float by) {
  const float dx = bx - ax, dy = by - ay;
  const float t = std::clamp(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0.0f, 1.0f);
  return std::hypot(px - ax - t * dx, py - ay - t * dy);
}

// Strokes of "SEP CONV" on a 3 x 5 grid per letter (x0, y0, x1, y1 in grid units).
struct Stroke {
  float x0, y0, x1, y1;
};
const std::vector<std::vector<Stroke>>& letters() {
  static const std::vector<std::vector<Stroke>> l = {
      {{2, 0, 0, 0}, {0, 0, 0, 2}, {0, 2, 2, 2}, {2, 2, 2, 4}, {2, 4, 0, 4}},  // S
      {{2, 0, 0, 0}, {0, 0, 0, 4}, {0, 4, 2, 4}, {0, 2, 1.5f, 2}},             // E
      {{0, 4, 0, 0}, {0, 0, 2, 0}, {2, 0, 2, 2}, {2, 2, 0, 2}},                // P
      {},                                                                      // space
      {{2, 0, 0, 0}, {0, 0, 0, 4}, {0, 4, 2, 4}},                              // C
      {{0, 0, 2, 0}, {2, 0, 2, 4}, {2, 4, 0, 4}, {0, 4, 0, 0}},                // O
      {{0, 4, 0, 0}, {0, 0, 2, 4}, {2, 4, 2, 0}},                              // N
      {{0, 0, 1, 4}, {1, 4, 2, 0}},                                            // V
  };
  return l;
}

using Shader = std::function<Rgb(float x, float y)>;

// Renders with 3x3 supersampling so edges are smooth at every orientation.
sepconv::Tensor render(int w, int h, const Shader& shade) {
  sepconv::Tensor t({3, h, w});
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      Rgb sum{0, 0, 0};
      for (int sy = 0; sy < 3; ++sy)
        for (int sx = 0; sx < 3; ++sx) {
          const Rgb c = shade(x + (sx + 0.5f) / 3, y + (sy + 0.5f) / 3);
          sum = {sum.r + c.r, sum.g + c.g, sum.b + c.b};
        }
      t.at(0, y, x) = sum.r / 9;
      t.at(1, y, x) = sum.g / 9;
      t.at(2, y, x) = sum.b / 9;
    }
  return t;
}

Rgb test_card(float x, float y) {
  const float w = 640, h = 480;
  // Background: a diagonal gradient from deep blue to warm grey.
  Rgb c = mix({0.10f, 0.15f, 0.35f}, {0.75f, 0.70f, 0.62f}, (x / w + y / h) / 2);
  // Top band: colour bars.
  if (y < 60) c = hue(std::floor(x / (w / 8)) / 8);
  // Bottom band: horizontal grey ramp, then a hue ramp.
  if (y >= h - 60 && y < h - 30) c = mix({0, 0, 0}, {1, 1, 1}, x / w);
  if (y >= h - 30) c = hue(x / w);
  // Siemens star: edges at every orientation, with a fine centre.
  const float sx = 170, sy = 230, r = std::hypot(x - sx, y - sy);
  if (r < 120) {
    const float a = std::atan2(y - sy, x - sx);
    const bool on = std::sin(a * 16) > 0;
    c = on ? Rgb{0.95f, 0.95f, 0.92f} : Rgb{0.08f, 0.08f, 0.10f};
    if (r < 118 && r > 112) c = {0.9f, 0.2f, 0.2f};
  }
  // Checkerboard block: straight edges in x and y.
  if (x > 330 && x < 450 && y > 90 && y < 210) {
    const bool on = (static_cast<int>((x - 330) / 15) + static_cast<int>((y - 90) / 15)) % 2;
    c = on ? Rgb{0.95f, 0.85f, 0.1f} : Rgb{0.1f, 0.3f, 0.8f};
  }
  // A green disc with a red square inside: curved and straight edges, colour contrast.
  const float dx = x - 540, dy = y - 150;
  if (dx * dx + dy * dy < 60 * 60) c = {0.15f, 0.7f, 0.3f};
  if (std::fabs(dx) < 25 && std::fabs(dy) < 25) c = {0.85f, 0.15f, 0.15f};
  // Text-like strokes.
  float best = 1e9f;
  float ox = 330;
  for (const auto& letter : letters()) {
    for (const Stroke& s : letter)
      best = std::min(best, segment_distance(x, y, ox + s.x0 * 12, 260 + s.y0 * 15, ox + s.x1 * 12,
                                             260 + s.y1 * 15));
    ox += 36;
  }
  if (best < 3.5f) c = {0.98f, 0.98f, 0.98f};
  // Thin diagonal lines of decreasing width.
  for (int i = 0; i < 5; ++i) {
    const float d = segment_distance(x, y, 330 + i * 60, 410, 370 + i * 60, 340);
    if (d < 0.5f + i * 0.6f) c = {0.05f, 0.05f, 0.05f};
  }
  return c;
}

Rgb shapes(float x, float y) {
  const float w = 320, h = 240;
  Rgb c = mix({0.95f, 0.92f, 0.85f}, {0.55f, 0.75f, 0.9f}, y / h);
  if (y > h * 0.75f)
    c = mix({0.3f, 0.55f, 0.25f}, {0.2f, 0.4f, 0.15f}, (y - h * 0.75f) / (h * 0.25f));
  // Sun.
  if (std::hypot(x - 255, y - 55) < 28) c = {1.0f, 0.8f, 0.2f};
  // House: a wall and a triangular roof.
  if (x > 60 && x < 150 && y > 110 && y < 185) c = {0.85f, 0.45f, 0.3f};
  if (y <= 110 && y > 60 && std::fabs(x - 105) < (y - 60) * 1.1f) c = {0.45f, 0.2f, 0.2f};
  if (x > 92 && x < 118 && y > 140 && y < 185) c = {0.3f, 0.2f, 0.15f};
  if (x > 70 && x < 86 && y > 122 && y < 138) c = {0.7f, 0.85f, 1.0f};
  // Tree.
  if (x > 205 && x < 215 && y > 140 && y < 190) c = {0.4f, 0.25f, 0.1f};
  if (std::hypot(x - 210, y - 125) < 28) c = {0.15f, 0.5f, 0.2f};
  // Diagonal fence posts.
  for (int i = 0; i < 6; ++i)
    if (segment_distance(x, y, 10 + i * 8, 200, 18 + i * 8, 170) < 1.5f) c = {0.9f, 0.9f, 0.85f};
  (void)w;
  return c;
}

Rgb tiny(float x, float y) {
  // 32 x 24: a bright square, a diagonal edge and a dot, big enough to see each pixel.
  Rgb c = mix({0.1f, 0.1f, 0.2f}, {0.3f, 0.3f, 0.5f}, x / 32);
  if (x > 4 && x < 12 && y > 4 && y < 12) c = {0.95f, 0.9f, 0.3f};
  if (x + y > 34 && x < 30) c = {0.2f, 0.7f, 0.9f};
  if (std::hypot(x - 24, y - 7) < 3.2f) c = {0.9f, 0.2f, 0.3f};
  (void)kPi;
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: sepconv-make-samples OUTPUT_FOLDER\n";
    return 2;
  }
  const std::filesystem::path dir(argv[1]);
  try {
    sepconv::write_png((dir / "test_card.png").string(), render(640, 480, test_card));
    sepconv::write_png((dir / "shapes.png").string(), render(320, 240, shapes));
    sepconv::write_png((dir / "tiny.png").string(), render(32, 24, tiny));
  } catch (const std::exception& e) {
    std::cerr << "sepconv-make-samples: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
