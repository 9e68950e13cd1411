// Everything that decides the numbers of one layer run: the lesson's layer (Dk, M, N,
// ...), how its weights are made (presets, seed, hand edits, .npy files), the engine and
// the working size. The CLI and the app fill it from one option table (layer_options.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "conv_params.h"
#include "engine.h"
#include "presets.h"
#include "tensor.h"

namespace sepconv {

// Weight files in PyTorch shapes (float32 .npy); empty = not given. The biases are the
// options' text: none, zero, random, a constant or a .npy file (bias_source.h).
struct WeightFiles {
  std::string standard, depthwise, pointwise;                 // --std/dw/pw-weights
  std::string standard_bias, depthwise_bias, pointwise_bias;  // --bias-std/dw/pw
  bool operator==(const WeightFiles&) const = default;
};

// The size the layer is computed at. Full keeps the image as it is; a megapixel limit
// shrinks a larger image (area average, aspect kept) until it has at most that many
// pixels, for work that would not fit in memory at full size.
struct WorkingSize {
  double megapixels = 0;  // 0 = full size
  bool full() const { return megapixels <= 0; }
  bool operator==(const WorkingSize&) const = default;
};

// The two kinds of "separable" (--separable): depthwise separable (a Dk x Dk kernel per
// channel, then a 1 x 1 pointwise mix across channels) or spatially separable (each
// depthwise kernel, rank 1, as a Dk x 1 column then a 1 x Dk row within its channel).
enum class SeparableKind { Depthwise, Spatial };
const char* to_string(SeparableKind kind);
bool parse_separable_kind(const std::string& text, SeparableKind* out);

struct LayerChoice {
  LayerSpec spec;
  KernelPreset kernel = KernelPreset::SobelX;  // depthwise kernel preset (--kernel)
  MixPreset mix = MixPreset::Random;           // pointwise preset (--mix)
  // Which separable layer the lesson is about (--separable). Spatial adds the spatially
  // separable path to a run of every path (LayerRunOptions, runs_spatial).
  SeparableKind separable = SeparableKind::Depthwise;
  // The standard kernel (--std-kernel): composed from the separable weights
  // (W[n][m] = P[n][m] * D[m], the outputs match) or an independent preset. A composed
  // kernel exists only for groups = 1 and K = 1; otherwise std_preset is used and every
  // report says so (standard_kernel_text).
  bool compose_standard = true;
  KernelPreset std_preset = KernelPreset::Random;
  uint64_t seed = 7;  // of the random presets (--seed)
  WeightFiles files;
  EngineKind engine = EngineKind::Fast;
  int threads = 0;  // 0 = all hardware threads
  WorkingSize working_size;
  // Weights edited by hand (the app's kernel editor); null = from presets or files. Used
  // only while their shape fits the layer, so changing Dk, M, N or K falls back to the
  // presets instead of failing.
  std::shared_ptr<const Tensor> custom_dw;  // [M*K, 1, Dk, Dk]
  std::shared_ptr<const Tensor> custom_pw;  // [N, M*K, 1, 1]
};

bool same_spec(const LayerSpec& a, const LayerSpec& b);
bool same_choice(const LayerChoice& a, const LayerChoice& b);

// True when the standard kernel is composed from the separable one for this choice.
bool standard_is_composed(const LayerChoice& choice);
// True when the standard output should equal the separable one (composed, and no bias
// file of its own): then every report gives their largest difference.
bool outputs_should_match(const LayerChoice& choice);
// "composed from the separable weights", "independent (box)" or "independent (random):
// a composed kernel needs groups = 1 and K = 1": the one sentence both front ends show.
std::string standard_kernel_text(const LayerChoice& choice);

}  // namespace sepconv
