// The algorithm of one value of each pass of the spatially separable layer, written
// once and shared, as output_value.h is for conv2d: the layer calls these for every
// value, the trace calls them with a recorder, so the animation of the two passes shows
// exactly the products the layer made.
#pragma once

#include "conv_params.h"
#include "reference/output_value.h"
#include "reference/padded_input.h"
#include "tensor.h"

namespace sepconv::reference {

// Column-pass value of output channel oc on output row oy, down padded-input column xp
// (0 is the padded input's first column, input column -padding.left): the Kh x 1 column
// kernel [C, 1, Kh, 1] with the vertical stride, dilation and padding. Calls visit(tap)
// after each product; tap.ix is the input column (xp - padding.left).
template <class Visitor>
float compute_column_value(const Tensor& input, const Tensor& columns, const ConvParams& p, int oc,
                           int oy, int xp, Visitor&& visit) {
  const int ic = oc / (p.out_channels / p.in_channels);
  const int kh = p.kernel_h;
  const int ix = xp - p.padding.left;
  float sum = 0.0f;
  for (int ky = 0; ky < kh; ++ky) {
    const int iy = oy * p.stride_h - p.padding.top + ky * p.dilation_h;
    bool padded = false;
    const float x = padded_value(input, ic, iy, ix, p.pad_mode, &padded);
    // True convolution rotates the kernel by 180 degrees: flip the column and the row.
    const int wy = p.flip_kernel ? kh - 1 - ky : ky;
    const float w = columns.at(oc, 0, wy, 0);
    const float product = x * w;
    sum += product;
    visit(Tap{ic, wy, 0, iy, ix, padded, x, w, product, sum});
  }
  return sum;
}

// Row-pass value: output (oc, oy, ox) from Kw column-pass values of row oy, read through
// column_value(xp), with the horizontal stride and dilation, plus the bias. Calls
// visit(tap) after each product; tap.in_channel is oc (the column pass's channel),
// tap.iy is oy and tap.ix the input column of the value read.
template <class ColumnValue, class Visitor>
float compute_row_value(ColumnValue&& column_value, const Tensor& rows,
                        const std::vector<float>& bias, const ConvParams& p, int oc, int oy, int ox,
                        Visitor&& visit) {
  const int kw = p.kernel_w;
  float sum = bias.empty() ? 0.0f : bias[static_cast<size_t>(oc)];
  for (int kx = 0; kx < kw; ++kx) {
    const int xp = ox * p.stride_w + kx * p.dilation_w;
    const int wx = p.flip_kernel ? kw - 1 - kx : kx;
    const float x = column_value(xp);
    const float w = rows.at(oc, 0, 0, wx);
    const float product = x * w;
    sum += product;
    visit(Tap{oc, 0, wx, oy, xp - p.padding.left, false, x, w, product, sum});
  }
  return sum;
}

}  // namespace sepconv::reference
