// The memory a layer run needs, estimated before anything is allocated, and the budget it
// must fit: one estimate and one budget for the CLI and the app, so a layer either runs
// in both or is refused in both with the same numbers.
#pragma once

#include <cstdint>
#include <string>

#include "conv_params.h"
#include "engine.h"
#include "layer_choice.h"
#include "resize.h"

namespace sepconv {

// Display copies (the app's tiles, the CLI's preview grid): one per channel, for at most
// this many channels of each tensor, each with its long side at most kPreviewLongSide.
constexpr int kMaxPreviewChannels = 64;
// With the spatially separable output shown beside the depthwise one, the two share
// those 64: this many channels each.
constexpr int kSharedPreviewChannels = kMaxPreviewChannels / 2;
constexpr int kPreviewLongSide = 384;
// The picture of the whole image (the input panel, the animation's overview).
constexpr int kOverviewLongSide = 1024;

// Tensor storage alive at the worst moment of run_layer, by part. The layer runs in two
// phases: building the M-channel input (the working copy of the image and the feature
// stack's scratch are alive), then the paths (weights and outputs). peak() is the larger
// phase; every part is what run_layer really allocates (tests compare it with the peak
// that tensor storage records).
struct MemoryEstimate {
  int64_t image = 0;            // the decoded image, [C, H, W], held by the caller
  int64_t working_image = 0;    // its copy at the working size (0 at full size)
  int64_t feature_scratch = 0;  // filter responses the feature stack holds
  int64_t input = 0;            // the M-channel input
  int64_t weights = 0;          // standard, depthwise and pointwise weights
  int64_t standard = 0, intermediate = 0, separable = 0;  // the outputs
  int64_t engine_scratch = 0;  // what the separable call allocates for itself
  int64_t spatial = 0;         // the spatially separable output and its column pass
  int64_t display = 0;         // display copies (float and coloured) and the overview
  int64_t stack_phase() const { return image + working_image + feature_scratch + input; }
  int64_t run_phase() const {
    return image + input + weights + standard + intermediate + separable + engine_scratch +
           spatial + display;
  }
  int64_t peak() const { return stack_phase() > run_phase() ? stack_phase() : run_phase(); }
  // "input 140 MiB, standard output 744 MiB, ..." (the parts that are not zero).
  std::string breakdown() const;
};

// The estimate for `spec` on an image of image_channels x image_h x image_w computed at
// `work` (the working size; equal to the image size at full size). Validates the layer
// on the working size first (throws Error(InvalidParameter)).
MemoryEstimate estimate_layer_memory(const LayerSpec& spec, EngineKind engine, int image_channels,
                                     int image_h, int image_w, Size2 work);

// The display copies the spatially separable output adds (--separable spatial): it and
// the depthwise output then show up to kSharedPreviewChannels channels each, where the
// estimate above counts up to kMaxPreviewChannels depthwise ones. 0 when that is no more.
int64_t spatial_display_bytes(const LayerSpec& spec, Size2 work);

// The budget: half of the memory the process may use (physical memory, or less under a
// control group's memory.max or ulimit -v), at most 16 GiB.
int64_t default_memory_budget();

// The size the layer is computed at for this choice: the image's, or at most the
// working size's megapixels.
Size2 working_size_of(const WorkingSize& size, int image_h, int image_w);

// The largest working size, in hundredths of a megapixel, at which the layer fits the
// budget; 0 when even 0.01 MP does not fit.
double largest_fitting_megapixels(const LayerSpec& spec, EngineKind engine, int image_channels,
                                  int image_h, int image_w, int64_t budget);

// Throws Error(OutOfBudget) when the estimate's peak is over the budget, with the
// numbers and a way out: "... needs about 14.1 GiB (input 1.4 GiB, ...), more than the
// budget of 11.7 GiB; try --working-size 9.6MP".
void check_memory_budget(const MemoryEstimate& estimate, int64_t budget, const std::string& what,
                         double fitting_megapixels);

// "1.5 GiB", "730 MiB", "12 KiB".
std::string format_bytes(int64_t bytes);

}  // namespace sepconv
