// The algorithm of one output value of conv2d, written once and shared: the engine
// calls it for every output, the trace calls it with a recorder. The animation and
// the computed image therefore can never disagree.
#pragma once

#include <vector>

#include "conv_params.h"
#include "reference/padded_input.h"
#include "tensor.h"

namespace sepconv::reference {

// One multiply-accumulate step, as seen by a visitor.
struct Tap {
  int in_channel;     // channel of the input tensor
  int ky, kx;         // kernel row and column in the stored weights
  int iy, ix;         // input position (may lie in the padding)
  bool padded;        // the input value came from padding
  float input;        // input value used
  float weight;       // weight used
  float product;      // input * weight
  float running_sum;  // sum after adding this product
};

// Computes output value (oc, oy, ox) and calls visit(tap) after each product.
// Weights are [out_channels, in_channels / groups, kernel_h, kernel_w].
template <class Visitor>
float compute_output_value(const Tensor& input, const Tensor& weights,
                           const std::vector<float>& bias, const ConvParams& p, int oc, int oy,
                           int ox, Visitor&& visit) {
  const int in_per_group = p.in_channels / p.groups;
  const int out_per_group = p.out_channels / p.groups;
  const int group = oc / out_per_group;
  float sum = bias.empty() ? 0.0f : bias[static_cast<size_t>(oc)];
  for (int i = 0; i < in_per_group; ++i) {
    const int ic = group * in_per_group + i;
    for (int ky = 0; ky < p.kernel_h; ++ky) {
      for (int kx = 0; kx < p.kernel_w; ++kx) {
        const int iy = oy * p.stride_h - p.padding.top + ky * p.dilation_h;
        const int ix = ox * p.stride_w - p.padding.left + kx * p.dilation_w;
        bool padded = false;
        const float x = padded_value(input, ic, iy, ix, p.pad_mode, &padded);
        // True convolution rotates the kernel by 180 degrees; cross-correlation does not.
        const int wy = p.flip_kernel ? p.kernel_h - 1 - ky : ky;
        const int wx = p.flip_kernel ? p.kernel_w - 1 - kx : kx;
        const float w = weights.at(oc, i, wy, wx);
        const float product = x * w;
        sum += product;
        visit(Tap{ic, wy, wx, iy, ix, padded, x, w, product, sum});
      }
    }
  }
  return sum;
}

}  // namespace sepconv::reference
