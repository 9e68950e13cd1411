// The layer option table (layer_options.h): parsers with their limits, and defaults read
// from a default-constructed LayerChoice so the help can never disagree with the code.
#include "layer_options.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "bias_source.h"

namespace sepconv {
namespace {

std::string quoted(const std::string& text) {
  return "'" + text + "'";
}

// Parses a whole decimal integer in [lo, hi]; never overflows (strtoll saturates, and
// anything beyond the limit is refused before it is stored in an int).
std::string parse_int(const char* flag, const std::string& text, long long lo, long long hi,
                      long long* out) {
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end == text.c_str() || *end != '\0') {
    return std::string(flag) + " " + quoted(text) + " is not a whole number";
  }
  if (errno == ERANGE || v < lo || v > hi) {
    return std::string(flag) + " = " + text + " is outside " + std::to_string(lo) + ".." +
           std::to_string(hi);
  }
  *out = v;
  return "";
}

template <int LayerSpec::*Field, long long Lo, long long Hi>
std::string set_spec_int(LayerChoice& c, const char* flag, const std::string& text) {
  long long v = 0;
  std::string why = parse_int(flag, text, Lo, Hi, &v);
  if (why.empty()) c.spec.*Field = static_cast<int>(v);
  return why;
}

std::string kernel_names() {
  std::string s;
  for (KernelPreset p : all_kernel_presets())
    s += (s.empty() ? "" : ", ") + std::string(to_string(p));
  return s;
}

std::string mix_names() {
  std::string s;
  for (MixPreset p : all_mix_presets()) s += (s.empty() ? "" : ", ") + std::string(to_string(p));
  return s;
}

std::string padding_text(const LayerSpec& s) {
  if (s.pad_policy == PadPolicy::Explicit) return std::to_string(s.pad_amount);
  return to_string(s.pad_policy);
}

std::string apply_padding(LayerChoice& c, const std::string& text) {
  if (text == "same" || text == "valid") {
    c.spec.pad_policy = text == "same" ? PadPolicy::Same : PadPolicy::Valid;
    return "";
  }
  long long v = 0;
  if (!parse_int("--padding", text, 0, LayerLimits::kMaxPadding, &v).empty()) {
    return "--padding " + quoted(text) + " must be same, valid or a number of pixels 0.." +
           std::to_string(LayerLimits::kMaxPadding);
  }
  c.spec.pad_policy = PadPolicy::Explicit;
  c.spec.pad_amount = static_cast<int>(v);
  return "";
}

std::string apply_std_kernel(LayerChoice& c, const std::string& text) {
  if (text == "composed") {
    c.compose_standard = true;
    c.std_preset = KernelPreset::Random;
    return "";
  }
  KernelPreset p;
  if (!parse_kernel_preset(text, &p)) {
    return "--std-kernel " + quoted(text) + " must be composed or a kernel preset (" +
           kernel_names() + ")";
  }
  c.compose_standard = false;
  c.std_preset = p;
  return "";
}

std::string apply_engine(LayerChoice& c, const std::string& text) {
  if (text == "fast" || text == "reference") {
    c.engine = text == "fast" ? EngineKind::Fast : EngineKind::Reference;
    return "";
  }
  return "--engine " + quoted(text) + " must be fast or reference";
}

// A flag without a value: "" (as on the command line) or "true" sets it, "false"
// clears it (lesson files write flags as JSON booleans).
std::string set_flag(const char* flag, const std::string& text, bool* out) {
  if (text.empty() || text == "true" || text == "false") {
    *out = text != "false";
    return "";
  }
  return std::string(flag) + " takes no value, or true or false, not " + quoted(text);
}

#define SPEC_INT(flag, field, lo, hi)                           \
  [](LayerChoice& c, const std::string& t) {                    \
    return set_spec_int<&LayerSpec::field, lo, hi>(c, flag, t); \
  },                                                            \
      [](const LayerChoice& c) { return std::to_string(c.spec.field); }

#define FILE_OPTION(field)                   \
  [](LayerChoice& c, const std::string& t) { \
    c.files.field = t;                       \
    return std::string();                    \
  },                                         \
      [](const LayerChoice& c) { return c.files.field; }

// A bias option keeps its text (zero, random, a constant or a file) once it parses;
// none is kept as "" and shown as "none".
#define BIAS_OPTION(flag, field)                                             \
  [](LayerChoice& c, const std::string& t) {                                 \
    BiasSource parsed;                                                       \
    std::string why = parse_bias_source(flag, t, &parsed);                   \
    if (why.empty()) c.files.field = parsed.kind == BiasKind::None ? "" : t; \
    return why;                                                              \
  },                                                                         \
      [](const LayerChoice& c) {                                             \
        return c.files.field.empty() ? std::string("none") : c.files.field;  \
      }

}  // namespace

