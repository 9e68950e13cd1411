// Reference conv2d: the loop over outputs around compute_output_value().
#include "reference/conv2d.h"

#include "error.h"
#include "reference/output_value.h"

namespace sepconv::reference {

void check_shapes(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                  const ConvParams& p) {
  if (input.rank() != 3 || input.dim(0) != p.in_channels) {
    throw Error(ErrorKind::InvalidParameter,
                "input shape " + input.shape_string() + " does not match M = " +
                    std::to_string(p.in_channels) + " channels (expected [M, H, W])");
  }
  const std::vector<int> expected = {p.out_channels, p.in_channels / p.groups, p.kernel_h,
                                     p.kernel_w};
  if (weights.shape() != expected) {
    throw Error(ErrorKind::InvalidParameter, "weights shape " + weights.shape_string() +
                                                 " does not match the layer, expected " +
                                                 shape_to_string(expected));
  }
  if (!bias.empty() && static_cast<int>(bias.size()) != p.out_channels) {
    throw Error(ErrorKind::InvalidParameter, "bias has " + std::to_string(bias.size()) +
                                                 " values, expected " +
                                                 std::to_string(p.out_channels));
  }
}

Tensor conv2d(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
              const ConvParams& p, OpCounts* counts, const RunControl* control) {
  const Shape3 out_shape = output_shape(p, input.dim(1), input.dim(2));
  check_shapes(input, weights, bias, p);
  Tensor out({out_shape.c, out_shape.h, out_shape.w});
  OpCounts local;
  const bool has_bias = !bias.empty();
  for (int oc = 0; oc < out_shape.c; ++oc) {
    for (int oy = 0; oy < out_shape.h; ++oy) {
      if (control) control->check();
      for (int ox = 0; ox < out_shape.w; ++ox) {
        bool first = true;
        out.at(oc, oy, ox) =
            compute_output_value(input, weights, bias, p, oc, oy, ox, [&](const Tap& tap) {
              ++local.mults;
              // The first product starts the sum unless a bias is already there.
              if (!first || has_bias) ++local.adds;
              if (tap.padded) ++local.padded_mults;
              first = false;
            });
      }
    }
    if (control) control->report(static_cast<double>(oc + 1) / out_shape.c);
  }
  if (counts) *counts += local;
  return out;
}

}  // namespace sepconv::reference
