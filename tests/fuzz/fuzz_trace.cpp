// Fuzz target: the trace of one output (core/trace.h), which the animation shows. The
// bytes choose a small conv2d (channels, groups, kernel, stride, dilation, padding and its
// mode, flip, bias), the input and weight values and the output position; the trace must
// agree with the reference engine value for value, with the instrumented counts and the
// closed forms (core/cost.h), and with the fast engine within rounding.
#include <cmath>
#include <vector>

#include "cost.h"
#include "engine.h"
#include "fuzz_support.h"
#include "reference/conv2d.h"
#include "trace.h"

using namespace sepconv;

namespace {

// At most 4 x 4 channels, 5 x 5 kernels and 12 x 12 inputs: each run takes microseconds.
ConvParams params_from(fuzz::ByteReader& in) {
  ConvParams p;
  p.groups = in.next(1, 4);
  p.in_channels = p.groups * in.next(1, 2);
  p.out_channels = p.groups * in.next(1, 2);
  if (in.next(0, 7) == 0) p.out_channels += in.next(1, 3);  // groups that do not divide
  p.kernel_h = in.next(1, 5);
  p.kernel_w = in.next(1, 5);
  p.stride_h = in.next(1, 3);
  p.stride_w = in.next(1, 3);
  p.dilation_h = in.next(1, 3);
  p.dilation_w = in.next(1, 3);
  p.padding = {in.next(0, 4), in.next(0, 4), in.next(0, 4), in.next(0, 4)};
  p.pad_mode = static_cast<PadMode>(in.next(0, 2));
  p.flip_kernel = in.next_bool();
  p.has_bias = in.next_bool();
  return p;
}

// Small multiples of 1/8 in [-2, 2): sums are exact, so any difference is a real one.
Tensor values_from(fuzz::ByteReader& in, std::vector<int> shape) {
  Tensor t(std::move(shape));
  for (int64_t i = 0; i < t.size(); ++i) t.data()[i] = static_cast<float>(in.next(0, 31) - 16) / 8;
  return t;
}

void check_trace(const OutputTrace& t, const Tensor& input, const Tensor& weights,
                 const std::vector<float>& bias, const ConvParams& p, const Tensor& out, int oc,
                 int oy, int ox) {
  const int64_t taps = p.taps();
  fuzz::check(static_cast<int64_t>(t.steps.size()) == taps);
  // Where the output sits in the engine's order: channel, row, column.
  const int64_t index = (static_cast<int64_t>(oc) * out.dim(1) + oy) * out.dim(2) + ox;
  fuzz::check(t.mults_before == index * taps);
  fuzz::check(t.mults_total == conv_cost(p, input.dim(1), input.dim(2)).mults);
  fuzz::check(t.value == out.at(oc, oy, ox));  // the same code in the same order
  fuzz::check(t.bias == (bias.empty() ? 0.0f : bias[static_cast<size_t>(oc)]));
  const int in_per_group = p.in_channels / p.groups;
  const int group = oc / (p.out_channels / p.groups);
  float sum = t.bias;
  for (size_t i = 0; i < t.steps.size(); ++i) {
    const TraceStep& s = t.steps[i];
    const reference::Tap& tap = s.tap;
    fuzz::check(s.cumulative_mults == t.mults_before + static_cast<int64_t>(i) + 1);
    fuzz::check(tap.in_channel >= group * in_per_group &&
                tap.in_channel < (group + 1) * in_per_group);
    const bool inside =
        tap.iy >= 0 && tap.iy < input.dim(1) && tap.ix >= 0 && tap.ix < input.dim(2);
    fuzz::check(tap.padded == !inside);
    if (inside) fuzz::check(tap.input == input.at(tap.in_channel, tap.iy, tap.ix));
    if (tap.padded && p.pad_mode == PadMode::Zero) fuzz::check(tap.input == 0.0f);
    fuzz::check(tap.weight ==
                weights.at(oc, tap.in_channel - group * in_per_group, tap.ky, tap.kx));
    fuzz::check(tap.product == tap.input * tap.weight);
    sum += tap.product;
    fuzz::check(tap.running_sum == sum);
  }
  fuzz::check(t.steps.empty() || t.steps.back().tap.running_sum == t.value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::ByteReader in(data, size);
  const ConvParams p = params_from(in);
  const int h = in.next(1, 12), w = in.next(1, 12);
  Shape3 shape;
  try {
    shape = output_shape(p, h, w);
  } catch (const Error& e) {
    fuzz::check_refusal(e, ErrorKind::InvalidParameter);
    return 0;
  }
  fuzz::check(shape.c == p.out_channels && shape.h >= 1 && shape.w >= 1);
  // One past either end now and then, which the trace must refuse.
  const int oc = in.next(-1, shape.c), oy = in.next(-1, shape.h), ox = in.next(-1, shape.w);
  const Tensor input = values_from(in, {p.in_channels, h, w});
  const Tensor weights =
      values_from(in, {p.out_channels, p.in_channels / p.groups, p.kernel_h, p.kernel_w});
  const std::vector<float> bias =
      p.has_bias ? values_from(in, {p.out_channels}).to_vector() : std::vector<float>{};
  const bool inside = oc >= 0 && oc < shape.c && oy >= 0 && oy < shape.h && ox >= 0 && ox < shape.w;
  OutputTrace t;
  try {
    t = trace_output(input, weights, bias, p, oc, oy, ox);
  } catch (const Error& e) {
    fuzz::check(!inside);
    fuzz::check_refusal(e, ErrorKind::InvalidParameter);
    return 0;
  }
  fuzz::check(inside);
  OpCounts counts;
  const Tensor out = reference::conv2d(input, weights, bias, p, &counts);
  fuzz::check(out.dim(0) == shape.c && out.dim(1) == shape.h && out.dim(2) == shape.w);
  fuzz::check(counts.mults == t.mults_total);
  check_trace(t, input, weights, bias, p, out, oc, oy, ox);
  // The fast engine computes what the animation shows, within float rounding.
  const Tensor fast = run_conv2d(input, weights, bias, p, EngineOptions{EngineKind::Fast, 1});
  float magnitude = std::fabs(t.bias);
  for (const TraceStep& s : t.steps) magnitude += std::fabs(s.tap.product);
  fuzz::check(std::fabs(fast.at(oc, oy, ox) - t.value) <= 1e-5f * magnitude + 1e-6f);
  return 0;
}
