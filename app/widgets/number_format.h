// Number formatting shared by the plot widget and the panels: thousands separators,
// magnitudes (1.2 G) and tick labels that stay short on a projector.
#pragma once

#include <cstdint>
#include <string>

namespace sepconv::app {

// 1234567 -> "1,234,567"; negative numbers keep their sign.
std::string FormatThousands(int64_t value);

// Short magnitude with an SI suffix: 950 -> "950", 7225344 -> "7.2 M", 123456 -> "123 k".
// One decimal below 100 of the unit, none above; non-finite values print as "inf"/"nan".
std::string FormatMagnitude(double value);

// Exact count plus its magnitude when it helps: "7,225,344 (7.2 M)", or "27".
std::string FormatCount(int64_t value);

// Full precision for tooltips: integers (and values from 1000 up, rounded) with separators,
// others with 6 significant digits.
std::string FormatExact(double value);

// A tick label for `value` on an axis whose ticks are `step` apart: just enough
// decimals to tell neighbouring ticks apart, with an SI suffix for large values.
std::string FormatTickLabel(double value, double step);

}  // namespace sepconv::app
