// Fast depthwise conv2d (groups = in_channels, any depth multiplier): rows gathered
// with their padding into a per-thread buffer, then one SIMD row kernel per output row.
#pragma once

#include <vector>

#include "conv_params.h"
#include "fast/isa.h"
#include "op_counts.h"
#include "run_control.h"
#include "tensor.h"

namespace sepconv::fast {

// How one padded input row is laid out for the row kernel: split into `stride_w`
// phases so that every tap reads consecutive floats whatever the stride.
struct DwRowLayout {
  int n = 0;           // outputs per row segment
  int count = 0;       // floats gathered per phase
  int phase_len = 0;   // floats per phase including SIMD slack
  int row_floats = 0;  // stride_w * phase_len
  std::vector<int> kx_offsets;
};

DwRowLayout make_dw_row_layout(const ConvParams& p, int n, int vector_floats);

// Gathers input row iy of `plane` for the outputs [ox0, ox0 + layout.n) into dst.
void gather_dw_row(const float* plane, int in_h, int in_w, const ConvParams& p,
                   const DwRowLayout& layout, int iy, int ox0, float* dst);

// Weights [C*K, 1, kh, kw] as kh*kw floats per output channel, flipped if asked.
std::vector<float> pack_dw_weights(const Tensor& weights, const ConvParams& p);

bool is_depthwise(const ConvParams& p);

// Output rows per depthwise row-kernel call (they share their input rows' loads):
// dw_rows_per_call for unit vertical stride and dilation, else one.
inline int dw_group_rows(const ConvParams& p) {
  return p.stride_h == 1 && p.dilation_h == 1 ? dw_rows_per_call(p.kernel_h) : 1;
}

// `out` must already have the output shape. Adds to *counts when non-null.
void depthwise_conv(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                    const ConvParams& p, Tensor& out, const KernelSetup& setup, OpCounts* counts,
                    const RunControl* control);

}  // namespace sepconv::fast
