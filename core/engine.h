// The one entry point the app and the CLI call to compute a layer: it chooses the
// reference or the fast engine, times the call and says which kernel ran.
#pragma once

#include <string>
#include <vector>

#include "conv_params.h"
#include "op_counts.h"
#include "run_control.h"
#include "tensor.h"

namespace sepconv {

enum class EngineKind { Reference, Fast };

struct EngineOptions {
  EngineKind kind = EngineKind::Fast;
  int threads = 0;  // 0 = all hardware threads (the reference always uses one)
};

struct RunInfo {
  EngineKind kind = EngineKind::Reference;
  std::string kernel;  // which implementation ran, e.g. "reference" or "fast/depthwise3x3-avx2"
  int threads = 1;
  double ms = 0;  // wall time of the call
};

// conv2d with the semantics of reference::conv2d. `counts` receives the multiplications
// and additions the engine performed (instrumented in the kernel's own loops).
Tensor run_conv2d(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                  const ConvParams& p, const EngineOptions& options, OpCounts* counts = nullptr,
                  RunInfo* info = nullptr, const RunControl* control = nullptr);

// Depthwise then pointwise. With the fast engine this may run fused (the intermediate
// kept in cache); `intermediate` is filled only when non-null (which forces unfused).
Tensor run_separable(const Tensor& input, const Tensor& dw_weights,
                     const std::vector<float>& dw_bias, const Tensor& pw_weights,
                     const std::vector<float>& pw_bias, const ConvParams& dw, const ConvParams& pw,
                     const EngineOptions& options, OpCounts* dw_counts = nullptr,
                     OpCounts* pw_counts = nullptr, RunInfo* info = nullptr,
                     Tensor* intermediate = nullptr, const RunControl* control = nullptr);

// run_separable writing into `out` (reshaped only when its shape differs), so a caller
// that computes the separable layer twice (once per stage, once fused) holds one output.
void run_separable_into(Tensor& out, const Tensor& input, const Tensor& dw_weights,
                        const std::vector<float>& dw_bias, const Tensor& pw_weights,
                        const std::vector<float>& pw_bias, const ConvParams& dw,
                        const ConvParams& pw, const EngineOptions& options,
                        OpCounts* dw_counts = nullptr, OpCounts* pw_counts = nullptr,
                        RunInfo* info = nullptr, const RunControl* control = nullptr);

// The spatially separable layer (reference::spatially_separable_layer): columns
// [C, 1, Kh, 1] then rows [C, 1, 1, Kw] on the depthwise conv2d `dw`. Only the reference
// implements it (a teaching path, not a tuned one): with the fast engine it still runs
// the reference loops, and `info` says so (kind Reference, kernel "reference/spatial").
Tensor run_spatially_separable(const Tensor& input, const Tensor& columns, const Tensor& rows,
                               const std::vector<float>& bias, const ConvParams& dw,
                               const EngineOptions& options, OpCounts* counts = nullptr,
                               RunInfo* info = nullptr, const RunControl* control = nullptr);
// Tensor bytes it allocates: the output and one channel of the column pass.
int64_t spatial_bytes(const ConvParams& dw, int in_h, int in_w);

// Tensor bytes run_separable_into allocates for itself (an unfused or reference run keeps
// the intermediate; the reference also makes a new output): for the memory estimate.
int64_t separable_scratch_bytes(const ConvParams& dw, const ConvParams& pw, int in_h, int in_w,
                                EngineKind kind);

const char* to_string(EngineKind kind);
int hardware_threads();

}  // namespace sepconv
