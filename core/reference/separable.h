// The two kinds of "separable" convolution, built from reference conv2d calls:
// depthwise separable (depthwise then pointwise, across channels) and spatially
// separable (a column kernel then a row kernel, within each channel).
#pragma once

#include <vector>

#include "conv_params.h"
#include "op_counts.h"
#include "run_control.h"
#include "tensor.h"

namespace sepconv::reference {

struct SeparableResult {
  Tensor intermediate;  // the depthwise output, M*K channels
  Tensor output;        // the pointwise output, N channels
  OpCounts depthwise_counts;
  OpCounts pointwise_counts;
};

// dw_weights [M*K, 1, Dk, Dk]; pw_weights [N, M*K, 1, 1].
SeparableResult separable(const Tensor& input, const Tensor& dw_weights,
                          const std::vector<float>& dw_bias, const Tensor& pw_weights,
                          const std::vector<float>& pw_bias, const ConvParams& dw,
                          const ConvParams& pw, const RunControl* control = nullptr);

// The spatially separable layer: a depthwise conv2d `p` (groups = in_channels,
// out_channels = K * in_channels) whose every kernel is the outer product column x row.
// columns [C, 1, Kh, 1] and rows [C, 1, 1, Kw], C = out_channels; bias empty or C values.
// Output channel o reads input channel o / K, as in conv2d.
//  Pass 1 (column): on each of the Ho output rows, the column kernel runs down exactly the
//    padded-input columns the row pass reads ({ox * stride + kx * dilation}, padding
//    columns included: they read the padded value, as conv2d's taps do), with the
//    vertical stride, dilation and padding. Columns no output reads are skipped.
//  Pass 2 (row): each output is the row kernel over Kw of those values, plus the bias.
// The counts are therefore spatial_separable_cost (cost.h) exactly; mults_on_padding are
// the column pass's products that read padding. Equals conv2d with the outer-product
// kernels up to float rounding (another summation order). Throws Error on bad shapes.
Tensor spatially_separable_layer(const Tensor& input, const Tensor& columns, const Tensor& rows,
                                 const std::vector<float>& bias, const ConvParams& p,
                                 OpCounts* counts = nullptr, const RunControl* control = nullptr);

// The padded-input columns the row pass reads, in increasing order: the columns the
// column pass computes on every output row ({ox * stride + kx * dilation}, counted from
// the padded input's first column; spatial_columns_read of them).
std::vector<int> spatial_read_columns(const ConvParams& p, int in_w);

// The same column and row on every channel (e.g. Sobel x = [1 2 1]^T x [-1 0 1]); `p`
// describes the full Kh x Kw layer with groups = in_channels = out_channels.
Tensor spatially_separable(const Tensor& input, const std::vector<float>& column,
                           const std::vector<float>& row, const ConvParams& p,
                           OpCounts* counts = nullptr);

// The standard weights [N, M, Dk, Dk] equal to a separable layer: W[n][m] = P[n][m] * D[m]
// (requires depth multiplier 1). This is the rank-limited kernel the app proves equal.
Tensor compose_separable_weights(const Tensor& dw_weights, const Tensor& pw_weights);

// The standard bias matching a separable layer with biases: b[n] = pb[n] + sum_m P[n][m] db[m].
// Empty when both biases are empty.
std::vector<float> compose_separable_bias(const std::vector<float>& dw_bias,
                                          const Tensor& pw_weights,
                                          const std::vector<float>& pw_bias);

}  // namespace sepconv::reference
