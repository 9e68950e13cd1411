// Display copies coloured on a worker: RGBA8 pictures with their whole mipmap chain, so
// the renderer only copies bytes to the GPU (a GPU colour pass per tile took most of a
// 150 ms frame under Mesa's software rasteriser while the layer computed).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "state/compute.h"
#include "state/display_types.h"

namespace sepconv::app {

// Level 0 from `rgba` (w x h), then halving by 2 x 2 averages down to 1 x 1.
RgbaMips WithMipmaps(int w, int h, std::vector<uint8_t> rgba);

// One plane through a channel colouring (the legend's colour map, as the viewer's
// shader does).
RgbaMips ColourPlane(const float* plane, int w, int h, const ChannelColouring& colouring);

// The loaded image's overview [1 or 3, H, W] as the eye sees it (grey or RGB).
RgbaMips CompositeImage(const Tensor& chw);

// Every shown channel of a result's tensors, coloured with the robust range or not.
std::shared_ptr<const DisplayTiles> MakeDisplayTiles(const JobResult& result, bool robust);

}  // namespace sepconv::app
