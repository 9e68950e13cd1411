// Engine dispatch and timing. The fast branch is filled in by core/fast.
#include "engine.h"

#include <chrono>
#include <thread>

#include "reference/conv2d.h"
#include "reference/separable.h"

namespace sepconv {
namespace {
double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

int hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n ? static_cast<int>(n) : 1;
}

const char* to_string(EngineKind kind) { return kind == EngineKind::Fast ? "fast" : "reference"; }

Tensor run_conv2d(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                  const ConvParams& p, const EngineOptions& /*options*/, OpCounts* counts,
                  RunInfo* info, const RunControl* control) {
  const auto start = std::chrono::steady_clock::now();
  Tensor out = reference::conv2d(input, weights, bias, p, counts, control);
  if (info) *info = RunInfo{EngineKind::Reference, "reference", 1, ms_since(start)};
  return out;
}

Tensor run_separable(const Tensor& input, const Tensor& dw_weights, const std::vector<float>& dw_bias,
                     const Tensor& pw_weights, const std::vector<float>& pw_bias,
                     const ConvParams& dw, const ConvParams& pw, const EngineOptions& /*options*/,
                     OpCounts* dw_counts, OpCounts* pw_counts, RunInfo* info, Tensor* intermediate,
                     const RunControl* control) {
  const auto start = std::chrono::steady_clock::now();
  Tensor mid = reference::conv2d(input, dw_weights, dw_bias, dw, dw_counts, control);
  Tensor out = reference::conv2d(mid, pw_weights, pw_bias, pw, pw_counts, control);
  if (intermediate) *intermediate = std::move(mid);
  if (info) *info = RunInfo{EngineKind::Reference, "reference", 1, ms_since(start)};
  return out;
}

}  // namespace sepconv
