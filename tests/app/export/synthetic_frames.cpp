// The export tests' synthetic frames and error measures; see synthetic_frames.h.
#include "synthetic_frames.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>

namespace sepconv::testing {

std::vector<uint8_t> MovingSquareFrame(int width, int height, int i, int count) {
  std::vector<uint8_t> px(static_cast<size_t>(width) * height * 4);
  // Five anchors of a viridis-like map, interpolated across the width.
  static const float anchors[5][3] = {
      {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
  const int side = height / 4;
  const double t = count > 1 ? static_cast<double>(i) / (count - 1) : 0.0;
  const int sx = static_cast<int>(width / 8 + t * (width * 5 / 8 - width / 8));
  const int sy = height / 2 - side / 2;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      uint8_t* p = &px[(static_cast<size_t>(y) * width + x) * 4];
      const double u = 4.0 * x / std::max(1, width - 1);
      const int a = std::min(3, static_cast<int>(u));
      const double f = u - a;
      const double shade = 0.75 + 0.25 * y / std::max(1, height - 1);
      for (int c = 0; c < 3; ++c) {
        p[c] = static_cast<uint8_t>(
            std::lround(shade * ((1 - f) * anchors[a][c] + f * anchors[a + 1][c])));
      }
      p[3] = 255;
      const bool inside = x >= sx && x < sx + side && y >= sy && y < sy + side;
      const bool border =
          inside && (x < sx + 3 || x >= sx + side - 3 || y < sy + 3 || y >= sy + side - 3);
      if (inside) p[0] = p[1] = p[2] = border ? 20 : 240;
    }
  }
  return px;
}

std::vector<uint8_t> NoiseFrame(int width, int height, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> px(static_cast<size_t>(width) * height * 4);
  for (auto& v : px) v = static_cast<uint8_t>(rng());
  return px;
}

std::array<double, 3> MeanAbsError(const std::vector<uint8_t>& rgb,
                                   const std::vector<uint8_t>& rgba, int width, int height, int x0,
                                   int y0, int x1, int y1) {
  if (x1 < 0) x1 = width;
  if (y1 < 0) y1 = height;
  std::array<double, 3> sum{0, 0, 0};
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const size_t i = static_cast<size_t>(y) * width + x;
      for (int c = 0; c < 3; ++c) sum[c] += std::abs(int(rgb[i * 3 + c]) - int(rgba[i * 4 + c]));
    }
  }
  const double n = static_cast<double>(x1 - x0) * (y1 - y0);
  for (auto& s : sum) s /= n;
  return sum;
}

double MeanAbsDifference(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  double sum = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) sum += std::abs(int(a[i]) - int(b[i]));
  return a.empty() ? 0.0 : sum / a.size();
}

}  // namespace sepconv::testing
