// Comparing layer choices, and the one rule for a composed standard kernel.
#include "layer_choice.h"

#include "bias_source.h"
#include "layer_weights.h"

namespace sepconv {

const char* to_string(SeparableKind kind) {
  return kind == SeparableKind::Spatial ? "spatial" : "depthwise";
}

bool parse_separable_kind(const std::string& text, SeparableKind* out) {
  if (text != "depthwise" && text != "spatial") return false;
  *out = text == "spatial" ? SeparableKind::Spatial : SeparableKind::Depthwise;
  return true;
}

bool same_spec(const LayerSpec& a, const LayerSpec& b) {
  return a.dk == b.dk && a.m == b.m && a.n == b.n && a.stride == b.stride &&
         a.dilation == b.dilation && a.pad_policy == b.pad_policy && a.pad_amount == b.pad_amount &&
         a.pad_mode == b.pad_mode && a.groups == b.groups &&
         a.depth_multiplier == b.depth_multiplier && a.flip_kernel == b.flip_kernel &&
         a.bias == b.bias;
}

bool same_choice(const LayerChoice& a, const LayerChoice& b) {
  return same_spec(a.spec, b.spec) && a.kernel == b.kernel && a.mix == b.mix &&
         a.separable == b.separable && a.compose_standard == b.compose_standard &&
         a.std_preset == b.std_preset && a.seed == b.seed && a.files == b.files &&
         a.engine == b.engine && a.threads == b.threads && a.working_size == b.working_size &&
         a.custom_dw == b.custom_dw && a.custom_pw == b.custom_pw;
}

bool standard_is_composed(const LayerChoice& c) {
  return c.compose_standard && can_compose(c.spec) && c.files.standard.empty();
}

bool outputs_should_match(const LayerChoice& c) {
  return standard_is_composed(c) && !bias_given(c.files.standard_bias);
}

std::string standard_kernel_text(const LayerChoice& c) {
  if (standard_is_composed(c)) {
    if (bias_given(c.files.standard_bias))
      return "composed from the separable weights, with its own bias (" + c.files.standard_bias +
             ")";
    if (bias_given(c.files.depthwise_bias) || bias_given(c.files.pointwise_bias))
      return "composed from the separable weights, with the bias P * b_dw + b_pw";
    return "composed from the separable weights";
  }
  if (!c.files.standard.empty()) return "independent (from " + c.files.standard + ")";
  const std::string preset = std::string("independent (") + to_string(c.std_preset) + ")";
  if (!c.compose_standard) return preset;
  return preset + ": a composed kernel needs groups = 1 and K = 1";
}

}  // namespace sepconv
