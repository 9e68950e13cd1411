// Kernel selection for the fast engine: depthwise, plain pointwise, fused separable,
// and im2col + GEMM for everything else (standard, grouped, strided 1x1, ...).
#include "fast/dispatch.h"

#include "fast/depthwise.h"
#include "fast/fused.h"
#include "fast/gemm_conv.h"
#include "reference/conv2d.h"

namespace sepconv::fast {
namespace {
const IsaKernels& isa_of(const FastOptions& o) {
  return o.isa ? *o.isa : best_isa();
}

KernelSetup setup_for(const FastOptions& o, const Tensor& out) {
  return KernelSetup{isa_of(o), o.threads, out.size() >= o.stream_min_floats};
}

std::string dw_name(const ConvParams& p) {
  const bool special =
      p.kernel_h == p.kernel_w && (p.kernel_h == 3 || p.kernel_h == 5 || p.kernel_h == 7);
  if (!special) return "dw-general";
  return "dw" + std::to_string(p.kernel_h) + "x" + std::to_string(p.kernel_w);
}

// Shapes the output (keeping a caller's preallocated tensor when it fits).
void shape_output(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                  const ConvParams& p, Tensor& out) {
  const Shape3 s = output_shape(p, input.dim(1), input.dim(2));
  reference::check_shapes(input, weights, bias, p);
  const std::vector<int> shape = {s.c, s.h, s.w};
  if (out.shape() != shape) out = Tensor(shape);
}
}  // namespace

std::string conv2d_kernel_name(const ConvParams& p, const IsaKernels& isa) {
  std::string kind = is_depthwise(p)         ? dw_name(p)
                     : is_plain_pointwise(p) ? "pointwise-gemm"
                                             : "im2col-gemm";
  return "fast/" + kind + "-" + isa.name;
}

std::string conv2d(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                   const ConvParams& p, Tensor& out, const FastOptions& options, OpCounts* counts,
                   const RunControl* control) {
  shape_output(input, weights, bias, p, out);
  const IsaKernels& isa = isa_of(options);
  if (is_depthwise(p)) {
    depthwise_conv(input, weights, bias, p, out, setup_for(options, out), counts, control);
  } else {
    gemm_conv(input, weights, bias, p, out, setup_for(options, out), counts, control);
  }
  return conv2d_kernel_name(p, isa);
}

std::string separable(const Tensor& input, const Tensor& dw_weights,
                      const std::vector<float>& dw_bias, const Tensor& pw_weights,
                      const std::vector<float>& pw_bias, const ConvParams& dw, const ConvParams& pw,
                      Tensor& out, const FastOptions& options, OpCounts* dw_counts,
                      OpCounts* pw_counts, Tensor* intermediate, const RunControl* control) {
  const IsaKernels& isa = isa_of(options);
  if (options.allow_fused && !intermediate && can_fuse(dw, pw)) {
    const Shape3 s = output_shape(dw, input.dim(1), input.dim(2));
    reference::check_shapes(input, dw_weights, dw_bias, dw);
    // Only the channel count of the pointwise input is checked: a 1x1 stand-in will do.
    reference::check_shapes(Tensor({s.c, 1, 1}), pw_weights, pw_bias, pw);
    const Shape3 o = output_shape(pw, s.h, s.w);
    const std::vector<int> shape = {o.c, o.h, o.w};
    if (out.shape() != shape) out = Tensor(shape);
    fused_separable(input, dw_weights, dw_bias, pw_weights, pw_bias, dw, pw, out,
                    setup_for(options, out), dw_counts, pw_counts, control);
    return "fast/fused-" + dw_name(dw) + "+pointwise-" + isa.name;
  }
  Tensor local_mid;
  Tensor& mid = intermediate ? *intermediate : local_mid;
  const std::string first =
      conv2d(input, dw_weights, dw_bias, dw, mid, options, dw_counts, control);
  const std::string second = conv2d(mid, pw_weights, pw_bias, pw, out, options, pw_counts, control);
  return first + " then " + second;
}

}  // namespace sepconv::fast
