// The target ratios timed a second way: both sides of each ratio run in alternation,
// round after round, so a slow spell of the shared host (another tenant on the same
// cores) lands on both sides instead of on whichever row happened to run during it.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace sepconv::bench {

// One side of a ratio: a name for the printout and one timed call.
struct Side {
  std::string name;
  std::function<void()> run;
};

// Seconds of one call of each side, side by side: seconds[round][side]. A side whose
// call is short is called several times in its turn (about 50 ms) and its fastest call
// counts, so a 2 ms layer is not judged on one call.
std::vector<std::vector<double>> time_in_alternation(const std::vector<Side>& sides, int rounds);

// The per-round ratios seconds[r][numerator] / seconds[r][denominator], sorted.
std::vector<double> sorted_ratios(const std::vector<std::vector<double>>& seconds, int numerator,
                                  int denominator);

// Fastest round of one side, in seconds.
double best_of(const std::vector<std::vector<double>>& seconds, int side);

// Runs the target pairs in alternation (2 threads, 1080 x 1920) and prints their ratios:
// separable (fused) against our standard, oneDNN against ours (depthwise, standard),
// pointwise against the peak-FMA probe, OpenCV against ours (3-channel depthwise).
void print_alternating_targets(int rounds);

}  // namespace sepconv::bench
