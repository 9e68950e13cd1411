// Tracing one output value by running the engine's own per-output algorithm.
#include "trace.h"

#include "error.h"
#include "reference/conv2d.h"

namespace sepconv {

int64_t mults_before_output(const ConvParams& p, const Shape3& out, int oc, int oy, int ox) {
  const int64_t index = (static_cast<int64_t>(oc) * out.h + oy) * out.w + ox;
  return index * p.taps();
}

OutputTrace trace_output(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                         const ConvParams& p, int oc, int oy, int ox) {
  const Shape3 out = output_shape(p, input.dim(1), input.dim(2));
  reference::check_shapes(input, weights, bias, p);
  if (oc < 0 || oc >= out.c || oy < 0 || oy >= out.h || ox < 0 || ox >= out.w) {
    throw Error(ErrorKind::InvalidParameter, "trace position (" + std::to_string(oc) + ", " +
                                                 std::to_string(oy) + ", " + std::to_string(ox) +
                                                 ") is outside the output " +
                                                 shape_to_string({out.c, out.h, out.w}));
  }
  OutputTrace t;
  t.out_channel = oc;
  t.y = oy;
  t.x = ox;
  t.bias = bias.empty() ? 0.0f : bias[static_cast<size_t>(oc)];
  t.mults_before = mults_before_output(p, out, oc, oy, ox);
  t.mults_total = out.size() * p.taps();
  t.steps.reserve(static_cast<size_t>(p.taps()));
  int64_t count = t.mults_before;
  t.value = reference::compute_output_value(input, weights, bias, p, oc, oy, ox,
                                            [&](const reference::Tap& tap) {
                                              t.steps.push_back(TraceStep{tap, ++count});
                                            });
  return t;
}

}  // namespace sepconv
