// The bias choices of the option table: parsed from the option's text, then made.
#include "bias_source.h"

#include <cmath>
#include <cstdlib>

#include "npy_io.h"
#include "presets.h"

namespace sepconv {
namespace {

// Larger constants only hide the convolution in the colour map; the limit keeps every
// output finite in float32 however many bias adds a layer makes.
constexpr double kMaxBiasMagnitude = 1e6;

bool parse_number(const std::string& text, double* v) {
  if (text.empty()) return false;
  char* end = nullptr;
  *v = std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '\0';
}

}  // namespace

std::string parse_bias_source(const std::string& flag, const std::string& text, BiasSource* out) {
  BiasSource s;
  double v = 0;
  if (text.empty() || text == "none") {
    s.kind = BiasKind::None;
  } else if (text == "zero") {
    s.kind = BiasKind::Zero;
  } else if (text == "random") {
    s.kind = BiasKind::Random;
  } else if (parse_number(text, &v)) {
    if (!std::isfinite(v) || std::fabs(v) > kMaxBiasMagnitude) {
      return flag + " " + text + ": a constant bias must be a finite number from -1e6 to 1e6";
    }
    s.kind = BiasKind::Constant;
    s.value = static_cast<float>(v);
  } else {
    s.kind = BiasKind::File;
    s.file = text;
  }
  *out = s;
  return "";
}

BiasSource bias_source_of(const std::string& text) {
  BiasSource s;
  (void)parse_bias_source("bias", text, &s);
  return s;
}

bool bias_given(const std::string& text) {
  return bias_source_of(text).kind != BiasKind::None;
}

std::vector<float> make_bias(const std::string& text, int count, int fan_in, uint64_t seed) {
  const BiasSource s = bias_source_of(text);
  switch (s.kind) {
    case BiasKind::None:
      return {};
    case BiasKind::Zero:
      return std::vector<float>(static_cast<size_t>(count), 0.0f);
    case BiasKind::Constant:
      return std::vector<float>(static_cast<size_t>(count), s.value);
    case BiasKind::Random:
      return make_random_bias(count, fan_in, seed);
    case BiasKind::File:
      return read_weights_npy(s.file, {count}).to_vector();
  }
  return {};
}

}  // namespace sepconv
