// Shrinking images and feature maps by area averaging: the working size of a layer that
// would not fit at full size, and the bounded display copies of every tensor shown.
// Never enlarges: a region smaller than its target is copied at full resolution.
#pragma once

#include <cstdint>

#include "run_control.h"
#include "tensor.h"

namespace sepconv {

struct Size2 {
  int h = 0, w = 0;
  int64_t pixels() const { return static_cast<int64_t>(h) * w; }
};

// The largest size with the aspect of h x w and at most max_pixels pixels (h x w itself
// when it already fits; at least 1 x 1).
Size2 fit_pixels(int h, int w, int64_t max_pixels);
// The same with the long side at most max_side.
Size2 fit_long_side(int h, int w, int max_side);

// How a destination pixel sums up the source pixels it covers: their area average (images:
// a thin line keeps its share of intensity), or the one of largest magnitude, sign kept
// (signed feature maps: an edge response one pixel wide, positive beside negative, would
// average away to nothing in a thumbnail ten times smaller).
enum class Shrink { Average, Peak };

// A source rectangle in pixels, half-open: [x0, x1) x [y0, y1).
struct Region {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
};

// Area average of `region` of one h x w plane into a dh x dw plane (dh <= region height,
// dw <= region width): every source pixel contributes by the fraction of it each
// destination pixel covers, so a thin line keeps its share of intensity.
void downsample_region(const float* plane, int h, int w, const Region& region, float* out, int dh,
                       int dw, Shrink mode = Shrink::Average);

// The first `channels` channels (all when < 0) of a [C, H, W] tensor to
// [channels, dh, dw], on the engine's threads.
Tensor downsample(const Tensor& chw, Size2 to, int threads = 0, const RunControl* control = nullptr,
                  int channels = -1, Shrink mode = Shrink::Average);

}  // namespace sepconv
