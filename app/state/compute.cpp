// The layer computation run by the job runner, and the memory estimate that guards it.
#include "compute.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cost.h"
#include "error.h"
#include "feature_stack.h"
#include "reference/separable.h"

namespace sepconv::app {

bool SameSpec(const LayerSpec& a, const LayerSpec& b) {
  return a.dk == b.dk && a.m == b.m && a.n == b.n && a.stride == b.stride &&
         a.dilation == b.dilation && a.pad_policy == b.pad_policy && a.pad_amount == b.pad_amount &&
         a.pad_mode == b.pad_mode && a.groups == b.groups &&
         a.depth_multiplier == b.depth_multiplier && a.flip_kernel == b.flip_kernel &&
         a.bias == b.bias;
}

bool SameChoice(const LayerChoice& a, const LayerChoice& b) {
  return SameSpec(a.spec, b.spec) && a.kernel == b.kernel && a.mix == b.mix && a.seed == b.seed &&
         a.mode == b.mode && a.engine == b.engine && a.threads == b.threads &&
         a.custom_dw == b.custom_dw && a.custom_pw == b.custom_pw;
}

namespace {
bool Fits(const std::shared_ptr<const Tensor>& t, const std::vector<int>& shape) {
  return t && t->shape() == shape;
}
std::vector<int> DepthwiseShape(const LayerSpec& s) {
  return {s.m * s.depth_multiplier, 1, s.dk, s.dk};
}
std::vector<int> PointwiseShape(const LayerSpec& s) {
  return {s.n, s.m * s.depth_multiplier, 1, 1};
}
}  // namespace

bool HasFittingEdits(const LayerChoice& c) {
  return Fits(c.custom_dw, DepthwiseShape(c.spec)) || Fits(c.custom_pw, PointwiseShape(c.spec));
}

namespace {
WeightChoice PresetsOf(const LayerChoice& choice) {
  WeightChoice wc;
  wc.depthwise = choice.kernel;
  wc.pointwise = choice.mix;
  wc.compose_standard = choice.mode == StandardMode::Composed;
  wc.standard = choice.kernel;
  wc.seed = choice.seed;
  return wc;
}
}  // namespace

LayerWeights SeparableWeightsFor(const LayerChoice& choice) {
  LayerWeights w = make_separable_weights(choice.spec, PresetsOf(choice));
  if (Fits(choice.custom_dw, DepthwiseShape(choice.spec))) w.depthwise = *choice.custom_dw;
  if (Fits(choice.custom_pw, PointwiseShape(choice.spec))) w.pointwise = *choice.custom_pw;
  return w;
}

LayerWeights WeightsFor(const LayerChoice& choice) {
  LayerWeights w = SeparableWeightsFor(choice);
  // A composed standard kernel is built from the (possibly edited) separable weights, so
  // the outputs still match.
  add_standard_weights(choice.spec, PresetsOf(choice), w);
  return w;
}

std::string ValidateChoice(const LayerChoice& choice, int in_h, int in_w) {
  const LayerSpec& s = choice.spec;
  if (s.m > kMaxFeatureChannels) {
    return "input channels M = " + std::to_string(s.m) + " is above the feature stack's limit " +
           std::to_string(kMaxFeatureChannels);
  }
  if (s.bias) return "bias is not offered in the app yet (it would hide the composed match)";
  try {
    validate(s, in_h, in_w);
  } catch (const Error& e) {
    return e.what();
  }
  if (choice.mode == StandardMode::Composed) {
    // The composed kernel is built from one depthwise kernel per input channel and
    // mixes all M channels, so it only exists for K = 1 and a full (groups = 1) conv.
    if (s.depth_multiplier != 1) {
      return "depth multiplier K = " + std::to_string(s.depth_multiplier) +
             ": the composed standard kernel needs K = 1 (choose \"independent standard kernel\")";
    }
    if (s.groups != 1) {
      return "groups = " + std::to_string(s.groups) +
             ": the composed standard kernel mixes all M channels, so it needs groups = 1 "
             "(choose \"independent standard kernel\")";
    }
  }
  if (choice.threads < 0) return "threads must be 0 (all) or more";
  return "";
}

namespace {

float MaxAbs(const Tensor& t) {
  float m = 0;
  for (float v : t.values()) m = std::max(m, std::fabs(v));
  return m;
}

// Maps a stage's own 0..1 progress into its slice of the whole job.
RunControl Stage(const RunControl& parent, double from, double to) {
  RunControl c;
  c.cancel = parent.cancel;
  if (parent.progress) {
    auto progress = parent.progress;
    c.progress = [progress, from, to](double f) { progress(from + (to - from) * f); };
  }
  return c;
}

}  // namespace

JobResult ComputeLayer(const JobRequest& request, const RunControl& control) {
  if (!request.image || request.image->rank() != 3) {
    throw Error(ErrorKind::InvalidParameter, "no image loaded");
  }
  const LayerChoice& choice = request.choice;
  const LayerSpec& spec = choice.spec;
  const Tensor& image = *request.image;
  const int h = image.dim(1), w = image.dim(2);
  const std::string why = ValidateChoice(choice, h, w);
  if (!why.empty()) throw Error(ErrorKind::InvalidParameter, why);

  JobResult r;
  r.choice = choice;
  r.generation = request.generation;
  control.report(0.0);
  const RunControl stack_control = Stage(control, 0.0, 0.1);
  FeatureStack stack = make_feature_stack(image, spec.m, &stack_control);
  r.input = std::make_shared<const Tensor>(std::move(stack.maps));
  r.input_names = std::move(stack.names);
  control.check();
  const int64_t plane = int64_t{h} * w;
  for (int c = 0; c < spec.m; ++c) {
    const float* p = r.input->plane(c);
    const auto [lo, hi] = std::minmax_element(p, p + plane);
    r.input_min.push_back(*lo);
    r.input_max.push_back(*hi);
  }

  LayerWeights weights = WeightsFor(choice);
  r.dw_weights = std::move(weights.depthwise);
  r.pw_weights = std::move(weights.pointwise);
  r.std_weights = std::move(weights.standard);
  r.std_params = standard_params(spec, h, w);
  r.dw_params = depthwise_params(spec, h, w);
  r.pw_params = pointwise_params(spec);

  const EngineOptions options{choice.engine, choice.threads};
  const std::vector<float> no_bias;
  const RunControl std_control = Stage(control, 0.1, 0.5);
  r.standard = run_conv2d(*r.input, r.std_weights, no_bias, r.std_params, options, nullptr,
                          &r.std_info, &std_control);
  // Depthwise and pointwise are timed separately (the cost panel shows both), so they
  // run as two conv2d calls; the intermediate is kept for the animation.
  const RunControl dw_control = Stage(control, 0.5, 0.7);
  r.intermediate = run_conv2d(*r.input, r.dw_weights, no_bias, r.dw_params, options, nullptr,
                              &r.dw_info, &dw_control);
  const RunControl pw_control = Stage(control, 0.7, 0.85);
  r.separable = run_conv2d(r.intermediate, r.pw_weights, no_bias, r.pw_params, options, nullptr,
                           &r.pw_info, &pw_control);
  // The separable layer as one call as well: the fast engine fuses the two stages (the
  // intermediate stays in cache), which is the time the speed-up should be judged on.
  // The result is identical up to summation order, so only its time is kept.
  const RunControl sep_control = Stage(control, 0.85, 1.0);
  run_separable(*r.input, r.dw_weights, no_bias, r.pw_weights, no_bias, r.dw_params, r.pw_params,
                options, nullptr, nullptr, &r.sep_info, nullptr, &sep_control);
  control.check();

  r.output_range = std::max(MaxAbs(r.standard), MaxAbs(r.separable));
  r.intermediate_range = MaxAbs(r.intermediate);
  r.output_range_robust = AbsQuantile({&r.standard, &r.separable}, 0.995);
  r.intermediate_range_robust = AbsQuantile({&r.intermediate}, 0.995);
  if (r.standard.shape() == r.separable.shape()) {
    double d = 0;
    const auto& a = r.standard.values();
    const auto& b = r.separable.values();
    for (size_t i = 0; i < a.size(); ++i) d = std::max(d, std::fabs(double(a[i]) - double(b[i])));
    r.max_abs_diff = d;
  } else {
    r.max_abs_diff = -1;
  }
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
  }
  return nullptr;
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
  }
  return "";
}

