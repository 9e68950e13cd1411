// Crops and visible channels for the animation.
#include "animation/animation_crop.h"

#include <algorithm>

namespace sepconv::app {

Crop OutputCrop(const Shape3& out, int oy, int ox, int tile) {
  tile = std::max(tile, 1);
  Crop c;
  c.x0 = std::min(ox / tile * tile, std::max(out.w - tile, 0));
  c.y0 = std::min(oy / tile * tile, std::max(out.h - tile, 0));
  c.x1 = std::min(c.x0 + tile, out.w);
  c.y1 = std::min(c.y0 + tile, out.h);
  return c;
}

Crop InputCropFor(const ConvParams& p, const Crop& o) {
  Crop c;
  c.x0 = o.x0 * p.stride_w - p.padding.left;
  c.y0 = o.y0 * p.stride_h - p.padding.top;
  c.x1 = (o.x1 - 1) * p.stride_w - p.padding.left + p.dilation_w * (p.kernel_w - 1) + 1;
  c.y1 = (o.y1 - 1) * p.stride_h - p.padding.top + p.dilation_h * (p.kernel_h - 1) + 1;
  return c;
}

std::vector<int> VisibleChannels(int count, int active, int cap) {
  std::vector<int> v;
  if (count <= cap) {
    for (int i = 0; i < count; ++i) v.push_back(i);
    return v;
  }
  for (int i : {0, 1, active - 1, active, active + 1, count - 1})
    if (i >= 0 && i < count) v.push_back(i);
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace sepconv::app
