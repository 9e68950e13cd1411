// The app's job: the shared layer pipeline, then the colour ranges and display copies.
#include "state/compute.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "error.h"
#include "resize.h"
#include "state/display_tiles.h"
#include "tensor_stats.h"

namespace sepconv::app {

namespace {

// The display copy of one tensor: its first `channels` channels, shrunk to the preview
// size. Signed outputs keep their peaks (Shrink::Peak); images are averaged.
Tensor PreviewOf(const Tensor& t, int channels, int threads, const RunControl& control,
                 Shrink mode) {
  if (t.rank() != 3 || t.size() == 0) return {};
  const Size2 to = fit_long_side(t.dim(1), t.dim(2), kPreviewLongSide);
  const RunControl cancel = cancel_only(&control);  // the job's bar stays at 97 % here
  return downsample(t, to, threads, &cancel, channels, mode);
}

}  // namespace

const char* JobStageAt(double progress) {
  return progress < kLayerProgressShare ? run_stage_at(progress / kLayerProgressShare)
                                        : "display copies";
}

JobResult ComputeLayer(const JobRequest& request, const RunControl& control) {
  if (!request.image || request.image->rank() != 3) {
    throw Error(ErrorKind::InvalidParameter, "no image loaded");
  }
  JobResult r;
  LayerRunOptions options;
  const RunControl layer_control = slice(&control, 0.0, kLayerProgressShare);
  options.control = &layer_control;
  // --separable spatial: the spatially separable output too; a kernel that is not rank 1
  // runs with its closest rank-1 kernel (the report says how far), it is not refused.
  options.spatial = spatial_requested(request.choice);
  options.spatial_approximate = true;
  static_cast<LayerRun&>(r) = run_layer(*request.image, request.choice, options);
  r.generation = request.generation;

  const int threads = r.choice.threads;
  std::tie(r.input_min, r.input_max) = channel_min_max(*r.input, threads, &control);
  r.output_range =
      std::max(max_abs(r.standard, threads, &control), max_abs(r.separable, threads, &control));
  r.intermediate_range =
      std::max(max_abs(r.intermediate, threads, &control), max_abs(r.spatial, threads, &control));
  r.output_range_robust = AbsQuantile({&r.standard, &r.separable}, 0.995);
  r.intermediate_range_robust = AbsQuantile({&r.intermediate, &r.spatial}, 0.995);
  control.check();
  const auto preview = [&](TensorSource source, Shrink mode) {
    return PreviewOf(*TensorFor(r, source), PreviewChannels(r, source), threads, control, mode);
  };
  r.input_preview = preview(TensorSource::Input, Shrink::Average);
  r.standard_preview = preview(TensorSource::Standard, Shrink::Peak);
  r.separable_preview = preview(TensorSource::Separable, Shrink::Peak);
  r.intermediate_preview = preview(TensorSource::Intermediate, Shrink::Peak);
  r.spatial_preview = preview(TensorSource::Spatial, Shrink::Peak);
  control.check();
  r.tiles = MakeDisplayTiles(r, request.robust);
  control.report(1.0);
  return r;
}

float AbsQuantile(const std::vector<const Tensor*>& tensors, double q) {
  int64_t total = 0;
  for (const Tensor* t : tensors) total += t->size();
  if (total == 0) return 0;
  // A regular subsample keeps this cheap on large outputs; the quantile barely moves.
  const int64_t step = std::max<int64_t>(1, total / (1 << 20));
  std::vector<float> a;
  a.reserve(size_t(total / step + tensors.size()));
  for (const Tensor* t : tensors) {
    for (int64_t i = 0; i < t->size(); i += step) a.push_back(std::fabs(t->data()[i]));
  }
  const size_t k = std::min(a.size() - 1, size_t(q * double(a.size() - 1) + 0.5));
  std::nth_element(a.begin(), a.begin() + std::ptrdiff_t(k), a.end());
  return a[k];
}

ChannelColouring ColouringFor(const JobResult& r, TensorSource source, int channel, bool robust) {
  switch (source) {
    case TensorSource::Input: {
      if (channel < 0 || channel >= static_cast<int>(r.input_min.size())) return {};
      const float lo = r.input_min[size_t(channel)], hi = r.input_max[size_t(channel)];
      // A small tolerance: 8-bit images land exactly in [0,1]; derived maps go negative.
      if (lo >= -1e-6f && hi <= 1.0f + 1e-6f) return {false, 1.0f, false};
      return {true, std::max({std::fabs(lo), std::fabs(hi), 1e-6f}), false};
    }
    case TensorSource::Standard:
    case TensorSource::Separable:
      // One range for both outputs, so equal values look equal side by side.
      if (robust && r.output_range_robust > 0 && r.output_range_robust < r.output_range) {
        return {true, r.output_range_robust, true};
      }
      return {true, std::max(r.output_range, 1e-6f)};
    case TensorSource::Intermediate:
    case TensorSource::Spatial:
      if (robust && r.intermediate_range_robust > 0 &&
          r.intermediate_range_robust < r.intermediate_range) {
        return {true, r.intermediate_range_robust, true};
      }
      return {true, std::max(r.intermediate_range, 1e-6f)};
  }
  return {};
}

const Tensor* TensorFor(const JobResult& r, TensorSource source) {
  switch (source) {
    case TensorSource::Input:
      return r.input.get();
    case TensorSource::Standard:
      return &r.standard;
    case TensorSource::Separable:
      return &r.separable;
    case TensorSource::Intermediate:
      return &r.intermediate;
    case TensorSource::Spatial:
      return &r.spatial;
  }
  return nullptr;
}

const Tensor* PreviewFor(const JobResult& r, TensorSource source) {
  // Indexed by TensorSource, in its order.
  static constexpr Tensor JobResult::*kPreviews[] = {
      &JobResult::input_preview, &JobResult::standard_preview, &JobResult::separable_preview,
      &JobResult::intermediate_preview, &JobResult::spatial_preview};
  return &(r.*kPreviews[static_cast<int>(source)]);
}

int PreviewChannelLimit(TensorSource source, bool spatial_ran) {
  const bool shared = source == TensorSource::Intermediate || source == TensorSource::Spatial;
  return shared && spatial_ran ? kSharedPreviewChannels : kMaxPreviewChannels;
}

int PreviewChannels(const JobResult& r, TensorSource source) {
  const Tensor* t = TensorFor(r, source);
  if (!t || t->rank() != 3) return 0;
  return std::min(t->dim(0), PreviewChannelLimit(source, r.ran_spatial));
}

const char* ToString(TensorSource source) {
  switch (source) {
    case TensorSource::Input:
      return "input";
    case TensorSource::Standard:
      return "standard output";
    case TensorSource::Separable:
      return "separable output";
    case TensorSource::Intermediate:
      return "depthwise output";
    case TensorSource::Spatial:
      return "spatial output";
  }
  return "";
}

int64_t ResultBytes(const JobResult& r) {
  int64_t floats = r.standard.size() + r.intermediate.size() + r.separable.size() +
                   r.spatial.size() + r.input_preview.size() + r.standard_preview.size() +
                   r.separable_preview.size() + r.intermediate_preview.size() +
                   r.spatial_preview.size();
  if (r.input) floats += r.input->size();
  int64_t bytes = 4 * floats;
  if (r.tiles)
    for (const auto& set : r.tiles->sets)
      for (const RgbaMips& m : set) bytes += m.bytes();
  return bytes;
}

BudgetCheck CheckBudget(const LayerChoice& choice, int image_channels, int in_h, int in_w,
                        int64_t budget) {
  BudgetCheck check;
  const MemoryEstimate e = estimate_for(choice, image_channels, in_h, in_w);
  check.needed = e.peak();
  if (check.needed <= budget) return check;
  check.fitting_megapixels =
      largest_fitting_megapixels(choice.spec, choice.engine, image_channels, in_h, in_w, budget);
  try {
    check_memory_budget(e, budget, "this layer", check.fitting_megapixels);
  } catch (const Error& error) {
    check.refusal = std::string("not started: ") + error.what();
  }
  return check;
}

}  // namespace sepconv::app