MemoryEstimate EstimateMemory(const LayerSpec& spec, int in_h, int in_w) {
  MemoryEstimate e;
  const LayerCosts c = layer_costs(spec, in_h, in_w);
  const int64_t f = sizeof(float);
  e.input_bytes = f * int64_t{spec.m} * in_h * in_w;
  e.weights_bytes = f * (c.standard.params + c.depthwise.params + c.pointwise.params);
  e.standard_bytes = f * c.standard.out.size();
  e.intermediate_bytes = f * c.depthwise.out.size();
  e.separable_bytes = f * c.pointwise.out.size();
  // The renderer keeps, per shown channel, one R32F texture (4 bytes a pixel) and one
  // RGBA8 texture with mipmaps (4 x 4/3); count them so GPU memory is in the budget too.
  const auto shown = [](int channels) { return int64_t{std::min(channels, kMaxShownChannels)}; };
  const int64_t in_px = int64_t{in_h} * in_w;
  const int64_t out_px = int64_t{c.standard.out.h} * c.standard.out.w;
  const int64_t mid_px = int64_t{c.depthwise.out.h} * c.depthwise.out.w;
  const int64_t per_pixel = 4 + 16 / 3 + 1;
  e.textures_bytes = per_pixel * ((shown(spec.m) + 3) * in_px + 2 * shown(spec.n) * out_px +
                                  shown(spec.m * spec.depth_multiplier) * mid_px);
  return e;
}

std::string FormatBytes(int64_t bytes) {
  char buf[64];
  const double b = static_cast<double>(bytes);
  if (b >= 1024.0 * 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.2f GiB", b / (1024.0 * 1024 * 1024));
  } else if (b >= 1024.0 * 1024) {
    // No decimals from 100 MiB on: fewer digits to read, and no "300." at a line end.
    std::snprintf(buf, sizeof buf, b >= 100.0 * 1024 * 1024 ? "%.0f MiB" : "%.1f MiB",
                  b / (1024.0 * 1024));
  } else if (b >= 1024.0) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", b / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%lld bytes", static_cast<long long>(bytes));
  }
  return buf;
}

std::string CheckBudget(const MemoryEstimate& e, int64_t budget) {
  if (e.total() <= budget) return "";
  return "not started: this layer needs about " + FormatBytes(e.total()) + " (input " +
         FormatBytes(e.input_bytes) + ", standard output " + FormatBytes(e.standard_bytes) +
         ", depthwise output " + FormatBytes(e.intermediate_bytes) + ", separable output " +
         FormatBytes(e.separable_bytes) + ", textures " + FormatBytes(e.textures_bytes) +
         ") but the budget is " + FormatBytes(budget) + ". Lower M, N or the image size.";
}

}  // namespace sepconv::app
