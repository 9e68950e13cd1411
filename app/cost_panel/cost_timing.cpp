// Compares the job's measured times with the cost model; see cost_timing.h.
#include "cost_panel/cost_timing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "text_format.h"
#include "widgets/number_format.h"

namespace sepconv::app {
namespace {

std::string Fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

double Intensity(const sepconv::OpCost& c) {
  return c.bytes() > 0 ? static_cast<double>(c.mults) / static_cast<double>(c.bytes()) : 0.0;
}

// Multiplications per second in G; 0 when the time is missing.
double Rate(int64_t mults, double ms) {
  return ms > 0.0 ? mults / (ms * 1e6) : 0.0;
}

}  // namespace

std::string FormatSpeedup(double speedup) {
  if (!std::isfinite(speedup) || speedup <= 0.0) return "n/a";
  return Fixed(speedup, 2) + "×";
}

TimingText BuildTimingText(const sepconv::LayerSpec& spec, const sepconv::LayerCosts& c,
                           const MeasuredTimes& measured) {
  TimingText t;
  t.predicted_speedup = static_cast<double>(c.standard.mults) / c.separable.mults;
  t.memory_bound_speedup = static_cast<double>(c.standard.bytes()) / c.separable.bytes();
  t.predicted_text = "predicted from multiplications: " + FormatThousands(c.standard.mults) +
                     " / " + FormatThousands(c.separable.mults) + " = " +
                     FormatSpeedup(t.predicted_speedup);
  t.memory_text = "if memory traffic alone set the time: " + FormatMagnitude(c.standard.bytes()) +
                  "B / " + FormatMagnitude(c.separable.bytes()) +
                  "B moved = " + FormatSpeedup(t.memory_bound_speedup);
  t.intensity_text = "multiplications per byte moved: standard " + Fixed(Intensity(c.standard), 2) +
                     ", depthwise " + Fixed(Intensity(c.depthwise), 2) + ", pointwise " +
                     Fixed(Intensity(c.pointwise), 2);
  if (!measured.valid || measured.standard_ms <= 0.0 || measured.separable_ms <= 0.0) return t;

  t.valid = true;
  t.measured_speedup = measured.standard_ms / measured.separable_ms;
  t.engine_text = "engine " + (measured.engine.empty() ? std::string("?") : measured.engine) +
                  (measured.kernel.empty() ? "" : ", kernel " + measured.kernel) + ", " +
                  std::to_string(measured.threads) +
                  (measured.threads == 1 ? " thread" : " threads") +
                  (measured.size_text.empty() ? "" : ", on " + measured.size_text);
  t.measured_text = "measured: " + sepconv::format_duration(measured.standard_ms) + " / " +
                    sepconv::format_duration(measured.separable_ms) + " = " +
                    FormatSpeedup(t.measured_speedup);
  const double r_std = Rate(c.standard.mults, measured.standard_ms);
  const double r_dw = Rate(c.depthwise.mults, measured.depthwise_ms);
  const double r_pw = Rate(c.pointwise.mults, measured.pointwise_ms);
  t.rates_text = "achieved G multiplications/s: standard " + Fixed(r_std, 2) + ", depthwise " +
                 Fixed(r_dw, 2) + ", pointwise " + Fixed(r_pw, 2);

  // The prediction assumes every multiplication costs the same time. It does not when a
  // stage waits for memory: the depthwise stage reads and writes whole feature maps for
  // only Dk² multiplications per output value.
  const int per_output_std = spec.dk * spec.dk * (spec.m / std::max(spec.groups, 1));
  const int per_output_dw = spec.dk * spec.dk;
  std::string why;
  const double ratio = t.measured_speedup / t.predicted_speedup;
  if (ratio < 0.8) {
    why = "The measured speed-up is below the prediction. ";
  } else if (ratio > 1.25) {
    why = "The measured speed-up is above the prediction. ";
  } else {
    why = "Measured and predicted agree within 25%. ";
  }
  if (Intensity(c.depthwise) < Intensity(c.standard)) {
    why += "The depthwise stage does " + std::to_string(per_output_dw) +
           " multiplications per output value against " + std::to_string(per_output_std) +
           " for the standard layer, while moving similar bytes, so memory traffic rather "
           "than arithmetic tends to set its time";
    if (r_dw > 0.0 && r_std > 0.0) {
      why += " (here it ran at " + Fixed(r_dw, 2) + " G/s against " + Fixed(r_std, 2) + " G/s)";
    }
    why += ". ";
  }
  const int64_t intermediate = 4 * c.depthwise.out.size();
  why += "The separable path also writes its " + std::to_string(c.depthwise.out.c) +
         " intermediate maps and reads them back (" + FormatMagnitude(2.0 * intermediate) +
         "B) unless the two stages are fused. ";
  if (ratio > 1.25) {
    why +=
        "A faster-than-predicted result means the standard layer ran at a lower rate, for "
        "example because its larger working set misses the cache; on small images timings "
        "are noisy, so measure again. ";
  }
  if (measured.engine == "reference") {
    why +=
        "The reference engine is plain loops without SIMD; the fast engine shows the memory "
        "effects more strongly.";
  }
  if (!why.empty() && why.back() == ' ') why.pop_back();
  t.why = why;
  return t;
}

}  // namespace sepconv::app
