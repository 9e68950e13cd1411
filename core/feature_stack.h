// Builds an M-channel input from an image for any M in 1..256, so the lesson can use
// realistic channel counts on a real picture.
//
// The recipe (deterministic, no randomness):
//  - M equal to the image's channels: the image as is.
//  - M = 1 from a colour image: luminance 0.299 R + 0.587 G + 0.114 B.
//  - M below the image's channels otherwise: its first M channels.
//  - M above: the image's channels, then derived maps of each source channel, in
//    rounds. Each round walks the scales sigma = 1, 2, 4 and, for each scale, each
//    source channel. Round 0 adds "blur" (Gaussian) and "laplacian", then 8 "edge"
//    maps (first derivative of the Gaussian, steered to 0, 22.5, ..., 157.5 degrees)
//    and 8 "ridge" maps (second derivative, same angles). Later rounds add edge and
//    ridge maps at angles shifted by a fraction of 22.5 degrees (1/2, 1/4, 3/4, ...).
//    Derivative maps are scale-normalised (times sigma, or sigma^2) and signed.
// Borders replicate the edge pixel.
#pragma once

#include <string>
#include <vector>

#include "run_control.h"
#include "tensor.h"

namespace sepconv {

constexpr int kMaxFeatureChannels = 256;

struct FeatureStack {
  Tensor maps;                     // [M, H, W]
  std::vector<std::string> names;  // one per channel, e.g. "edge 45° σ2 (G)"
};

// Names of the M channels the recipe produces for an image with `image_channels`.
std::vector<std::string> feature_names(int image_channels, int m);

// The most H x W float planes make_feature_stack holds besides its output: the filter
// responses of the (channel, scale) pairs still to be read (for the memory estimate).
int feature_stack_scratch_planes(int image_channels, int m);

// Throws Error(InvalidParameter) when M is outside 1..256.
FeatureStack make_feature_stack(const Tensor& image, int m, const RunControl* control = nullptr);

}  // namespace sepconv
