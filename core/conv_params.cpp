// Padding resolution, validation and the mapping from the lesson's layer spec to
// the conv2d of each path. Every message names the parameter and its limit.
#include "conv_params.h"

#include <algorithm>

#include "error.h"

namespace sepconv {
namespace {

[[noreturn]] void reject(const std::string& message) {
  throw Error(ErrorKind::InvalidParameter, message);
}

void require_at_least(const char* name, int value, int minimum) {
  if (value < minimum) {
    reject(std::string(name) + " = " + std::to_string(value) + " must be at least " +
           std::to_string(minimum));
  }
}

// Total "same" padding for one axis: output = ceil(in / stride).
int same_total(int in, int kernel, int stride, int dilation) {
  const int out = (in + stride - 1) / stride;
  const int span = dilation * (kernel - 1) + 1;
  return std::max((out - 1) * stride + span - in, 0);
}

int out_extent(int in, int pad_before, int pad_after, int kernel, int stride, int dilation) {
  const int span = dilation * (kernel - 1) + 1;
  return (in + pad_before + pad_after - span) / stride + 1;
}

}  // namespace

Padding resolve_padding(PadPolicy policy, int amount, int in_h, int in_w, int kernel_h,
                        int kernel_w, int stride_h, int stride_w, int dilation_h, int dilation_w) {
  Padding p;
  switch (policy) {
    case PadPolicy::Explicit:
      require_at_least("padding", amount, 0);
      p.top = p.bottom = p.left = p.right = amount;
      break;
    case PadPolicy::Valid:
      break;
    case PadPolicy::Same: {
      // The extra pixel of an odd total goes after (bottom/right), as TensorFlow does.
      const int th = same_total(in_h, kernel_h, stride_h, dilation_h);
      const int tw = same_total(in_w, kernel_w, stride_w, dilation_w);
      p.top = th / 2;
      p.bottom = th - p.top;
      p.left = tw / 2;
      p.right = tw - p.left;
      break;
    }
  }
  return p;
}

void validate(const ConvParams& p, int in_h, int in_w) {
  require_at_least("input height", in_h, 1);
  require_at_least("input width", in_w, 1);
  require_at_least("input channels M", p.in_channels, 1);
  require_at_least("output channels N", p.out_channels, 1);
  require_at_least("kernel height", p.kernel_h, 1);
  require_at_least("kernel width", p.kernel_w, 1);
  require_at_least("stride", std::min(p.stride_h, p.stride_w), 1);
  require_at_least("dilation", std::min(p.dilation_h, p.dilation_w), 1);
  require_at_least("groups", p.groups, 1);
  require_at_least("padding",
                   std::min({p.padding.top, p.padding.bottom, p.padding.left, p.padding.right}), 0);
  if (p.in_channels % p.groups != 0) {
    reject("groups = " + std::to_string(p.groups) +
           " must divide the input channels M = " + std::to_string(p.in_channels));
  }
  if (p.out_channels % p.groups != 0) {
    reject("groups = " + std::to_string(p.groups) +
           " must divide the output channels = " + std::to_string(p.out_channels));
  }
  const int span_h = p.dilation_h * (p.kernel_h - 1) + 1;
  const int span_w = p.dilation_w * (p.kernel_w - 1) + 1;
  const int padded_h = in_h + p.padding.top + p.padding.bottom;
  const int padded_w = in_w + p.padding.left + p.padding.right;
  if (span_h > padded_h || span_w > padded_w) {
    reject("kernel extent " + std::to_string(span_h) + " x " + std::to_string(span_w) +
           " (kernel " + std::to_string(p.kernel_h) + " x " + std::to_string(p.kernel_w) +
           ", dilation " + std::to_string(p.dilation_h) + ") is larger than the padded input " +
           std::to_string(padded_h) + " x " + std::to_string(padded_w));
  }
  if (p.pad_mode == PadMode::Reflect) {
    // Reflection mirrors without repeating the edge, so it needs pad < size (as PyTorch).
    const int max_h = std::max(p.padding.top, p.padding.bottom);
    const int max_w = std::max(p.padding.left, p.padding.right);
    if (max_h >= in_h || max_w >= in_w) {
      reject("reflect padding " + std::to_string(std::max(max_h, max_w)) +
             " must be smaller than the input size " + std::to_string(in_h) + " x " +
             std::to_string(in_w));
    }
  }
}

void validate(const LayerSpec& spec, int in_h, int in_w) {
  require_at_least("kernel size Dk", spec.dk, 1);
  require_at_least("input channels M", spec.m, 1);
  require_at_least("output channels N", spec.n, 1);
  require_at_least("stride", spec.stride, 1);
  require_at_least("dilation", spec.dilation, 1);
  require_at_least("groups", spec.groups, 1);
  require_at_least("depth multiplier K", spec.depth_multiplier, 1);
  validate(standard_params(spec, in_h, in_w), in_h, in_w);
  validate(depthwise_params(spec, in_h, in_w), in_h, in_w);
}

Shape3 output_shape(const ConvParams& p, int in_h, int in_w) {
  validate(p, in_h, in_w);
  Shape3 s;
  s.c = p.out_channels;
  s.h = out_extent(in_h, p.padding.top, p.padding.bottom, p.kernel_h, p.stride_h, p.dilation_h);
  s.w = out_extent(in_w, p.padding.left, p.padding.right, p.kernel_w, p.stride_w, p.dilation_w);
  return s;
}

namespace {
ConvParams spatial_params(const LayerSpec& spec, int in_h, int in_w) {
  ConvParams p;
  p.kernel_h = p.kernel_w = spec.dk;
  p.stride_h = p.stride_w = spec.stride;
  p.dilation_h = p.dilation_w = spec.dilation;
  p.pad_mode = spec.pad_mode;
  p.flip_kernel = spec.flip_kernel;
  p.has_bias = spec.bias;
  if (spec.dk >= 1 && spec.stride >= 1 && spec.dilation >= 1) {
    p.padding = resolve_padding(spec.pad_policy, spec.pad_amount, in_h, in_w, spec.dk, spec.dk,
                                spec.stride, spec.stride, spec.dilation, spec.dilation);
  }
  return p;
}
}  // namespace

ConvParams standard_params(const LayerSpec& spec, int in_h, int in_w) {
  ConvParams p = spatial_params(spec, in_h, in_w);
  p.in_channels = spec.m;
  p.out_channels = spec.n;
  p.groups = spec.groups;
  return p;
}

ConvParams depthwise_params(const LayerSpec& spec, int in_h, int in_w) {
  ConvParams p = spatial_params(spec, in_h, in_w);
  p.in_channels = spec.m;
  p.out_channels = spec.m * spec.depth_multiplier;
  p.groups = spec.m;
  return p;
}

ConvParams pointwise_params(const LayerSpec& spec) {
  ConvParams p;
  p.in_channels = spec.m * spec.depth_multiplier;
  p.out_channels = spec.n;
  p.kernel_h = p.kernel_w = 1;
  p.has_bias = spec.bias;
  return p;
}

const char* to_string(PadMode mode) {
  switch (mode) {
    case PadMode::Zero:
      return "zero";
    case PadMode::Reflect:
      return "reflect";
    case PadMode::Replicate:
      return "replicate";
  }
  return "zero";
}

const char* to_string(PadPolicy policy) {
  switch (policy) {
    case PadPolicy::Explicit:
      return "explicit";
    case PadPolicy::Same:
      return "same";
    case PadPolicy::Valid:
      return "valid";
  }
  return "same";
}

bool parse_pad_mode(const std::string& text, PadMode* out) {
  if (text == "zero" || text == "zeros")
    *out = PadMode::Zero;
  else if (text == "reflect")
    *out = PadMode::Reflect;
  else if (text == "replicate")
    *out = PadMode::Replicate;
  else
    return false;
  return true;
}

}  // namespace sepconv
