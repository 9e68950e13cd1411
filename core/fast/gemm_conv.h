// Fast conv2d as GEMM: pointwise (1x1) reads the input planes directly as B; other layers
// (standard, grouped, strided, padded) read shifted input rows in place where the taps
// allow it and build im2col blocks elsewhere.
#pragma once

#include <vector>

#include "conv_params.h"
#include "fast/isa.h"
#include "op_counts.h"
#include "run_control.h"
#include "tensor.h"

namespace sepconv::fast {

// Weights of output channels [o0, o0 + rows) as GEMM A, in blocks of `mr` rows stored
// [k x mr] (zero-padded), k ordered (input channel, ky, kx); flipped if asked.
std::vector<float> pack_gemm_weights(const Tensor& weights, const ConvParams& p, int o0, int rows,
                                     int mr);
// Bias of output channels [o0, o0 + rows) padded to a multiple of mr (empty without bias).
std::vector<float> pack_gemm_bias(const std::vector<float>& bias, int o0, int rows, int mr);

// 1x1, stride 1, no padding, one group.
bool is_plain_pointwise(const ConvParams& p);

// `out` must already have the output shape. Adds to *counts when non-null.
void gemm_conv(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
               const ConvParams& p, Tensor& out, const KernelSetup& setup, OpCounts* counts,
               const RunControl* control);

}  // namespace sepconv::fast
