// Tracing one output value by running the engine's own per-output algorithm.
#include "trace.h"

#include "error.h"
#include "reference/conv2d.h"
#include "reference/spatial_value.h"

namespace sepconv {

int64_t mults_before_output(const ConvParams& p, const Shape3& out, int oc, int oy, int ox) {
  const int64_t index = (static_cast<int64_t>(oc) * out.h + oy) * out.w + ox;
  return index * p.taps();
}

OutputTrace trace_output(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                         const ConvParams& p, int oc, int oy, int ox) {
  const Shape3 out = output_shape(p, input.dim(1), input.dim(2));
  reference::check_shapes(input, weights, bias, p);
  if (oc < 0 || oc >= out.c || oy < 0 || oy >= out.h || ox < 0 || ox >= out.w) {
    throw Error(ErrorKind::InvalidParameter, "trace position (" + std::to_string(oc) + ", " +
                                                 std::to_string(oy) + ", " + std::to_string(ox) +
                                                 ") is outside the output " +
                                                 shape_to_string({out.c, out.h, out.w}));
  }
  OutputTrace t;
  t.out_channel = oc;
  t.y = oy;
  t.x = ox;
  t.bias = bias.empty() ? 0.0f : bias[static_cast<size_t>(oc)];
  t.mults_before = mults_before_output(p, out, oc, oy, ox);
  t.mults_total = out.size() * p.taps();
  t.steps.reserve(static_cast<size_t>(p.taps()));
  int64_t count = t.mults_before;
  t.value = reference::compute_output_value(input, weights, bias, p, oc, oy, ox,
                                            [&](const reference::Tap& tap) {
                                              t.steps.push_back(TraceStep{tap, ++count});
                                            });
  return t;
}

namespace {
void check_spatial_position(const ConvParams& p, const Shape3& out, int oc, int oy) {
  if (oc < 0 || oc >= out.c || oy < 0 || oy >= out.h || p.in_channels <= 0 ||
      p.out_channels % p.in_channels != 0) {
    throw Error(ErrorKind::InvalidParameter,
                "spatial trace position (" + std::to_string(oc) + ", " + std::to_string(oy) +
                    ") is outside the output " + shape_to_string({out.c, out.h, out.w}));
  }
}
}  // namespace

SpatialTrace trace_spatial_column(const Tensor& input, const Tensor& columns, const ConvParams& p,
                                  int oc, int oy, int xp) {
  check_spatial_position(p, output_shape(p, input.dim(1), input.dim(2)), oc, oy);
  const int padded_w = input.dim(2) + p.padding.left + p.padding.right;
  if (xp < 0 || xp >= padded_w) {
    throw Error(ErrorKind::InvalidParameter, "spatial trace column " + std::to_string(xp) +
                                                 " is outside the padded input width " +
                                                 std::to_string(padded_w));
  }
  SpatialTrace t;
  t.channel = oc;
  t.y = oy;
  t.x = xp;
  t.value = reference::compute_column_value(
      input, columns, p, oc, oy, xp, [&](const reference::Tap& tap) { t.steps.push_back(tap); });
  return t;
}

SpatialTrace trace_spatial_output(const Tensor& input, const Tensor& columns, const Tensor& rows,
                                  const std::vector<float>& bias, const ConvParams& p, int oc,
                                  int oy, int ox) {
  const Shape3 out = output_shape(p, input.dim(1), input.dim(2));
  check_spatial_position(p, out, oc, oy);
  if (ox < 0 || ox >= out.w) {
    throw Error(ErrorKind::InvalidParameter, "spatial trace column " + std::to_string(ox) +
                                                 " is outside the output width " +
                                                 std::to_string(out.w));
  }
  SpatialTrace t;
  t.row_pass = true;
  t.channel = oc;
  t.y = oy;
  t.x = ox;
  const auto column_value = [&](int xp) {
    return reference::compute_column_value(input, columns, p, oc, oy, xp,
                                           [](const reference::Tap&) {});
  };
  t.value =
      reference::compute_row_value(column_value, rows, bias, p, oc, oy, ox,
                                   [&](const reference::Tap& tap) { t.steps.push_back(tap); });
  return t;
}

}  // namespace sepconv
