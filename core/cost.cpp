// Closed-form costs; see cost.h for the counting definitions.
#include "cost.h"

#include <algorithm>
#include <numeric>

namespace sepconv {

OpCost conv_cost(const ConvParams& p, int in_h, int in_w) {
  OpCost c;
  c.out = output_shape(p, in_h, in_w);
  const int64_t outputs = c.out.size();
  const int64_t taps = p.taps();
  c.mults = outputs * taps;
  c.adds = outputs * (taps - 1 + (p.has_bias ? 1 : 0));
  const int64_t weights = static_cast<int64_t>(p.out_channels) * taps;
  c.params = weights + (p.has_bias ? p.out_channels : 0);
  const int64_t inputs = static_cast<int64_t>(p.in_channels) * in_h * in_w;
  c.bytes_read = 4 * (inputs + c.params);
  c.bytes_written = 4 * outputs;
  return c;
}

int64_t spatial_columns_read(int out_w, int kernel_w, int stride_w, int dilation_w) {
  const int g = std::gcd(stride_w, dilation_w);
  const int64_t classes = std::min(stride_w / g, kernel_w);
  const int64_t wo = out_w;
  return classes * wo + (kernel_w - classes) * std::min<int64_t>(dilation_w / g, wo);
}

OpCost spatial_separable_cost(const ConvParams& p, int in_h, int in_w) {
  OpCost c;
  c.out = output_shape(p, in_h, in_w);
  const int64_t ch = c.out.c, ho = c.out.h;
  const int64_t cols = spatial_columns_read(c.out.w, p.kernel_w, p.stride_w, p.dilation_w);
  const int64_t column_values = ch * ho * cols;  // the intermediate
  const int64_t outputs = c.out.size();
  c.mults = column_values * p.kernel_h + outputs * p.kernel_w;
  c.adds = column_values * (p.kernel_h - 1) + outputs * (p.kernel_w - 1 + (p.has_bias ? 1 : 0));
  c.params = ch * (p.kernel_h + p.kernel_w) + (p.has_bias ? ch : 0);
  const int64_t inputs = static_cast<int64_t>(p.in_channels) * in_h * in_w;
  c.bytes_read = 4 * (inputs + c.params + column_values);
  c.bytes_written = 4 * (column_values + outputs);
  return c;
}

double ratio_identity(int dk, int n) {
  return 1.0 / n + 1.0 / (static_cast<double>(dk) * dk);
}

LayerCosts layer_costs(const LayerSpec& spec, int in_h, int in_w) {
  validate(spec, in_h, in_w);
  LayerCosts lc;
  lc.standard = conv_cost(standard_params(spec, in_h, in_w), in_h, in_w);
  lc.depthwise = conv_cost(depthwise_params(spec, in_h, in_w), in_h, in_w);
  lc.pointwise = conv_cost(pointwise_params(spec), lc.depthwise.out.h, lc.depthwise.out.w);
  OpCost& s = lc.separable;
  s.out = lc.pointwise.out;
  s.mults = lc.depthwise.mults + lc.pointwise.mults;
  s.adds = lc.depthwise.adds + lc.pointwise.adds;
  s.params = lc.depthwise.params + lc.pointwise.params;
  s.bytes_read = lc.depthwise.bytes_read + lc.pointwise.bytes_read;
  s.bytes_written = lc.depthwise.bytes_written + lc.pointwise.bytes_written;
  // Fused: the intermediate never leaves cache, so drop its write and its re-read.
  const int64_t intermediate = 4 * lc.depthwise.out.size();
  lc.fused_bytes = s.bytes() - 2 * intermediate;
  lc.ratio = static_cast<double>(s.mults) / static_cast<double>(lc.standard.mults);
  lc.ratio_identity = ratio_identity(spec.dk, spec.n);
  lc.identity_applies = spec.groups == 1 && spec.depth_multiplier == 1;
  lc.spatial = spatial_separable_cost(depthwise_params(spec, in_h, in_w), in_h, in_w);
  lc.spatial_ratio =
      static_cast<double>(lc.spatial.mults) / static_cast<double>(lc.depthwise.mults);
  lc.spatial_mults_per_output =
      static_cast<double>(lc.spatial.mults) / static_cast<double>(lc.spatial.out.size());
  return lc;
}

}  // namespace sepconv
