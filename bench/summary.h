// Results of the benchmark rows, the probes they are compared with, and the printed
// tables (every row, then the targets).
#pragma once

#include <map>
#include <string>

#include "layers.h"
#include "probes.h"

namespace sepconv::bench {

struct Probes {
  PeakFma peak[3];  // by thread count 1, 2 (index 0 unused)
  double copy_gbs[3] = {0, 0, 0};
};

Probes measure_probes();
void print_probes(const Probes& p);

struct RowResult {
  std::string peer;
  Layer layer;
  int threads = 1;
  double ms = 0;
  double gflops = 0, gbs = 0, pct_peak = 0, pct_bw = 0;
  std::string kernel;
};

// "ours:dw/k3/s1/M64/1080x1920/t2": the benchmark name and the results key.
std::string row_key(const std::string& peer, const Layer& layer, int threads);

RowResult make_result(const std::string& peer, const Layer& layer, int threads, double seconds,
                      const std::string& kernel, const Probes& probes);

// Markdown table: our rows with their peers' time divided by ours.
void print_table(const std::map<std::string, RowResult>& results);
// The targets, each with the measured numbers it is judged on.
void print_targets(const std::map<std::string, RowResult>& results, const Probes& probes);

}  // namespace sepconv::bench
