// Building a layer's weights from presets.
#include "layer_weights.h"

#include <algorithm>

#include "reference/separable.h"

namespace sepconv {

std::vector<int> depthwise_shape(const LayerSpec& s) {
  return {s.m * s.depth_multiplier, 1, s.dk, s.dk};
}
std::vector<int> pointwise_shape(const LayerSpec& s) {
  return {s.n, s.m * s.depth_multiplier, 1, 1};
}
std::vector<int> standard_shape(const LayerSpec& s) {
  return {s.n, s.m / std::max(s.groups, 1), s.dk, s.dk};
}

bool can_compose(const LayerSpec& spec) {
  return spec.groups == 1 && spec.depth_multiplier == 1;
}

LayerWeights make_separable_weights(const LayerSpec& spec, const WeightChoice& choice) {
  LayerWeights w;
  w.depthwise =
      make_depthwise_weights(choice.depthwise, spec.m, spec.depth_multiplier, spec.dk, choice.seed);
  w.pointwise = make_pointwise_weights(choice.pointwise, spec.n, spec.m * spec.depth_multiplier,
                                       choice.seed + 1000003);
  w.standard_is_composed = choice.compose_standard && can_compose(spec);
  return w;
}

void add_standard_weights(const LayerSpec& spec, const WeightChoice& choice, LayerWeights& w) {
  w.standard = w.standard_is_composed
                   ? reference::compose_separable_weights(w.depthwise, w.pointwise)
                   : make_standard_weights(choice.standard, spec.n, spec.m, spec.groups, spec.dk,
                                           choice.seed + 2000003);
}

LayerWeights make_layer_weights(const LayerSpec& spec, const WeightChoice& choice) {
  LayerWeights w = make_separable_weights(spec, choice);
  add_standard_weights(spec, choice, w);
  return w;
}

}  // namespace sepconv
