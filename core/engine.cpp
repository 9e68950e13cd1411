// Engine dispatch and timing: the reference loops, or the fast kernels chosen by
// fast::conv2d / fast::separable (which name the kernel that ran).
#include "engine.h"

#include <chrono>
#include <thread>

#include "fast/dispatch.h"
#include "fast/fused.h"
#include "fast/parallel.h"
#include "reference/conv2d.h"
#include "reference/separable.h"

namespace sepconv {
namespace {
double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// The output of a layer on an h x w input, allocated - and its pages touched by the zero
// fill - before the clock starts, so the time reported is the convolution's and not the
// allocator's (faulting in a fresh 40 MB output took as long as the fused layer itself).
// output_shape validates the layer exactly as the fast engine's dispatch does first.
// Faulted in on the engine's threads in cancellable chunks (Tensor::zeroed).
Tensor output_before_clock(const ConvParams& p, int h, int w, const EngineOptions& options,
                           const RunControl* control) {
  const Shape3 s = output_shape(p, h, w);
  return Tensor::zeroed({s.c, s.h, s.w}, options.threads, control);
}
}  // namespace

int hardware_threads() {
  // Read once: hardware_concurrency() reads /sys on every call, and every parallel_for
  // asks (3-5 us of a 4-9 us empty two-thread call here).
  static const int count = [] {
    const unsigned n = std::thread::hardware_concurrency();
    return n ? static_cast<int>(n) : 1;
  }();
  return count;
}

const char* to_string(EngineKind kind) {
  return kind == EngineKind::Fast ? "fast" : "reference";
}

Tensor run_conv2d(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                  const ConvParams& p, const EngineOptions& options, OpCounts* counts,
                  RunInfo* info, const RunControl* control) {
  if (options.kind == EngineKind::Fast) {
    Tensor out = output_before_clock(p, input.dim(1), input.dim(2), options, control);
    const auto start = std::chrono::steady_clock::now();
    const fast::FastOptions fo{options.threads, nullptr, true};
    std::string kernel = fast::conv2d(input, weights, bias, p, out, fo, counts, control);
    if (info) {
      *info = RunInfo{EngineKind::Fast, std::move(kernel), fast::resolve_threads(options.threads),
                      ms_since(start)};
    }
    return out;
  }
  const auto start = std::chrono::steady_clock::now();
  Tensor out = reference::conv2d(input, weights, bias, p, counts, control);
  if (info) *info = RunInfo{EngineKind::Reference, "reference", 1, ms_since(start)};
  return out;
}

Tensor run_separable(const Tensor& input, const Tensor& dw_weights,
                     const std::vector<float>& dw_bias, const Tensor& pw_weights,
                     const std::vector<float>& pw_bias, const ConvParams& dw, const ConvParams& pw,
                     const EngineOptions& options, OpCounts* dw_counts, OpCounts* pw_counts,
                     RunInfo* info, Tensor* intermediate, const RunControl* control) {
  if (options.kind == EngineKind::Fast) {
    const Shape3 mid = output_shape(dw, input.dim(1), input.dim(2));
    Tensor out = output_before_clock(pw, mid.h, mid.w, options, control);
    const auto start = std::chrono::steady_clock::now();
    const fast::FastOptions fo{options.threads, nullptr, true};
    std::string kernel = fast::separable(input, dw_weights, dw_bias, pw_weights, pw_bias, dw, pw,
                                         out, fo, dw_counts, pw_counts, intermediate, control);
    if (info) {
      *info = RunInfo{EngineKind::Fast, std::move(kernel), fast::resolve_threads(options.threads),
                      ms_since(start)};
    }
    return out;
  }
  const auto start = std::chrono::steady_clock::now();
  Tensor mid = reference::conv2d(input, dw_weights, dw_bias, dw, dw_counts, control);
  Tensor out = reference::conv2d(mid, pw_weights, pw_bias, pw, pw_counts, control);
  if (intermediate) *intermediate = std::move(mid);
  if (info) *info = RunInfo{EngineKind::Reference, "reference", 1, ms_since(start)};
  return out;
}

void run_separable_into(Tensor& out, const Tensor& input, const Tensor& dw_weights,
                        const std::vector<float>& dw_bias, const Tensor& pw_weights,
                        const std::vector<float>& pw_bias, const ConvParams& dw,
                        const ConvParams& pw, const EngineOptions& options, OpCounts* dw_counts,
                        OpCounts* pw_counts, RunInfo* info, const RunControl* control) {
  if (options.kind != EngineKind::Fast) {
    out = run_separable(input, dw_weights, dw_bias, pw_weights, pw_bias, dw, pw, options, dw_counts,
                        pw_counts, info, nullptr, control);
    return;
  }
  const Shape3 mid = output_shape(dw, input.dim(1), input.dim(2));
  const Shape3 o = output_shape(pw, mid.h, mid.w);
  if (out.shape() != std::vector<int>{o.c, o.h, o.w})
    out = output_before_clock(pw, mid.h, mid.w, options, control);
  const auto start = std::chrono::steady_clock::now();
  const fast::FastOptions fo{options.threads, nullptr, true};
  std::string kernel = fast::separable(input, dw_weights, dw_bias, pw_weights, pw_bias, dw, pw, out,
                                       fo, dw_counts, pw_counts, nullptr, control);
  if (info) {
    *info = RunInfo{EngineKind::Fast, std::move(kernel), fast::resolve_threads(options.threads),
                    ms_since(start)};
  }
}

Tensor run_spatially_separable(const Tensor& input, const Tensor& columns, const Tensor& rows,
                               const std::vector<float>& bias, const ConvParams& dw,
                               const EngineOptions& /*options: reference only*/, OpCounts* counts,
                               RunInfo* info, const RunControl* control) {
  const auto start = std::chrono::steady_clock::now();
  Tensor out =
      reference::spatially_separable_layer(input, columns, rows, bias, dw, counts, control);
  if (info) *info = RunInfo{EngineKind::Reference, "reference/spatial", 1, ms_since(start)};
  return out;
}

int64_t spatial_bytes(const ConvParams& dw, int in_h, int in_w) {
  const Shape3 o = output_shape(dw, in_h, in_w);
  const int64_t padded_w = int64_t{in_w} + dw.padding.left + dw.padding.right;
  return static_cast<int64_t>(sizeof(float)) * (o.size() + int64_t{o.h} * padded_w);
}

int64_t separable_scratch_bytes(const ConvParams& dw, const ConvParams& pw, int in_h, int in_w,
                                EngineKind kind) {
  const Shape3 mid = output_shape(dw, in_h, in_w);
  const int64_t mid_bytes = static_cast<int64_t>(sizeof(float)) * mid.size();
  if (kind == EngineKind::Fast) return fast::can_fuse(dw, pw) ? 0 : mid_bytes;
  const Shape3 o = output_shape(pw, mid.h, mid.w);
  return mid_bytes + static_cast<int64_t>(sizeof(float)) * o.size();
}

}  // namespace sepconv
