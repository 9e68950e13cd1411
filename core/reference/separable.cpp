// Depthwise-separable convolution from reference conv2d, and the spatially separable
// layer as its own two passes (the column pass computes only what the row pass reads).
#include "reference/separable.h"

#include <algorithm>

#include "error.h"
#include "reference/conv2d.h"
#include "reference/padded_input.h"
#include "reference/spatial_value.h"

namespace sepconv::reference {

SeparableResult separable(const Tensor& input, const Tensor& dw_weights,
                          const std::vector<float>& dw_bias, const Tensor& pw_weights,
                          const std::vector<float>& pw_bias, const ConvParams& dw,
                          const ConvParams& pw, const RunControl* control) {
  SeparableResult r;
  r.intermediate = conv2d(input, dw_weights, dw_bias, dw, &r.depthwise_counts, control);
  r.output = conv2d(r.intermediate, pw_weights, pw_bias, pw, &r.pointwise_counts, control);
  return r;
}

std::vector<int> spatial_read_columns(const ConvParams& p, int in_w) {
  // The width alone decides the columns (output_shape's formula, along x only).
  const int padded_w = in_w + p.padding.left + p.padding.right;
  const int extent = (p.kernel_w - 1) * p.dilation_w + 1;
  const int wo = padded_w >= extent ? (padded_w - extent) / p.stride_w + 1 : 0;
  std::vector<char> read(static_cast<size_t>(std::max(padded_w, 0)), 0);
  for (int ox = 0; ox < wo; ++ox)
    for (int kx = 0; kx < p.kernel_w; ++kx)
      read[static_cast<size_t>(ox * p.stride_w + kx * p.dilation_w)] = 1;
  std::vector<int> columns;
  for (int xp = 0; xp < padded_w; ++xp)
    if (read[static_cast<size_t>(xp)]) columns.push_back(xp);
  return columns;
}

Tensor spatially_separable_layer(const Tensor& input, const Tensor& columns, const Tensor& rows,
                                 const std::vector<float>& bias, const ConvParams& p,
                                 OpCounts* counts, const RunControl* control) {
  const Shape3 out_shape = output_shape(p, input.dim(1), input.dim(2));
  if (p.groups != p.in_channels || p.out_channels % p.in_channels != 0) {
    throw Error(ErrorKind::InvalidParameter,
                "spatially separable convolution works per channel: groups must equal the "
                "input channels and the output channels be a multiple of them");
  }
  const int c = p.out_channels, kh = p.kernel_h, kw = p.kernel_w;
  if (columns.shape() != std::vector<int>{c, 1, kh, 1} ||
      rows.shape() != std::vector<int>{c, 1, 1, kw}) {
    throw Error(ErrorKind::InvalidParameter,
                "spatially separable factors " + columns.shape_string() + " and " +
                    rows.shape_string() + " do not match the layer, expected " +
                    shape_to_string({c, 1, kh, 1}) + " and " + shape_to_string({c, 1, 1, kw}));
  }
  if (input.rank() != 3 || input.dim(0) != p.in_channels) {
    throw Error(ErrorKind::InvalidParameter,
                "input shape " + input.shape_string() +
                    " does not match M = " + std::to_string(p.in_channels) + " channels");
  }
  if (!bias.empty() && static_cast<int>(bias.size()) != c) {
    throw Error(ErrorKind::InvalidParameter, "bias has " + std::to_string(bias.size()) +
                                                 " values, expected " + std::to_string(c));
  }
  const int ho = out_shape.h, wo = out_shape.w;
  const int padded_w = input.dim(2) + p.padding.left + p.padding.right;
  const std::vector<int> read = spatial_read_columns(p, input.dim(2));
  Tensor out({c, ho, wo});
  std::vector<float> column_out(static_cast<size_t>(ho) * padded_w, 0.0f);  // one channel
  OpCounts local;
  const bool has_bias = !bias.empty();
  for (int oc = 0; oc < c; ++oc) {
    // Pass 1: the column kernel down each read column, one value per output row.
    for (int oy = 0; oy < ho; ++oy) {
      if (control) control->check();
      for (int xp : read) {
        column_out[static_cast<size_t>(oy) * padded_w + xp] =
            compute_column_value(input, columns, p, oc, oy, xp, [&](const Tap& tap) {
              ++local.mults;
              if (tap.padded) ++local.padded_mults;
            });
        local.adds += kh - 1;  // Kh products, summed from the first
      }
    }
    // Pass 2: the row kernel along each output row, over the column pass's values.
    for (int oy = 0; oy < ho; ++oy) {
      const float* row_values = column_out.data() + static_cast<size_t>(oy) * padded_w;
      for (int ox = 0; ox < wo; ++ox) {
        out.at(oc, oy, ox) =
            compute_row_value([row_values](int xp) { return row_values[xp]; }, rows, bias, p, oc,
                              oy, ox, [&](const Tap&) { ++local.mults; });
        local.adds += kw - 1 + (has_bias ? 1 : 0);
      }
    }
    if (control) control->report(static_cast<double>(oc + 1) / c);
  }
  if (counts) *counts += local;
  return out;
}

Tensor spatially_separable(const Tensor& input, const std::vector<float>& column,
                           const std::vector<float>& row, const ConvParams& p, OpCounts* counts) {
  if (static_cast<int>(column.size()) != p.kernel_h || static_cast<int>(row.size()) != p.kernel_w) {
    throw Error(ErrorKind::InvalidParameter, "spatially separable kernel needs a column of " +
                                                 std::to_string(p.kernel_h) + " and a row of " +
                                                 std::to_string(p.kernel_w) + " values");
  }
  const int c = p.out_channels;
  Tensor wc({c, 1, p.kernel_h, 1}), wr({c, 1, 1, p.kernel_w});
  for (int ch = 0; ch < c; ++ch) {
    for (int k = 0; k < p.kernel_h; ++k) wc.at(ch, 0, k, 0) = column[static_cast<size_t>(k)];
    for (int k = 0; k < p.kernel_w; ++k) wr.at(ch, 0, 0, k) = row[static_cast<size_t>(k)];
  }
  return spatially_separable_layer(input, wc, wr, {}, p, counts);
}

Tensor compose_separable_weights(const Tensor& dw_weights, const Tensor& pw_weights) {
  if (dw_weights.rank() != 4 || dw_weights.dim(1) != 1 || pw_weights.rank() != 4 ||
      pw_weights.dim(1) != dw_weights.dim(0) || pw_weights.dim(2) != 1 || pw_weights.dim(3) != 1) {
    throw Error(ErrorKind::InvalidParameter,
                "cannot compose depthwise " + dw_weights.shape_string() + " and pointwise " +
                    pw_weights.shape_string() + " weights (need depth multiplier 1)");
  }
  const int m = dw_weights.dim(0), n = pw_weights.dim(0);
  const int kh = dw_weights.dim(2), kw = dw_weights.dim(3);
  Tensor w({n, m, kh, kw});
  for (int o = 0; o < n; ++o)
    for (int i = 0; i < m; ++i)
      for (int y = 0; y < kh; ++y)
        for (int x = 0; x < kw; ++x)
          w.at(o, i, y, x) = pw_weights.at(o, i, 0, 0) * dw_weights.at(i, 0, y, x);
  return w;
}

std::vector<float> compose_separable_bias(const std::vector<float>& dw_bias,
                                          const Tensor& pw_weights,
                                          const std::vector<float>& pw_bias) {
  if (dw_bias.empty() && pw_bias.empty()) return {};
  const int n = pw_weights.dim(0), m = pw_weights.dim(1);
  std::vector<float> b(static_cast<size_t>(n), 0.0f);
  for (int o = 0; o < n; ++o) {
    float s = pw_bias.empty() ? 0.0f : pw_bias[static_cast<size_t>(o)];
    if (!dw_bias.empty())
      for (int i = 0; i < m; ++i) s += pw_weights.at(o, i, 0, 0) * dw_bias[static_cast<size_t>(i)];
    b[static_cast<size_t>(o)] = s;
  }
  return b;
}

}  // namespace sepconv::reference
