// The weights of every path of a lesson layer, made from presets: depthwise and
// pointwise from their presets, and the standard kernel either composed from them
// (W[n][m] = P[n][m] * D[m], so both paths give the same output) or independent.
#pragma once

#include <cstdint>
#include <vector>

#include "conv_params.h"
#include "presets.h"
#include "tensor.h"

namespace sepconv {

struct WeightChoice {
  KernelPreset depthwise = KernelPreset::SobelX;
  MixPreset pointwise = MixPreset::Random;
  bool compose_standard = true;  // else make_standard_weights(standard, ...)
  KernelPreset standard = KernelPreset::Random;
  uint64_t seed = 7;
};

struct LayerWeights {
  Tensor standard;                                                   // [N, M/groups, Dk, Dk]
  Tensor depthwise;                                                  // [M*K, 1, Dk, Dk]
  Tensor pointwise;                                                  // [N, M*K, 1, 1]
  std::vector<float> standard_bias, depthwise_bias, pointwise_bias;  // empty = no bias
  bool standard_is_composed = false;
};

// Composing needs groups = 1 and depth multiplier 1; otherwise the standard kernel is
// independent and standard_is_composed says so.
LayerWeights make_layer_weights(const LayerSpec& spec, const WeightChoice& choice);

// The depthwise and pointwise weights of make_layer_weights and standard_is_composed,
// with `standard` left empty: what a view of the separable weights needs (the standard
// kernel can be the layer's largest tensor, and its preset rejects groups > M).
LayerWeights make_separable_weights(const LayerSpec& spec, const WeightChoice& choice);

// Fills w.standard as make_layer_weights does: composed from w's depthwise and pointwise
// weights (which may have been edited since) or built from the standard preset.
void add_standard_weights(const LayerSpec& spec, const WeightChoice& choice, LayerWeights& w);

// The PyTorch shapes of a spec's weights: depthwise [M*K, 1, Dk, Dk], pointwise
// [N, M*K, 1, 1], standard [N, M/groups, Dk, Dk].
std::vector<int> depthwise_shape(const LayerSpec& spec);
std::vector<int> pointwise_shape(const LayerSpec& spec);
std::vector<int> standard_shape(const LayerSpec& spec);

// True when the spec allows composing the standard kernel from the separable one.
bool can_compose(const LayerSpec& spec);

}  // namespace sepconv
