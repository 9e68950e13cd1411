// One background computation of the lesson's layer: the request the UI submits, the
// result it gets back whole, and the memory estimate checked before starting.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "conv_params.h"
#include "engine.h"
#include "layer_weights.h"
#include "presets.h"
#include "run_control.h"
#include "tensor.h"

namespace sepconv::app {

// Which standard kernel is compared with the separable layer.
enum class StandardMode {
  Composed,     // W[n][m] = P[n][m] * D[m]: the standard output equals the separable one
  Independent,  // a preset kernel of its own: the outputs differ
};

// Everything the user can set that changes the computed result.
struct LayerChoice {
  LayerSpec spec;
  KernelPreset kernel = KernelPreset::SobelX;
  MixPreset mix = MixPreset::Random;
  uint64_t seed = 1;
  StandardMode mode = StandardMode::Composed;
  EngineKind engine = EngineKind::Fast;
  int threads = 0;  // 0 = all hardware threads
  // Weights edited by hand in the kernel editor; null means "the presets above". They
  // are used only while their shape fits the layer, so changing Dk, M, N or K falls
  // back to the presets instead of failing.
  std::shared_ptr<const Tensor> custom_dw;  // [M*K, 1, Dk, Dk]
  std::shared_ptr<const Tensor> custom_pw;  // [N, M*K, 1, 1]
};

// The depthwise, pointwise and standard weights a choice computes with: the presets
// (core's make_layer_weights, the same numbers as the CLI for the same seed) with the
// hand edits applied where they fit.
LayerWeights WeightsFor(const LayerChoice& choice);
// The same without the standard kernel (left empty): all the kernel editor shows. Cheap
// and safe on the UI thread for any edit, even one validation will still reject.
LayerWeights SeparableWeightsFor(const LayerChoice& choice);
bool HasFittingEdits(const LayerChoice& choice);

bool SameSpec(const LayerSpec& a, const LayerSpec& b);
bool SameChoice(const LayerChoice& a, const LayerChoice& b);

// Why this choice cannot run on an in_h x in_w image ("" when it can). Uses the core's
// validation and adds the app's own rules (feature stack size, composed-kernel limits).
std::string ValidateChoice(const LayerChoice& choice, int in_h, int in_w);

struct JobRequest {
  uint64_t generation = 0;              // filled in by JobRunner::Submit
  std::shared_ptr<const Tensor> image;  // the loaded image, [C, H, W]
  LayerChoice choice;
};

struct JobResult {
  LayerChoice choice;
  uint64_t generation = 0;
  // What the animation (issue #4) and the views read: all computed by the engine.
  std::shared_ptr<const Tensor> input;  // the M-channel input (image or feature stack)
  std::vector<std::string> input_names;
  std::vector<float> input_min, input_max;  // per input channel, for its colour map
  Tensor dw_weights;                        // [M*K, 1, Dk, Dk]
  Tensor pw_weights;                        // [N, M*K, 1, 1]
  Tensor std_weights;                       // [N, M/groups, Dk, Dk]
  ConvParams std_params, dw_params, pw_params;
  Tensor standard;      // [N, Ho, Wo]
  Tensor intermediate;  // [M*K, Ho, Wo], the depthwise output
  Tensor separable;     // [N, Ho, Wo]
  RunInfo std_info, dw_info, pw_info;
  RunInfo sep_info;  // depthwise + pointwise as one call (fused by the fast engine), timed
  float output_range = 0;  // max |value| over both outputs: the shared symmetric colour range
  float intermediate_range = 0;
  // The 99.5th percentile of |value|: a range in which rare peaks do not wash every
  // other value out to white (values beyond it saturate at the ends of the map).
  float output_range_robust = 0;
  float intermediate_range_robust = 0;
  double max_abs_diff = 0;  // max |standard - separable|, meaningful in Composed mode
};

// Runs the whole layer on the calling thread (the job runner's worker). Throws
// sepconv::Error on invalid input or cancellation.
JobResult ComputeLayer(const JobRequest& request, const RunControl& control);

// How one channel is coloured: image data in [0,1] gets the sequential map; anything
// signed gets the diverging map over the symmetric range [-range, +range].
struct ChannelColouring {
  bool diverging = false;
  float range = 1.0f;      // the symmetric half-range when diverging
  bool saturates = false;  // some values lie beyond +-range (robust range chosen)
};
enum class TensorSource { Input, Standard, Separable, Intermediate };
// `robust`: outputs use the percentile range instead of the full max |value|.
ChannelColouring ColouringFor(const JobResult& result, TensorSource source, int channel,
                              bool robust = false);
// The q-quantile (0..1) of |value| over the given tensors, from at most ~1M samples.
float AbsQuantile(const std::vector<const Tensor*>& tensors, double q);
const Tensor* TensorFor(const JobResult& result, TensorSource source);
const char* ToString(TensorSource source);

// Channels of one tensor that get textures and tiles: 256 textures of a large image
// would cost more GPU memory than the lesson gains.
constexpr int kMaxShownChannels = 64;

// The memory a job needs, from the cost model's shapes, and the budget it must fit.
// Budget: 1 GiB of tensors, so a classroom laptop never swaps (documented in docs/app.md).
constexpr int64_t kMemoryBudgetBytes = int64_t{1} << 30;

struct MemoryEstimate {
  int64_t input_bytes = 0, weights_bytes = 0, standard_bytes = 0, intermediate_bytes = 0,
          separable_bytes = 0, textures_bytes = 0;
  int64_t total() const {
    return input_bytes + weights_bytes + standard_bytes + intermediate_bytes + separable_bytes +
           textures_bytes;
  }
};
MemoryEstimate EstimateMemory(const LayerSpec& spec, int in_h, int in_w);
// "" when within budget, else a sentence with the numbers.
std::string CheckBudget(const MemoryEstimate& estimate, int64_t budget = kMemoryBudgetBytes);
std::string FormatBytes(int64_t bytes);

}  // namespace sepconv::app
