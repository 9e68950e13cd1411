// The layer pipeline (layer_run.h): validate, estimate, build the input and the weights,
// run every path with the instrumented engine, compare.
#include "layer_run.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "bias_source.h"
#include "error.h"
#include "feature_stack.h"
#include "layer_weights.h"
#include "npy_io.h"
#include "rank1.h"
#include "reference/separable.h"
#include "resize.h"
#include "tensor_stats.h"

namespace sepconv {
namespace {

bool fits(const std::shared_ptr<const Tensor>& t, const std::vector<int>& shape) {
  return t && t->shape() == shape;
}

WeightChoice presets_of(const LayerChoice& c) {
  WeightChoice wc;
  wc.depthwise = c.kernel;
  wc.pointwise = c.mix;
  wc.compose_standard = standard_is_composed(c);
  wc.standard = c.std_preset;
  wc.seed = c.seed;
  return wc;
}

// Each path's bias from its option (bias_source.h); random ones get their own seeds.
std::vector<float> depthwise_bias_for(const LayerChoice& c) {
  const LayerSpec& s = c.spec;
  return make_bias(c.files.depthwise_bias, s.m * s.depth_multiplier, s.dk * s.dk, c.seed + 3000017);
}
std::vector<float> pointwise_bias_for(const LayerChoice& c) {
  const LayerSpec& s = c.spec;
  return make_bias(c.files.pointwise_bias, s.n, s.m * s.depth_multiplier, c.seed + 4000037);
}
std::vector<float> standard_bias_for(const LayerChoice& c) {
  const LayerSpec& s = c.spec;
  return make_bias(c.files.standard_bias, s.n, s.m / std::max(s.groups, 1) * s.dk * s.dk,
                   c.seed + 5000011);
}

void check(const RunControl* control) {
  if (control) control->check();
}

}  // namespace

const char* run_stage_at(double f) {
  // The slices run_layer gives its stages below.
  if (f < 0.1) return "input";
  if (f < 0.5) return "standard";
  if (f < 0.65) return "depthwise";
  if (f < 0.8) return "pointwise";
  // The separable call ends at 0.97 (then only the comparison runs): still its stage.
  if (f < 0.975) return "separable";
  return "spatial";
}

bool has_fitting_edits(const LayerChoice& c) {
  return fits(c.custom_dw, depthwise_shape(c.spec)) || fits(c.custom_pw, pointwise_shape(c.spec));
}

LayerWeights separable_weights_for(const LayerChoice& c) {
  const LayerSpec& s = c.spec;
  LayerWeights w = make_separable_weights(s, presets_of(c));
  if (!c.files.depthwise.empty())
    w.depthwise = read_weights_npy(c.files.depthwise, depthwise_shape(s));
  if (!c.files.pointwise.empty())
    w.pointwise = read_weights_npy(c.files.pointwise, pointwise_shape(s));
  if (fits(c.custom_dw, depthwise_shape(s))) w.depthwise = *c.custom_dw;
  if (fits(c.custom_pw, pointwise_shape(s))) w.pointwise = *c.custom_pw;
  w.depthwise_bias = depthwise_bias_for(c);
  w.pointwise_bias = pointwise_bias_for(c);
  return w;
}

void check_weight_files(const LayerChoice& c) {
  const LayerSpec& s = c.spec;
  const WeightFiles& f = c.files;
  if (!f.depthwise.empty()) (void)read_weights_npy(f.depthwise, depthwise_shape(s));
  if (!f.pointwise.empty()) (void)read_weights_npy(f.pointwise, pointwise_shape(s));
  if (!f.standard.empty()) (void)read_weights_npy(f.standard, standard_shape(s));
  (void)depthwise_bias_for(c);
  (void)pointwise_bias_for(c);
  (void)standard_bias_for(c);
}

LayerWeights weights_for(const LayerChoice& c) {
  const LayerSpec& s = c.spec;
  LayerWeights w = separable_weights_for(c);
  if (!c.files.standard.empty()) {
    w.standard = read_weights_npy(c.files.standard, standard_shape(s));
  } else if (w.standard_is_composed) {
    // Composed from the weights in use (edited or read from files), so the outputs match.
    w.standard = reference::compose_separable_weights(w.depthwise, w.pointwise);
  } else {
    w.standard = make_standard_weights(c.std_preset, s.n, s.m, s.groups, s.dk, c.seed + 2000003);
  }
  if (bias_given(c.files.standard_bias)) {
    w.standard_bias = standard_bias_for(c);
  } else if (w.standard_is_composed) {
    w.standard_bias =
        reference::compose_separable_bias(w.depthwise_bias, w.pointwise, w.pointwise_bias);
  }
  return w;
}

std::string validate_choice(const LayerChoice& c, int image_h, int image_w) {
  const LayerSpec& s = c.spec;
  if (s.m > kMaxFeatureChannels) {
    return "input channels M = " + std::to_string(s.m) + " is above the feature stack's limit " +
           std::to_string(kMaxFeatureChannels);
  }
  if (c.threads < 0) return "threads = " + std::to_string(c.threads) + " must be 0 (all) or more";
  const Size2 work = working_size_of(c.working_size, image_h, image_w);
  try {
    validate(s, work.h, work.w);
  } catch (const Error& e) {
    if (work.h != image_h || work.w != image_w) {
      return std::string(e.what()) + " (at the working size " + std::to_string(work.w) + " x " +
             std::to_string(work.h) + ")";
    }
    return e.what();
  }
  const std::pair<const char*, const std::string*> biases[] = {
      {"--bias-std", &c.files.standard_bias},
      {"--bias-dw", &c.files.depthwise_bias},
      {"--bias-pw", &c.files.pointwise_bias}};
  std::string bias_files[3];
  for (int i = 0; i < 3; ++i) {
    BiasSource b;
    if (std::string why = parse_bias_source(biases[i].first, *biases[i].second, &b); !why.empty())
      return why;
    bias_files[i] = b.file;
  }
  const std::pair<const char*, const std::string*> files[] = {
      {"--std-weights", &c.files.standard}, {"--dw-weights", &c.files.depthwise},
      {"--pw-weights", &c.files.pointwise}, {"--bias-std", &bias_files[0]},
      {"--bias-dw", &bias_files[1]},        {"--bias-pw", &bias_files[2]}};
  for (const auto& [flag, path] : files) {
    std::error_code ec;
    if (!path->empty() && !std::filesystem::is_regular_file(*path, ec)) {
      return std::string(flag) + " " + *path + ": no such file";
    }
  }
  return "";
}

MemoryEstimate estimate_for(const LayerChoice& c, int image_channels, int image_h, int image_w) {
  const Size2 work = working_size_of(c.working_size, image_h, image_w);
  MemoryEstimate e =
      estimate_layer_memory(c.spec, c.engine, image_channels, image_h, image_w, work);
  if (spatial_requested(c)) {
    e.spatial = spatial_bytes(depthwise_params(c.spec, work.h, work.w), work.h, work.w);
    e.display += spatial_display_bytes(c.spec, work);
  }
  return e;
}

bool spatial_requested(const LayerChoice& c) {
  return c.separable == SeparableKind::Spatial;
}

std::string not_rank1_message(const LayerChoice& c, double relative_error, int channel) {
  std::string what;
  if (fits(c.custom_dw, depthwise_shape(c.spec))) {
    what = "the edited depthwise kernel of channel " + std::to_string(channel);
  } else if (!c.files.depthwise.empty()) {
    what =
        "--dw-weights " + c.files.depthwise + ": the kernel of channel " + std::to_string(channel);
  } else if (c.kernel == KernelPreset::Random) {
    what = "--kernel random (channel " + std::to_string(channel) + ")";
  } else {
    what = std::string("--kernel ") + to_string(c.kernel);
  }
  return what + " is not rank 1: the closest rank-1 kernel is " + percent_text(relative_error) +
         " away (relative Frobenius error); spatially separable needs a rank-1 kernel such as "
         "sobel-x, box, gaussian or identity";
}

namespace {

// Factors every depthwise kernel [M*K, 1, Kh, Kw] as column x row into r's factor
// tensors; returns the largest relative error and its channel.
void factor_depthwise(const Tensor& dw, LayerRun& r) {
  const int c = dw.dim(0), kh = dw.dim(2), kw = dw.dim(3);
  r.spatial_columns = Tensor({c, 1, kh, 1});
  r.spatial_rows = Tensor({c, 1, 1, kw});
  r.spatial_error = 0;
  r.spatial_worst_channel = 0;
  for (int o = 0; o < c; ++o) {
    const Rank1Factors f = factor_rank1(dw.data() + static_cast<int64_t>(o) * kh * kw, kh, kw);
    for (int y = 0; y < kh; ++y)
      r.spatial_columns.at(o, 0, y, 0) = f.column[static_cast<size_t>(y)];
    for (int x = 0; x < kw; ++x) r.spatial_rows.at(o, 0, 0, x) = f.row[static_cast<size_t>(x)];
    if (f.relative_error > r.spatial_error) {
      r.spatial_error = f.relative_error;
      r.spatial_worst_channel = o;
    }
  }
}

// The run's shape before anything is computed: the choice validated on the image, the
// working size, and the memory estimate against the budget (refused with the size that
// would fit).
void plan_run(LayerRun& r, const Tensor& image, const LayerChoice& choice,
              const LayerRunOptions& o) {
  if (image.rank() != 3 || image.size() == 0) {
    throw Error(ErrorKind::InvalidParameter, "no image: expected a [C, H, W] tensor");
  }
  r.choice = choice;
  r.choice.spec.bias = false;  // biases come from their options (has_bias follows them)
  const LayerSpec& spec = r.choice.spec;
  r.image_channels = image.dim(0);
  r.image_h = image.dim(1);
  r.image_w = image.dim(2);
  if (const std::string why = validate_choice(r.choice, r.image_h, r.image_w); !why.empty()) {
    throw Error(ErrorKind::InvalidParameter, why);
  }
  r.work = working_size_of(r.choice.working_size, r.image_h, r.image_w);
  r.memory = estimate_for(r.choice, r.image_channels, r.image_h, r.image_w);
  // Only the paths that run allocate (the CLI's --path).
  if (!o.standard) r.memory.standard = 0;
  if (!o.separable) r.memory.intermediate = r.memory.separable = r.memory.engine_scratch = 0;
  r.memory.spatial =
      o.spatial ? spatial_bytes(depthwise_params(spec, r.work.h, r.work.w), r.work.h, r.work.w) : 0;
  r.budget = o.budget > 0 ? o.budget : default_memory_budget();
  if (r.memory.peak() > r.budget) {
    check_memory_budget(r.memory, r.budget,
                        "this layer on a " + std::to_string(r.image_w) + " x " +
                            std::to_string(r.image_h) + " image",
                        largest_fitting_megapixels(spec, r.choice.engine, r.image_channels,
                                                   r.image_h, r.image_w, r.budget));
  }
}

// Phase 1: the M-channel input at the working size.
void make_input(LayerRun& r, const Tensor& image, const RunControl* control) {
  Tensor working;
  if (r.resized()) {
    const RunControl c = slice(control, 0.0, 0.03);
    working = downsample(image, r.work, r.choice.threads, &c);
  }
  const RunControl c = slice(control, 0.03, 0.1);
  FeatureStack stack = make_feature_stack(r.resized() ? working : image, r.choice.spec.m, &c);
  r.input = std::make_shared<const Tensor>(std::move(stack.maps));
  r.input_names = std::move(stack.names);
}

// Phase 2: the weights, each path's parameters, and the closed forms of exactly the
// layers that run (a bias adds one add each).
void set_weights_and_costs(LayerRun& r) {
  LayerWeights w = weights_for(r.choice);
  r.dw_weights = std::move(w.depthwise);
  r.pw_weights = std::move(w.pointwise);
  r.std_weights = std::move(w.standard);
  r.std_bias = std::move(w.standard_bias);
  r.dw_bias = std::move(w.depthwise_bias);
  r.pw_bias = std::move(w.pointwise_bias);
  r.standard_composed = w.standard_is_composed;
  r.outputs_match = outputs_should_match(r.choice);
  r.standard_kernel = standard_kernel_text(r.choice);

  const LayerSpec& spec = r.choice.spec;
  const int h = r.work.h, wd = r.work.w;
  r.std_params = standard_params(spec, h, wd);
  r.dw_params = depthwise_params(spec, h, wd);
  r.pw_params = pointwise_params(spec);
  r.std_params.has_bias = !r.std_bias.empty();
  r.dw_params.has_bias = !r.dw_bias.empty();
  r.pw_params.has_bias = !r.pw_bias.empty();
  r.costs = layer_costs(spec, h, wd);
  r.costs.standard = conv_cost(r.std_params, h, wd);
  r.costs.depthwise = conv_cost(r.dw_params, h, wd);
  r.costs.pointwise = conv_cost(r.pw_params, r.costs.depthwise.out.h, r.costs.depthwise.out.w);
  r.costs.separable.mults = r.costs.depthwise.mults + r.costs.pointwise.mults;
  r.costs.separable.adds = r.costs.depthwise.adds + r.costs.pointwise.adds;
  r.costs.separable.params = r.costs.depthwise.params + r.costs.pointwise.params;
  r.costs.spatial = spatial_separable_cost(r.dw_params, h, wd);
}

// The spatial path's factors first: a kernel that is not rank 1 is refused before any
// path runs (unless the closest rank-1 kernel was asked for).
void factor_for_spatial(LayerRun& r, const LayerRunOptions& o) {
  factor_depthwise(r.dw_weights, r);
  if (r.spatial_error <= kRank1Tolerance) return;
  if (!o.spatial_approximate) {
    throw Error(ErrorKind::InvalidParameter,
                not_rank1_message(r.choice, r.spatial_error, r.spatial_worst_channel));
  }
  r.spatial_approximated = true;
}

// The paths asked for, each counted and timed.
void run_paths(LayerRun& r, const LayerRunOptions& o, const RunControl* control) {
  const EngineOptions engine{r.choice.engine, r.choice.threads};
  const Tensor& in = *r.input;
  if (o.standard) {
    const RunControl c = slice(control, 0.1, 0.5);
    r.standard = run_conv2d(in, r.std_weights, r.std_bias, r.std_params, engine, &r.std_counts,
                            &r.std_info, &c);
    r.ran_standard = true;
  }
  if (o.separable) {
    // Depthwise and pointwise timed apart (the cost panel shows both); the intermediate
    // is kept for the animation and the files.
    const RunControl dc = slice(control, 0.5, 0.65);
    r.intermediate =
        run_conv2d(in, r.dw_weights, r.dw_bias, r.dw_params, engine, &r.dw_counts, &r.dw_info, &dc);
    const RunControl pc = slice(control, 0.65, 0.8);
    r.separable = run_conv2d(r.intermediate, r.pw_weights, r.pw_bias, r.pw_params, engine,
                             &r.pw_counts, &r.pw_info, &pc);
    // The separable layer as one call, the time the speed-up is judged on (the fast engine
    // fuses the stages). It writes into the same output, so no second output is held; the
    // values equal the two-call result up to summation order.
    const RunControl sc = slice(control, 0.8, 0.97);
    OpCounts dwc, pwc;
    run_separable_into(r.separable, in, r.dw_weights, r.dw_bias, r.pw_weights, r.pw_bias,
                       r.dw_params, r.pw_params, engine, &dwc, &pwc, &r.sep_info, &sc);
    r.sep_counts = dwc;
    r.sep_counts += pwc;
    r.ran_separable = true;
  }
  if (o.spatial) {
    const RunControl c = slice(control, 0.975, 0.995);
    r.spatial =
        run_spatially_separable(in, r.spatial_columns, r.spatial_rows, r.dw_bias, r.dw_params,
                                engine, &r.spatial_counts, &r.spatial_info, &c);
    r.ran_spatial = true;
  }
}

// How far the outputs that should agree are apart.
void compare_outputs(LayerRun& r, const RunControl* control) {
  if (r.ran_spatial && r.ran_separable && r.spatial.shape() == r.intermediate.shape()) {
    r.spatial_max_abs_diff =
        max_abs_difference(r.spatial, r.intermediate, r.choice.threads, control);
  }
  if (r.ran_standard && r.ran_separable && r.outputs_match &&
      r.standard.shape() == r.separable.shape()) {
    r.max_abs_diff = max_abs_difference(r.standard, r.separable, r.choice.threads, control);
  }
}

}  // namespace

LayerRun run_layer(const Tensor& image, const LayerChoice& choice, const LayerRunOptions& o) {
  LayerRun r;
  plan_run(r, image, choice, o);
  const RunControl* control = o.control;
  if (control) control->report(0.0);
  make_input(r, image, control);
  check(control);
  set_weights_and_costs(r);
  if (o.spatial) factor_for_spatial(r, o);
  run_paths(r, o, control);
  check(control);
  compare_outputs(r, control);
  if (control) control->report(1.0);
  return r;
}

}  // namespace sepconv
