// The parameters of one conv2d layer (everything but the weights), the lesson's
// layer spec (Dk, M, N, ...) and how the spec maps to each path's conv2d.
#pragma once

#include <cstdint>
#include <string>

namespace sepconv {

enum class PadMode { Zero, Reflect, Replicate };
// How padding amounts are chosen: given explicitly, "same" (output = ceil(input /
// stride), as TensorFlow defines it; equals PyTorch's 'same' at stride 1) or "valid".
enum class PadPolicy { Explicit, Same, Valid };

struct Padding {
  int top = 0, bottom = 0, left = 0, right = 0;
};

struct Shape3 {
  int c = 0, h = 0, w = 0;
  int64_t size() const { return static_cast<int64_t>(c) * h * w; }
};

// One conv2d layer. Weights are [out_channels, in_channels / groups, kernel_h, kernel_w].
struct ConvParams {
  int in_channels = 1;
  int out_channels = 1;
  int kernel_h = 3, kernel_w = 3;
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
  int groups = 1;
  Padding padding;
  PadMode pad_mode = PadMode::Zero;
  bool flip_kernel = false;  // true convolution (kernel rotated 180°) instead of cross-correlation
  bool has_bias = false;

  int taps() const { return (in_channels / groups) * kernel_h * kernel_w; }
};

// The layer the lesson talks about: input M channels, output N channels, Dk x Dk.
struct LayerSpec {
  int dk = 3;
  int m = 3;
  int n = 16;
  int stride = 1;
  int dilation = 1;
  PadPolicy pad_policy = PadPolicy::Same;
  int pad_amount = 0;  // per side, used when pad_policy is Explicit
  PadMode pad_mode = PadMode::Zero;
  int groups = 1;            // groups of the standard path (1 = standard, M = depthwise)
  int depth_multiplier = 1;  // K: the depthwise stage makes M*K channels
  bool flip_kernel = false;
  bool bias = false;
};

// Padding amounts for one axis pair; throws Error on invalid input.
Padding resolve_padding(PadPolicy policy, int amount, int in_h, int in_w, int kernel_h,
                        int kernel_w, int stride_h, int stride_w, int dilation_h, int dilation_w);

// Throws Error(InvalidParameter) naming the parameter and its limit.
void validate(const ConvParams& p, int in_h, int in_w);
void validate(const LayerSpec& spec, int in_h, int in_w);

// Output shape of a layer (validates first).
Shape3 output_shape(const ConvParams& p, int in_h, int in_w);

// The conv2d each path of the lesson runs on an H x W input.
ConvParams standard_params(const LayerSpec& spec, int in_h, int in_w);
ConvParams depthwise_params(const LayerSpec& spec, int in_h, int in_w);
// Pointwise runs on the depthwise output (already strided): 1x1, stride 1, no padding.
ConvParams pointwise_params(const LayerSpec& spec);

const char* to_string(PadMode mode);
const char* to_string(PadPolicy policy);
bool parse_pad_mode(const std::string& text, PadMode* out);

}  // namespace sepconv
