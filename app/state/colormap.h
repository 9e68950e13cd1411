// The two colour maps, defined once: the renderer uploads these stops to its shader
// and the views draw legends from them, so a legend always matches the tiles.
#pragma once

#include <algorithm>
#include <array>

namespace sepconv::app {

struct Rgb {
  float r, g, b;
};

constexpr int kColourStops = 5;
// Sequential, for image data in [0,1]: dark violet to yellow (viridis-like), readable in
// grey for colour-blind students because lightness increases monotonically.
constexpr std::array<Rgb, kColourStops> kSequentialStops{{{0.267f, 0.005f, 0.329f},
                                                          {0.229f, 0.322f, 0.546f},
                                                          {0.128f, 0.567f, 0.551f},
                                                          {0.369f, 0.789f, 0.383f},
                                                          {0.993f, 0.906f, 0.144f}}};
// Diverging, for signed values: blue negative, white zero, red positive.
constexpr std::array<Rgb, kColourStops> kDivergingStops{{{0.129f, 0.400f, 0.674f},
                                                         {0.573f, 0.773f, 0.871f},
                                                         {0.969f, 0.969f, 0.969f},
                                                         {0.957f, 0.647f, 0.510f},
                                                         {0.698f, 0.094f, 0.169f}}};

// t in [0,1] -> colour, piecewise linear between the stops (the shader does the same).
inline Rgb SampleStops(const std::array<Rgb, kColourStops>& stops, float t) {
  t = std::clamp(t, 0.0f, 1.0f) * (kColourStops - 1);
  const int i = std::min(static_cast<int>(t), kColourStops - 2);
  const float f = t - static_cast<float>(i);
  const Rgb a = stops[static_cast<size_t>(i)], b = stops[static_cast<size_t>(i + 1)];
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

}  // namespace sepconv::app
