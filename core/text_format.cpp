// Thousands separators on the unsigned magnitude, so INT64_MIN does not overflow;
// durations in the unit that keeps three significant digits.
#include "text_format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace sepconv {

std::string format_thousands(int64_t value) {
  const bool negative = value < 0;
  const uint64_t magnitude =
      negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  const std::string digits = std::to_string(magnitude);
  std::string out = negative ? "-" : "";
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string printable(const std::string& text, size_t max_bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < text.size() && i < max_bytes; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  if (text.size() > max_bytes) out += "...";
  return out;
}

std::string format_duration(double ms) {
  if (!std::isfinite(ms) || ms < 0.0) return "n/a";
  // A tiny layer finishes in microseconds: "0.0 ms" would tell a class nothing.
  struct Unit {
    double per_ms;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{1000.0, " \u00b5s"}, {1.0, " ms"}, {0.001, " s"}};
  size_t u = ms < 1.0 ? 0 : ms < 1000.0 ? 1 : 2;
  // Three significant digits, counted after rounding: 9.999 prints as "10.0", 99.96 as
  // "100", and 999.7 ms as "1.00 s" (the next unit, once rounding reaches 1000).
  char text[64];
  for (;;) {
    const double value = ms * kUnits[u].per_ms;
    if (value >= 1e15) return "n/a";  // beyond any measured time; keeps text[] short
    for (int decimals = 2; decimals >= 0; --decimals) {
      std::snprintf(text, sizeof text, "%.*f", decimals, value);
      if (decimals == 0 || std::atof(text) < std::pow(10.0, 3 - decimals)) break;
    }
    if (std::atof(text) < 1000.0 || u == 2) break;
    ++u;
  }
  return text + std::string(kUnits[u].name);
}

}  // namespace sepconv
