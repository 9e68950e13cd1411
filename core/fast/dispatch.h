// The fast engine's one entry point per operation: validates, picks the kernel for the
// layer and the CPU, runs it and returns the kernel's name ("fast/dw3x3-avx512", ...).
#pragma once

#include <string>
#include <vector>

#include "conv_params.h"
#include "fast/isa.h"
#include "fast/store_policy.h"
#include "op_counts.h"
#include "run_control.h"
#include "tensor.h"

namespace sepconv::fast {

struct FastOptions {
  int threads = 0;                  // 0 = every hardware thread
  const IsaKernels* isa = nullptr;  // null = the widest this CPU supports
  bool allow_fused = true;          // separable: fuse depthwise and pointwise when possible
  // Outputs of at least this many floats are written with streaming stores.
  int64_t stream_min_floats = kStreamMinFloats;
};

// The name of the kernel conv2d would run for this layer.
std::string conv2d_kernel_name(const ConvParams& p, const IsaKernels& isa);

// conv2d with the semantics of reference::conv2d. `out` is reused when it already has
// the output shape (callers may preallocate), otherwise replaced. Returns the kernel name.
std::string conv2d(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                   const ConvParams& p, Tensor& out, const FastOptions& options,
                   OpCounts* counts = nullptr, const RunControl* control = nullptr);

// Depthwise then pointwise, fused unless `intermediate` is requested or the layers do
// not allow it. Returns the kernel name.
std::string separable(const Tensor& input, const Tensor& dw_weights,
                      const std::vector<float>& dw_bias, const Tensor& pw_weights,
                      const std::vector<float>& pw_bias, const ConvParams& dw, const ConvParams& pw,
                      Tensor& out, const FastOptions& options, OpCounts* dw_counts = nullptr,
                      OpCounts* pw_counts = nullptr, Tensor* intermediate = nullptr,
                      const RunControl* control = nullptr);

}  // namespace sepconv::fast
