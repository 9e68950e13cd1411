// Measured vs predicted speed-up for the cost panel: the times of the background job
// against the counts, with a "why they differ" note drawn from bytes moved per multiply.
#pragma once

#include <string>

#include "cost.h"
#include "cost_panel/cost_panel.h"

namespace sepconv::app {

struct TimingText {
  bool valid = false;                 // false until the job has measured both paths
  double measured_speedup = 0.0;      // standard_ms / separable_ms
  double predicted_speedup = 0.0;     // standard mults / separable mults
  double memory_bound_speedup = 0.0;  // standard bytes / separable bytes
  std::string engine_text;            // "engine fast, kernel avx2, 2 threads"
  std::string measured_text;          // "measured: 12.0 ms / 4.0 ms = 3.00×"
  std::string predicted_text;         // "predicted from multiplications: ... = 1.92×"
  std::string memory_text;            // "if memory traffic alone set the time: ... = 0.95×"
  std::string rates_text;             // achieved G mult/s per path
  std::string intensity_text;         // multiplications per byte moved per path
  std::string why;                    // why measured and predicted differ (or agree)
};

TimingText BuildTimingText(const sepconv::LayerSpec& spec, const sepconv::LayerCosts& costs,
                           const MeasuredTimes& measured);

// "3.00×"
std::string FormatSpeedup(double speedup);

}  // namespace sepconv::app
