// Which part of the tensors the animation shows: a tile of outputs around the current
// one and exactly the input region those outputs read (padding included), so the
// kernel stays visible on images of any size and only that region is drawn.
#pragma once

#include <vector>

#include "conv_params.h"

namespace sepconv::app {

// Half-open rectangle in tensor coordinates; may extend past the tensor into padding.
struct Crop {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
  bool contains(int x, int y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
};

// A tile of at most tile x tile outputs containing (oy, ox); tiles are aligned to
// multiples of `tile` so the crop stays put while the kernel slides inside it.
Crop OutputCrop(const Shape3& out, int oy, int ox, int tile);

// The input cells read by the outputs in `out_crop`, padding included.
Crop InputCropFor(const ConvParams& p, const Crop& out_crop);

// Channel planes to draw when a stack is deeper than `cap`: the first ones, the last
// one and the neighbours of `active`, in order. Gaps between them are drawn as "...".
std::vector<int> VisibleChannels(int count, int active, int cap);

}  // namespace sepconv::app
