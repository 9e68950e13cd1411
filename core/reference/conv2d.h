// The reference engine: plain nested loops a student can read, and the oracle every
// fast kernel is tested against. Single-threaded on purpose.
#pragma once

#include <vector>

#include "conv_params.h"
#include "op_counts.h"
#include "run_control.h"
#include "tensor.h"

namespace sepconv::reference {

// conv2d with groups on a CHW input. Covers standard (groups = 1), grouped,
// depthwise (groups = in_channels, out_channels = K * in_channels) and pointwise
// (1x1). Outputs are produced in the order channel, row, column; each output value
// is the sum over its taps in the order input channel, kernel row, kernel column.
// `bias` is empty or has out_channels values. Throws Error on mismatched shapes.
Tensor conv2d(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
              const ConvParams& p, OpCounts* counts = nullptr, const RunControl* control = nullptr);

// Checks that input, weights and bias fit the parameters; throws Error naming both shapes.
void check_shapes(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                  const ConvParams& p);

}  // namespace sepconv::reference
