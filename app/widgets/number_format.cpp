// Number formatting for the panels and plot labels; see number_format.h.
#include "widgets/number_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "text_format.h"

namespace sepconv::app {
namespace {

struct Unit {
  double scale;
  const char* suffix;
};

// SI units from the largest down; the last one has no suffix.
constexpr Unit kUnits[] = {{1e18, " E"}, {1e15, " P"}, {1e12, " T"}, {1e9, " G"},
                           {1e6, " M"},  {1e3, " k"},  {1.0, ""}};

std::string Printf(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

const Unit& UnitFor(double magnitude) {
  for (const Unit& unit : kUnits) {
    if (magnitude >= unit.scale) return unit;
  }
  return kUnits[std::size(kUnits) - 1];
}

}  // namespace

std::string FormatThousands(int64_t value) {
  return sepconv::format_thousands(value);
}

std::string FormatMagnitude(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  const double magnitude = std::fabs(value);
  if (magnitude < 1000.0) {
    if (magnitude == std::floor(magnitude)) return Printf("%.0f", value);
    return Printf("%.3g", value);
  }
  // Rounding can carry a mantissa to 1000 (999,960 -> "1000.0 k"): then use the next unit.
  const Unit* unit = &UnitFor(magnitude);
  double mantissa = value / unit->scale;
  std::string text = Printf(std::fabs(mantissa) < 99.95 ? "%.1f" : "%.0f", mantissa);
  if (std::fabs(std::stod(text)) >= 1000.0 && unit != &kUnits[0]) {
    --unit;
    mantissa = value / unit->scale;
    text = Printf("%.1f", mantissa);
  }
  return text + unit->suffix;
}

std::string FormatCount(int64_t value) {
  const std::string exact = FormatThousands(value);
  if (value > -1000 && value < 1000) return exact;
  return exact + " (" + FormatMagnitude(static_cast<double>(value)) + ")";
}

std::string FormatExact(double value) {
  if (!std::isfinite(value)) return FormatMagnitude(value);
  // Doubles hold integers exactly up to 2^53; beyond that the digits would be invented.
  if (value == std::floor(value) && std::fabs(value) < 9.0e15) {
    return FormatThousands(static_cast<int64_t>(value));
  }
  // Large values read better as whole numbers with separators than in e-notation.
  if (std::fabs(value) >= 1000.0 && std::fabs(value) < 9.0e15) {
    return FormatThousands(std::llround(value));
  }
  return Printf("%.6g", value);
}

std::string FormatTickLabel(double value, double step) {
  if (!std::isfinite(value)) return FormatMagnitude(value);
  step = std::fabs(step);
  if (!(step > 0) || !std::isfinite(step)) step = std::fabs(value) > 0 ? std::fabs(value) : 1.0;
  // A value tiny against the step is zero that picked up rounding error on the way.
  if (std::fabs(value) < step * 1e-9) return "0";
  // Beyond the SI units (or far below 1) fixed notation runs out of digits: use powers of ten
  // with as many digits as the step needs, so neighbouring labels still differ.
  if (std::fabs(value) < 1e-4 || std::fabs(value) >= 1e21) {
    const double digits = std::floor(std::log10(std::fabs(value))) - std::floor(std::log10(step));
    char format[16];
    std::snprintf(format, sizeof format, "%%.%de", static_cast<int>(std::clamp(digits, 0.0, 15.0)));
    return Printf(format, value);
  }
  const Unit& unit = UnitFor(std::fabs(value));
  const double scaled_step = step / unit.scale;
  int decimals = 0;
  if (scaled_step < 1.0) decimals = static_cast<int>(std::ceil(-std::log10(scaled_step) - 1e-9));
  if (decimals > 12) decimals = 12;
  char format[16];
  std::snprintf(format, sizeof format, "%%.%df", decimals);
  return Printf(format, value / unit.scale) + unit.suffix;
}

}  // namespace sepconv::app
