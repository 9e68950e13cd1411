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

// The spatially separable pass (reference::spatially_separable_layer): each depthwise
// kernel, rank 1, as a Kh x 1 column then a 1 x Kw row, per output channel.
//  - The column pass computes, on every output row (Ho of them, with the vertical stride,
//    dilation and padding), exactly the columns the row pass reads, counted in the padded
//    input: {ox * s + kx * d : 0 <= ox < Wo, 0 <= kx < Kw}. Columns in the padding are
//    computed too (their products read the padded value, as every path's taps on padding
//    are counted); columns no output reads are not computed. Their number is
//    spatial_columns_read(Wo, Kw, s, d).
//  - The row pass makes every output from Kw intermediate values.
//  mults = C * (Kh * Ho * columns_read + Kw * Ho * Wo)
//  adds  = C * ((Kh - 1) * Ho * columns_read + (Kw - 1 + bias) * Ho * Wo)
//  params = C * (Kh + Kw) (+ C bias); bytes: the intermediate is written, then read.
OpCost spatial_separable_cost(const ConvParams& depthwise, int in_h, int in_w);

// How many distinct padded-input columns the row pass reads, closed form: with
// g = gcd(s, d), the taps fall into r = min(s / g, Kw) residue classes modulo s; each class
// covers Wo columns, and each further tap of a class adds min(d / g, Wo) new ones:
//   columns_read = r * Wo + (Kw - r) * min(d / g, Wo).
// Stride 1: Wo + d (Kw - 1) (same padding, d = 1: Wo + Kw - 1); stride s >= Kw with d = 1:
// Kw * Wo (every tap reads its own columns).
int64_t spatial_columns_read(int out_w, int kernel_w, int stride_w, int dilation_w);

struct LayerCosts {
  OpCost standard;
  OpCost depthwise;
  OpCost pointwise;
  OpCost separable;           // depthwise + pointwise, intermediate written then read
  OpCost spatial;             // the depthwise stage as column x row (spatial_separable_cost)
  int64_t fused_bytes = 0;    // separable with the intermediate kept in cache
  double ratio = 0;           // separable mults / standard mults, exact
  double ratio_identity = 0;  // 1/N + 1/Dk^2, the lesson's closed form
  // The identity equals the exact ratio whenever groups = 1 and K = 1: both paths
  // share the same Ho x Wo whatever the stride, padding or dilation.
  bool identity_applies = false;
  // Spatially separable against the full depthwise kernel, both exact: spatial mults /
  // depthwise mults, and spatial mults per output value (about 2 Dk, never exactly when
  // Dk > 1, because the column pass also runs on the columns around the outputs).
  double spatial_ratio = 0;
  double spatial_mults_per_output = 0;
};

LayerCosts layer_costs(const LayerSpec& spec, int in_h, int in_w);

// Multiplications of the separable layer divided by the standard's, closed form.
double ratio_identity(int dk, int n);

}  // namespace sepconv
