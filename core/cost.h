// The analytic cost model: closed-form multiplications, additions, parameters,
// output shape and bytes moved for every path of the lesson.
//
// Definitions (the engine's instrumented counts use the same ones):
//  - mults: one multiplication per kernel tap per output value, including taps that
//    fall on padding (the engine multiplies the padded value; with zero padding that
//    product is 0 but it is still performed). Ho*Wo*N*(M/g)*Kh*Kw for a conv2d.
//  - adds: the products of one output summed starting from the first product, so
//    taps-1 additions per output, plus one when a bias is added.
//  - bytes: float32 traffic if every tensor is read or written exactly once.
#pragma once

#include <cstdint>

#include "conv_params.h"

namespace sepconv {

struct OpCost {
  Shape3 out;
  int64_t mults = 0;
  int64_t adds = 0;
  int64_t params = 0;  // weights plus bias
  int64_t bytes_read = 0;
  int64_t bytes_written = 0;

  int64_t bytes() const { return bytes_read + bytes_written; }
};

OpCost conv_cost(const ConvParams& p, int in_h, int in_w);

struct LayerCosts {
  OpCost standard;
  OpCost depthwise;
  OpCost pointwise;
  OpCost separable;           // depthwise + pointwise, intermediate written then read
  int64_t fused_bytes = 0;    // separable with the intermediate kept in cache
  double ratio = 0;           // separable mults / standard mults, exact
  double ratio_identity = 0;  // 1/N + 1/Dk^2, the lesson's closed form
  // The identity equals the exact ratio whenever groups = 1 and K = 1: both paths
  // share the same Ho x Wo whatever the stride, padding or dilation.
  bool identity_applies = false;
};

LayerCosts layer_costs(const LayerSpec& spec, int in_h, int in_w);

// Multiplications of the separable layer divided by the standard's, closed form.
double ratio_identity(int dk, int n);

}  // namespace sepconv
