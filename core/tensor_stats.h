// Whole-tensor reductions on the engine's threads, in chunks that check for cancellation:
// on a camera-sized layer each reads hundreds of MB, too long to run without a way out.
// They check control's cancel flag only; progress is the caller's.
#pragma once

#include <utility>

#include "run_control.h"
#include "tensor.h"

namespace sepconv {

// The largest |value| (NaN ignored).
float max_abs(const Tensor& t, int threads = 0, const RunControl* control = nullptr);

// max |a - b| over tensors of the same size (a NaN on either side counts as infinite, so
// "no difference" is never claimed for values that cannot be compared).
double max_abs_difference(const Tensor& a, const Tensor& b, int threads = 0,
                          const RunControl* control = nullptr);

// The smallest and largest value of each channel of a [C, H, W] tensor.
std::pair<std::vector<float>, std::vector<float>> channel_min_max(
    const Tensor& t, int threads = 0, const RunControl* control = nullptr);

}  // namespace sepconv