std::string working_size_text(const WorkingSize& size) {
  if (size.full()) return "full";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%gMP", size.megapixels);
  return buf;
}

std::string parse_working_size(const std::string& text, WorkingSize* out) {
  if (text == "full") {
    *out = WorkingSize{};
    return "";
  }
  std::string number = text;
  if (number.size() > 2) {
    const std::string unit = number.substr(number.size() - 2);
    if (unit == "MP" || unit == "mp" || unit == "Mp") number.resize(number.size() - 2);
  }
  char* end = nullptr;
  const double v = std::strtod(number.c_str(), &end);
  if (number.empty() || end == number.c_str() || *end != '\0' || !std::isfinite(v) ||
      v < LayerLimits::kMinWorkingMegapixels || v > LayerLimits::kMaxWorkingMegapixels) {
    return "--working-size " + quoted(text) + " must be full or a size in megapixels " +
           "0.01MP..1000MP, e.g. 12MP";
  }
  out->megapixels = v;
  return "";
}

const std::vector<LayerOption>& layer_options() {
  using L = LayerLimits;
  static const std::vector<LayerOption> table = {
      {"--dk", "DK", "kernel size Dk (1..63)", SPEC_INT("--dk", dk, 1, L::kMaxDk)},
      {"--m", "M",
       "input channels M (1..256; beyond the image's channels a feature stack is derived)",
       SPEC_INT("--m", m, 1, 256)},
      {"--n", "N", "output channels N (1..4096)", SPEC_INT("--n", n, 1, L::kMaxN)},
      {"--stride", "S", "stride (1..1024)", SPEC_INT("--stride", stride, 1, L::kMaxStride)},
      {"--padding", "P", "padding: same, valid, or a number of pixels per side (0..4096)",
       apply_padding, [](const LayerChoice& c) { return padding_text(c.spec); }},
      {"--pad-mode", "MODE", "padding mode: zero, reflect or replicate",
       [](LayerChoice& c, const std::string& t) {
         return parse_pad_mode(t, &c.spec.pad_mode)
                    ? std::string()
                    : "--pad-mode " + quoted(t) + " must be zero, reflect or replicate";
       },
       [](const LayerChoice& c) { return std::string(to_string(c.spec.pad_mode)); }},
      {"--dilation", "D", "dilation (1..1024)",
       SPEC_INT("--dilation", dilation, 1, L::kMaxDilation)},
      {"--groups", "G", "groups of the standard path (1..M, divides M and N)",
       SPEC_INT("--groups", groups, 1, 256)},
      {"--multiplier", "K", "depth multiplier K: the depthwise stage makes M*K channels (1..64)",
       SPEC_INT("--multiplier", depth_multiplier, 1, L::kMaxMultiplier)},
      {"--convolution", nullptr, "true convolution (flipped kernel) instead of cross-correlation",
       [](LayerChoice& c, const std::string& t) {
         return set_flag("--convolution", t, &c.spec.flip_kernel);
       },
       [](const LayerChoice& c) { return std::string(c.spec.flip_kernel ? "true" : "false"); }},
      {"--kernel", "PRESET",
       "depthwise kernel preset: identity, box, gaussian, sharpen, sobel-x, sobel-y, laplacian, "
       "emboss, random",
       [](LayerChoice& c, const std::string& t) {
         return parse_kernel_preset(t, &c.kernel)
                    ? std::string()
                    : "--kernel " + quoted(t) + " is not a kernel preset (" + kernel_names() + ")";
       },
       [](const LayerChoice& c) { return std::string(to_string(c.kernel)); }},
      {"--mix", "PRESET", "pointwise preset: identity, grayscale, swap, random",
       [](LayerChoice& c, const std::string& t) {
         return parse_mix_preset(t, &c.mix)
                    ? std::string()
                    : "--mix " + quoted(t) + " must be one of " + mix_names();
       },
       [](const LayerChoice& c) { return std::string(to_string(c.mix)); }},
      {"--separable", "KIND",
       "which separable layer: depthwise (depthwise then pointwise) or spatial (each depthwise "
       "kernel as a column then a row; needs rank-1 kernels such as sobel-x)",
       [](LayerChoice& c, const std::string& t) {
         return parse_separable_kind(t, &c.separable)
                    ? std::string()
                    : "--separable " + quoted(t) + " must be depthwise or spatial";
       },
       [](const LayerChoice& c) { return std::string(to_string(c.separable)); }},
      {"--std-kernel", "KIND",
       "standard kernel: composed (from the separable one, the outputs match; needs groups = 1 "
       "and K = 1, else random) or a kernel preset",
       apply_std_kernel,
       [](const LayerChoice& c) {
         return std::string(c.compose_standard ? "composed" : to_string(c.std_preset));
       }},
      {"--seed", "SEED", "seed of the random presets",
       [](LayerChoice& c, const std::string& t) {
         long long v = 0;
         std::string why = parse_int("--seed", t, 0, std::numeric_limits<long long>::max(), &v);
         if (why.empty()) c.seed = static_cast<uint64_t>(v);
         return why;
       },
       [](const LayerChoice& c) { return std::to_string(c.seed); }},
      {"--std-weights", "FILE", "standard weights .npy [N, M/groups, Dk, Dk]",
       FILE_OPTION(standard)},
      {"--dw-weights", "FILE", "depthwise weights .npy [M*K, 1, Dk, Dk]", FILE_OPTION(depthwise)},
      {"--pw-weights", "FILE", "pointwise weights .npy [N, M*K, 1, 1] or [N, M*K]",
       FILE_OPTION(pointwise)},
      {"--bias-std", "BIAS",
       "standard bias [N]: none, zero, random, a constant, or a .npy file (composed: none gives "
       "P * b_dw + b_pw, so the outputs still match)",
       BIAS_OPTION("--bias-std", standard_bias)},
      {"--bias-dw", "BIAS", "depthwise bias [M*K]: none, zero, random, a constant, or a .npy file",
       BIAS_OPTION("--bias-dw", depthwise_bias)},
      {"--bias-pw", "BIAS", "pointwise bias [N]: none, zero, random, a constant, or a .npy file",
       BIAS_OPTION("--bias-pw", pointwise_bias)},
      {"--engine", "ENGINE", "fast or reference", apply_engine,
       [](const LayerChoice& c) { return std::string(to_string(c.engine)); }},
      {"--threads", "T", "threads for the fast engine (0 = all cores, up to 256)",
       [](LayerChoice& c, const std::string& t) {
         long long v = 0;
         std::string why = parse_int("--threads", t, 0, LayerLimits::kMaxThreads, &v);
         if (why.empty()) c.threads = static_cast<int>(v);
         return why;
       },
       [](const LayerChoice& c) { return std::to_string(c.threads); }},
      {"--working-size", "SIZE",
       "compute at full size, or shrink the image to at most this many megapixels, e.g. 6MP",
       [](LayerChoice& c, const std::string& t) { return parse_working_size(t, &c.working_size); },
       [](const LayerChoice& c) { return working_size_text(c.working_size); }},
  };
  return table;
}

std::string default_text(const LayerOption& option) {
  return option.value_text(LayerChoice{});
}

std::vector<LayerFlagValue> layer_flag_values(const LayerChoice& choice) {
  std::vector<LayerFlagValue> out;
  for (const LayerOption& o : layer_options()) {
    std::string text = o.value_text(choice);
    if (text != default_text(o)) out.push_back({o.name, std::move(text)});
  }
  return out;
}

const LayerOption* find_layer_option(const std::string& name) {
  for (const LayerOption& o : layer_options())
    if (name == o.name) return &o;
  return nullptr;
}

}  // namespace sepconv
