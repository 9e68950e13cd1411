// Estimating the memory a layer needs before computing it, so work that would not
// fit is refused with the numbers instead of crashing the machine.
#pragma once

#include <cstdint>
#include <string>

#include "conv_params.h"

namespace sepconv {

// Bytes of float32 tensors alive at once when computing every path of `spec` on an
// H x W image with `image_channels`: image, M-channel input, weights of all paths,
// the depthwise intermediate and the standard and separable outputs.
int64_t estimate_layer_bytes(const LayerSpec& spec, int image_channels, int in_h, int in_w);

// The default budget: half of physical memory, at most 16 GiB.
int64_t default_memory_budget();

// Throws Error(OutOfBudget) with both numbers in MiB when `bytes` > `budget`.
void check_memory_budget(int64_t bytes, int64_t budget, const std::string& what);

// "1.5 GiB", "730 MiB", "12 KiB".
std::string format_bytes(int64_t bytes);

}  // namespace sepconv
