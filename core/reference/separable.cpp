// Depthwise-separable and spatially separable convolution from reference conv2d.
#include "reference/separable.h"

#include "error.h"
#include "reference/conv2d.h"

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

Tensor spatially_separable(const Tensor& input, const std::vector<float>& column,
                           const std::vector<float>& row, const ConvParams& p, OpCounts* counts) {
  if (static_cast<int>(column.size()) != p.kernel_h || static_cast<int>(row.size()) != p.kernel_w) {
    throw Error(ErrorKind::InvalidParameter, "spatially separable kernel needs a column of " +
                                                 std::to_string(p.kernel_h) + " and a row of " +
                                                 std::to_string(p.kernel_w) + " values");
  }
  if (p.groups != p.in_channels || p.out_channels != p.in_channels) {
    throw Error(ErrorKind::InvalidParameter,
                "spatially separable convolution works per channel: groups and output "
                "channels must equal the input channels");
  }
  const int c = p.in_channels;
  // Pass 1: the column kernel moves down rows only (vertical stride, padding, dilation).
  ConvParams col = p;
  col.kernel_w = 1;
  col.stride_w = 1;
  col.dilation_w = 1;
  col.padding.left = col.padding.right = 0;
  col.has_bias = false;
  // Pass 2: the row kernel moves along columns only.
  ConvParams rowp = p;
  rowp.kernel_h = 1;
  rowp.stride_h = 1;
  rowp.dilation_h = 1;
  rowp.padding.top = rowp.padding.bottom = 0;
  rowp.has_bias = false;
  Tensor wc({c, 1, p.kernel_h, 1}), wr({c, 1, 1, p.kernel_w});
  for (int ch = 0; ch < c; ++ch) {
    for (int k = 0; k < p.kernel_h; ++k) wc.at(ch, 0, k, 0) = column[static_cast<size_t>(k)];
    for (int k = 0; k < p.kernel_w; ++k) wr.at(ch, 0, 0, k) = row[static_cast<size_t>(k)];
  }
  const Tensor tmp = conv2d(input, wc, {}, col, counts);
  return conv2d(tmp, wr, {}, rowp, counts);
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
