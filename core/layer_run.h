// The one layer pipeline of the app and the CLI: from a decoded image and a LayerChoice
// to the M-channel input, the weights, the outputs of every path, the engine's
// instrumented counts beside the closed forms, the times, the largest difference between
// the standard and the separable output, and the memory estimate it was checked against.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "conv_params.h"
#include "cost.h"
#include "engine.h"
#include "layer_choice.h"
#include "layer_weights.h"
#include "memory_budget.h"
#include "op_counts.h"
#include "run_control.h"
#include "tensor.h"

namespace sepconv {

struct LayerRunOptions {
  bool standard = true;   // run the standard path
  bool separable = true;  // run depthwise, pointwise and the separable layer as one call
  // Run the spatially separable path (each depthwise kernel factored as column x row):
  // the CLI's --path spatial, or a choice with --separable spatial (spatial_requested).
  bool spatial = false;
  // A depthwise kernel that is not rank 1 (rank1.h): by default the run is refused with
  // Error(InvalidParameter) naming the closest rank-1 kernel's relative error; with this
  // set the path runs with the closest rank-1 kernel instead (the app shows both outputs).
  bool spatial_approximate = false;
  int64_t budget = 0;     // bytes; 0 = default_memory_budget()
  const RunControl* control = nullptr;  // cancel and progress (0..1 over the whole run)
};

struct LayerRun {
  LayerChoice choice;
  int image_channels = 0, image_h = 0, image_w = 0;  // the image as loaded
  Size2 work;                                        // the size it was computed at
  bool resized() const { return work.h != image_h || work.w != image_w; }

  std::shared_ptr<const Tensor> input;  // [M, h, w]: the image's channels or a feature stack
  std::vector<std::string> input_names;
  Tensor dw_weights;                              // [M*K, 1, Dk, Dk]
  Tensor pw_weights;                              // [N, M*K, 1, 1]
  Tensor std_weights;                             // [N, M/groups, Dk, Dk]
  std::vector<float> std_bias, dw_bias, pw_bias;  // empty = no bias
  bool standard_composed = false;                 // std_weights composed from the separable weights
  bool outputs_match = false;   // ... and no bias of its own: the outputs should agree
  std::string standard_kernel;  // standard_kernel_text(choice)
  ConvParams std_params, dw_params, pw_params;

  LayerCosts costs;  // closed forms of the layers that ran (bias included)
  bool ran_standard = false, ran_separable = false;
  OpCounts std_counts, dw_counts, pw_counts, sep_counts;  // instrumented by the engine
  RunInfo std_info, dw_info, pw_info;
  RunInfo sep_info;          // depthwise + pointwise as one call (fused by the fast engine)
  Tensor standard;           // [N, Ho, Wo]
  Tensor intermediate;       // [M*K, Ho, Wo], the depthwise output
  Tensor separable;          // [N, Ho, Wo]
  double max_abs_diff = -1;  // max |standard - separable| when outputs_match, else -1

  // The spatially separable path (LayerRunOptions::spatial).
  bool ran_spatial = false;
  Tensor spatial_columns;     // [M*K, 1, Dk, 1], factor_rank1 of each depthwise kernel
  Tensor spatial_rows;        // [M*K, 1, 1, Dk]
  double spatial_error = -1;  // the largest relative Frobenius error of those factors
  int spatial_worst_channel = 0;
  bool spatial_approximated = false;  // some kernel was not rank 1 (spatial_approximate)
  OpCounts spatial_counts;
  RunInfo spatial_info;
  Tensor spatial;                    // [M*K, Ho, Wo]
  double spatial_max_abs_diff = -1;  // max |spatial - depthwise| when both ran, else -1

  MemoryEstimate memory;
  int64_t budget = 0;
};

// The estimate run_layer checks, for the image size and choice (validates the layer on
// the working size; throws Error(InvalidParameter)).
MemoryEstimate estimate_for(const LayerChoice& choice, int image_channels, int image_h,
                            int image_w);

// Why `choice` cannot run on an image of this size, in one line, or "" when it can: the
// layer's own limits, the feature stack's, weight files that do not exist. Cheap: no
// file is read and nothing is allocated.
std::string validate_choice(const LayerChoice& choice, int image_h, int image_w);

// The depthwise and pointwise weights of a choice (presets, files, then hand edits where
// their shape fits), with the standard weights left empty: what a kernel editor shows.
// Reads weight files; throws Error(NpyFormat) for a malformed one.
LayerWeights separable_weights_for(const LayerChoice& choice);
// All the weights, the standard kernel composed or made from its preset or file.
LayerWeights weights_for(const LayerChoice& choice);
// Reads each weight and bias file the choice names against its shape, and builds nothing
// else (a lesson checks its files this way before any layer is computed). Throws Error.
void check_weight_files(const LayerChoice& choice);
// True when a hand edit of the choice fits its layer (and so replaces the presets).
bool has_fitting_edits(const LayerChoice& choice);

// The stage of run_layer a progress fraction falls in: "input", "standard",
// "depthwise", "pointwise", "separable", "spatial", for the status bar ("computing standard 40%").
const char* run_stage_at(double progress);

// True when the choice asks for the spatially separable layer (--separable spatial): the
// front ends then set LayerRunOptions::spatial for a run of every path.
bool spatial_requested(const LayerChoice& choice);

// The one line a run refuses a kernel that is not rank 1 with, naming where the kernel
// came from and the closest rank-1 kernel's relative error: "--kernel sharpen is not rank
// 1: the closest rank-1 kernel is 42.3% away (relative Frobenius error); ...".
std::string not_rank1_message(const LayerChoice& choice, double relative_error, int channel);

// Runs the layer. Throws Error: InvalidParameter, ImageLoad/NpyFormat for weight files,
// OutOfBudget (with the numbers and a working size that fits) before allocating, and
// Cancelled when control->cancel is set.
LayerRun run_layer(const Tensor& image, const LayerChoice& choice,
                   const LayerRunOptions& options = {});

}  // namespace sepconv
