// One fast-vs-reference comparison of a conv2d layer (values and counts), shared by
// the depthwise, pointwise and im2col tests.
#pragma once

#include <random>

#include "conv_params.h"
#include "fast/isa.h"

namespace sepconv::fast::testing {

// Builds seeded random input/weights/bias for `p` on an h x w input, runs the fast
// engine with `isa` and `threads` and the reference, and expects them to agree.
// `expected_kernel` is a substring the reported kernel name must contain. `stream`
// forces the streaming-store output path that normally only large outputs take.
void check_conv_case(const ConvParams& p, int h, int w, const IsaKernels& isa, int threads,
                     std::mt19937& rng, const char* expected_kernel, bool stream = false);

}  // namespace sepconv::fast::testing
