// The coloured display copies the renderer uploads: plain bytes, no GL (display_tiles.h
// makes them on the workers).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace sepconv::app {

// One picture and its mipmap levels, level 0 first, each w x h RGBA8 (row-major).
struct RgbaMips {
  std::vector<int> widths, heights;
  std::vector<std::vector<uint8_t>> levels;
  int width() const { return widths.empty() ? 0 : widths[0]; }
  int height() const { return heights.empty() ? 0 : heights[0]; }
  int64_t bytes() const;
};

// Every shown channel of a result's tensors (indexed by TensorSource), coloured with
// the robust range or not, for the result of job `generation`.
struct DisplayTiles {
  uint64_t generation = 0;
  bool robust = true;
  std::array<std::vector<RgbaMips>, 5> sets;  // kTensorSources (compute.h)
};

}  // namespace sepconv::app
