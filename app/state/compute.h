// One background computation of the lesson's layer for the app: the request the UI
// submits and the result it gets back whole. The layer itself is core's one pipeline
// (core/layer_run.h, the same as the CLI's); this adds what the screen needs: colour
// ranges and the bounded display copies the renderer uploads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "layer_choice.h"
#include "layer_run.h"
#include "memory_budget.h"
#include "run_control.h"
#include "state/display_types.h"
#include "tensor.h"

namespace sepconv::app {

using sepconv::LayerChoice;

struct JobRequest {
  uint64_t generation = 0;              // filled in by JobRunner::Submit
  std::shared_ptr<const Tensor> image;  // the loaded image, [C, H, W]
  LayerChoice choice;
  bool robust = true;  // colour the display copies with the robust range
};

// The layer run plus what the views and the renderer read; all computed on the worker.
struct JobResult : LayerRun {
  uint64_t generation = 0;
  std::vector<float> input_min, input_max;  // per input channel, for its colour map
  float output_range = 0;        // max |value| over both outputs: the shared symmetric colour range
  float intermediate_range = 0;  // over the depthwise and the spatial output, when it ran
  // The 99.5th percentile of |value|: a range in which rare peaks do not wash every
  // other value out to white (values beyond it saturate at the ends of the map).
  float output_range_robust = 0;
  float intermediate_range_robust = 0;
  // Display copies: the first PreviewChannels channels of each tensor, area-averaged
  // down to at most kPreviewLongSide on the long side. The renderer uploads these, never
  // the full-resolution tensors, so texture memory does not grow with the photo.
  Tensor input_preview, standard_preview, separable_preview, intermediate_preview;
  Tensor spatial_preview;  // the spatially separable output, when it ran (else empty)
  // The previews coloured (with the request's robust choice) and mipmapped, ready to upload.
  std::shared_ptr<const DisplayTiles> tiles;
};

// The job's progress: the layer (core's run_layer, with its stages) takes this share of
// the bar, the colour ranges and display copies the rest.
constexpr double kLayerProgressShare = 0.97;
// The stage a job's progress falls in, for the status bar ("standard", ..., "display
// copies").
const char* JobStageAt(double progress);

// Runs the whole layer on the calling thread (the job runner's worker). Throws
// sepconv::Error on invalid input, a layer over the memory budget, or cancellation.
JobResult ComputeLayer(const JobRequest& request, const RunControl& control);

// How one channel is coloured: image data in [0,1] gets the sequential map; anything
// signed gets the diverging map over the symmetric range [-range, +range].
struct ChannelColouring {
  bool diverging = false;
  float range = 1.0f;      // the symmetric half-range when diverging
  bool saturates = false;  // some values lie beyond +-range (robust range chosen)
};
// Spatial: the spatially separable output (--separable spatial), coloured on the depthwise
// output's range so that equal values look equal beside it.
enum class TensorSource { Input, Standard, Separable, Intermediate, Spatial };
constexpr int kTensorSources = 5;
// At most how many channels of a tensor get display copies (and tiles): kMaxPreviewChannels,
// except that when the spatial output ran the depthwise and the spatial output share one
// set of them, half each, so the renderer holds at most four full sets whatever is shown
// (Renderer::TextureBoundBytes).
int PreviewChannelLimit(TensorSource source, bool spatial_ran);
// The channels of `source` in `result` that get display copies: at most that limit.
int PreviewChannels(const JobResult& result, TensorSource source);
// `robust`: outputs use the percentile range instead of the full max |value|.
ChannelColouring ColouringFor(const JobResult& result, TensorSource source, int channel,
                              bool robust = false);
// The q-quantile (0..1) of |value| over the given tensors, from at most ~1M samples.
float AbsQuantile(const std::vector<const Tensor*>& tensors, double q);
const Tensor* TensorFor(const JobResult& result, TensorSource source);
const Tensor* PreviewFor(const JobResult& result, TensorSource source);
const char* ToString(TensorSource source);

// Tensor bytes a result holds (its input, outputs and display copies): the app keeps the
// shown result while the next one computes, so both count against the budget.
int64_t ResultBytes(const JobResult& result);

// The memory budget check before a job starts, from one estimate.
struct BudgetCheck {
  int64_t needed = 0;             // the estimate's peak
  std::string refusal;            // "" when the layer fits, else the sentence the status bar shows
  double fitting_megapixels = 0;  // when refused: a working size that fits (0: none does)
};
BudgetCheck CheckBudget(const LayerChoice& choice, int image_channels, int in_h, int in_w,
                        int64_t budget = default_memory_budget());

}  // namespace sepconv::app
