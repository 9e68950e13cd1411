// The CLI's computation: load, build, check the memory budget, run, compare.
#include "cli/run_layer.h"

#include <algorithm>
#include <cmath>

#include "error.h"
#include "feature_stack.h"
#include "image_io.h"
#include "layer_weights.h"
#include "memory_budget.h"
#include "npy_io.h"
#include "reference/separable.h"

namespace cli {
namespace {

std::vector<float> read_bias(const std::string& path, int count) {
  if (path.empty()) return {};
  return sepconv::read_weights_npy(path, {count}).to_vector();
}

}  // namespace

LayerRun run_layer(const Options& o) {
  using namespace sepconv;
  LayerRun run;
  LoadedImage image = load_image(o.image);
  run.image_channels = image.pixels.dim(0);
  const int h = image.pixels.dim(1), w = image.pixels.dim(2);
  LayerSpec spec = o.spec;
  spec.bias = false;
  validate(spec, h, w);
  check_memory_budget(estimate_layer_bytes(spec, run.image_channels, h, w), default_memory_budget(),
                      "this layer on " + o.image);
  run.costs = layer_costs(spec, h, w);

  LayerWeights weights = make_layer_weights(spec, o.weights);
  const int mk = spec.m * spec.depth_multiplier;
  if (!o.dw_weights.empty())
    weights.depthwise = read_weights_npy(o.dw_weights, {mk, 1, spec.dk, spec.dk});
  if (!o.pw_weights.empty()) weights.pointwise = read_weights_npy(o.pw_weights, {spec.n, mk, 1, 1});
  weights.depthwise_bias = read_bias(o.dw_bias, mk);
  weights.pointwise_bias = read_bias(o.pw_bias, spec.n);
  if (!o.std_weights.empty()) {
    weights.standard =
        read_weights_npy(o.std_weights, {spec.n, spec.m / spec.groups, spec.dk, spec.dk});
    weights.standard_is_composed = false;
  } else if (weights.standard_is_composed) {
    // Recompose in case the separable weights came from files.
    weights.standard = reference::compose_separable_weights(weights.depthwise, weights.pointwise);
  }
  weights.standard_bias =
      !o.std_bias.empty() ? read_bias(o.std_bias, spec.n)
      : weights.standard_is_composed
          ? reference::compose_separable_bias(weights.depthwise_bias, weights.pointwise,
                                              weights.pointwise_bias)
          : std::vector<float>{};
  run.standard_composed = weights.standard_is_composed && o.std_bias.empty();

  FeatureStack stack = make_feature_stack(image.pixels, spec.m);
  run.input = std::move(stack.maps);
  run.channel_names = std::move(stack.names);

  ConvParams sp = standard_params(spec, h, w), dp = depthwise_params(spec, h, w),
             pp = pointwise_params(spec);
  sp.has_bias = !weights.standard_bias.empty();
  dp.has_bias = !weights.depthwise_bias.empty();
  pp.has_bias = !weights.pointwise_bias.empty();
  // The closed forms must describe exactly the layers that run (bias changes the adds).
  run.costs.standard = conv_cost(sp, h, w);
  run.costs.depthwise = conv_cost(dp, h, w);
  run.costs.pointwise = conv_cost(pp, run.costs.depthwise.out.h, run.costs.depthwise.out.w);
  run.costs.separable.mults = run.costs.depthwise.mults + run.costs.pointwise.mults;
  run.costs.separable.adds = run.costs.depthwise.adds + run.costs.pointwise.adds;
  run.costs.separable.params = run.costs.depthwise.params + run.costs.pointwise.params;

  if (runs_standard(o.path)) {
    run.standard.cost = run.costs.standard;
    run.standard_out = run_conv2d(run.input, weights.standard, weights.standard_bias, sp, o.engine,
                                  &run.standard.counts, &run.standard.info);
    run.standard.ran = true;
  }
  if (runs_separable_stages(o.path)) {
    run.depthwise.cost = run.costs.depthwise;
    run.depthwise_out = run_conv2d(run.input, weights.depthwise, weights.depthwise_bias, dp,
                                   o.engine, &run.depthwise.counts, &run.depthwise.info);
    run.depthwise.ran = true;
    run.pointwise.cost = run.costs.pointwise;
    run_conv2d(run.depthwise_out, weights.pointwise, weights.pointwise_bias, pp, o.engine,
               &run.pointwise.counts, &run.pointwise.info);
    run.pointwise.ran = true;
    // The separable path timed as one call (the fast engine may fuse the two stages).
    run.separable.cost = run.costs.separable;
    OpCounts dwc, pwc;
    run.separable_out =
        run_separable(run.input, weights.depthwise, weights.depthwise_bias, weights.pointwise,
                      weights.pointwise_bias, dp, pp, o.engine, &dwc, &pwc, &run.separable.info);
    run.separable.counts = dwc;
    run.separable.counts += pwc;
    run.separable.ran = true;
  }
  if (run.standard.ran && run.separable.ran && run.standard_composed) {
    double worst = 0;
    for (int64_t i = 0; i < run.standard_out.size(); ++i)
      worst = std::max(worst, static_cast<double>(std::fabs(run.standard_out.data()[i] -
                                                            run.separable_out.data()[i])));
    run.max_abs_difference = worst;
  }
  return run;
}

}  // namespace cli
