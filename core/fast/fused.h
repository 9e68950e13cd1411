// Fused depthwise + pointwise: for each band of output rows and column segment, the
// depthwise rows of every channel go into an L2-sized block that the GEMM consumes at once,
// so the intermediate tensor never reaches memory.
#pragma once

#include <vector>

#include "conv_params.h"
#include "fast/isa.h"
#include "op_counts.h"
#include "run_control.h"
#include "tensor.h"

namespace sepconv::fast {

// dw must be depthwise and pw a plain pointwise layer over its output.
bool can_fuse(const ConvParams& dw, const ConvParams& pw);

// `out` must already have the pointwise output shape.
void fused_separable(const Tensor& input, const Tensor& dw_weights,
                     const std::vector<float>& dw_bias, const Tensor& pw_weights,
                     const std::vector<float>& pw_bias, const ConvParams& dw, const ConvParams& pw,
                     Tensor& out, const KernelSetup& setup, OpCounts* dw_counts,
                     OpCounts* pw_counts, const RunControl* control);

}  // namespace sepconv::fast
