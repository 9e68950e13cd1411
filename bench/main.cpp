// sepconv_bench: the benchmark matrix of issue 6 (our fast engine and its peers), with
// a peak-FMA and a copy-bandwidth probe measured in the same run, then a table of every
// row and a summary of the targets. Default: the target rows; --full: the whole matrix.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "alternation.h"
#include "layers.h"
#include "peers.h"
#include "probes.h"
#include "summary.h"

namespace sepconv::bench {
namespace {

using Factory = std::function<std::unique_ptr<Runner>(const Layer&, int)>;

struct Peer {
  std::string name;  // "ours", "onednn", ...
  Factory make;
};

const std::vector<Peer>& peers() {
  static const std::vector<Peer> all = {{"ours", make_our_runner},
                                        {"onednn", make_onednn_runner},
                                        {"opencv", make_opencv_runner},
                                        {"openblas", make_openblas_runner}};
  return all;
}

Probes g_probes;
std::map<std::string, RowResult> g_results;
int g_repetitions = 3;

// One runner alive at a time: gigabyte tensors are built once per row, not per call.
Runner* cached_runner(const std::string& key, const Peer& peer, const Layer& layer, int threads,
                      bool* available) {
  static std::string cached_key;
  static std::unique_ptr<Runner> cached;
  if (key != cached_key) {
    cached.reset();
    cached = peer.make(layer, threads);
    cached_key = key;
    // One untimed run for every peer: first-touch page faults of outputs a peer allocates
    // itself, JIT and thread-pool start-up are not what the rows compare.
    if (cached) cached->run();
  }
  *available = cached != nullptr;
  return cached.get();
}

void run_row(benchmark::State& state, const Peer& peer, const Layer& layer, int threads) {
  const std::string key = row_key(peer.name, layer, threads);
  bool available = false;
  Runner* runner = cached_runner(key, peer, layer, threads, &available);
  if (!available) {
    state.SkipWithError("peer not built or not applicable");
    return;
  }
  // The best run is reported: the machine is shared, and the fastest run is the one
  // least disturbed by other processes (Google Benchmark's own column keeps the mean).
  double best = 1e30;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    runner->run();
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(s);
    best = std::min(best, s);
  }
  RowResult r = make_result(peer.name, layer, threads, best, runner->kernel(), g_probes);
  state.counters["GFLOP/s"] = r.gflops;
  state.counters["GB/s"] = r.gbs;
  state.counters["%peak"] = r.pct_peak;
  state.counters["%bw"] = r.pct_bw;
  state.SetLabel(r.kernel);
  // Repetitions of a row keep the best of all their runs.
  const auto seen = g_results.find(key);
  if (seen == g_results.end() || r.ms < seen->second.ms) g_results[key] = r;
}

void add_rows(const Layer& layer, int threads) {
  for (const Peer& peer : peers()) {
    // Cheap check first, so rows that cannot exist are not listed at all.
    const bool applicable =
        peer.name == "ours" ||
        (peer.name == "opencv" && layer.family == Family::Depthwise && layer.stride == 1) ||
        (peer.name == "openblas" && layer.family == Family::Pointwise) ||
        (peer.name == "onednn" &&
         (layer.family == Family::Depthwise || layer.family == Family::Pointwise ||
          layer.family == Family::Standard));
    if (!applicable) continue;
    const Peer* p = &peer;
    benchmark::RegisterBenchmark(
        row_key(peer.name, layer, threads).c_str(),
        [p, layer, threads](benchmark::State& s) { run_row(s, *p, layer, threads); })
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->MinTime(0.5)
        // The target rows run three times each: a row slower than the minimum time
        // would otherwise be judged on one run on a shared machine. The full matrix
        // runs once (it already takes about 25 minutes).
        ->Repetitions(g_repetitions)
        ->ReportAggregatesOnly(false);
  }
}

Layer make_layer(Family f, int m, int n, int k, int stride, int h, int w) {
  Layer l;
  l.family = f;
  l.m = m;
  l.n = n;
  l.k = k;
  l.stride = stride;
  l.h = h;
  l.w = w;
  return l;
}

// The rows the targets are stated on (2 threads, 1080p).
void register_targets() {
  const int t = 2;
  add_rows(target_layer(Family::Depthwise, 64), t);
  add_rows(target_layer(Family::Depthwise, 3), t);
  add_rows(target_layer(Family::Pointwise, 64), t);
  add_rows(target_layer(Family::Standard, 64), t);
  add_rows(target_layer(Family::SeparableFused, 64), t);
  add_rows(target_layer(Family::SeparableUnfused, 64), t);
}

void register_full_matrix() {
  const int sizes[][2] = {{1080, 1920}, {540, 960}, {270, 480}};
  for (const int t : {1, 2}) {
    add_rows(make_layer(Family::Depthwise, 3, 3, 3, 1, 1080, 1920), t);
    for (const auto& s : sizes) {
      for (const int m : {16, 32, 64, 128, 256}) {
        for (const int k : {3, 5, 7}) {
          for (const int stride : {1, 2}) {
            add_rows(make_layer(Family::Depthwise, m, m, k, stride, s[0], s[1]), t);
          }
        }
      }
      const int pw[][2] = {{64, 64}, {64, 128}, {32, 256}, {256, 256}};
      for (const auto& mn : pw)
        add_rows(make_layer(Family::Pointwise, mn[0], mn[1], 1, 1, s[0], s[1]), t);
      for (const int m : {16, 64, 128}) {
        add_rows(make_layer(Family::Standard, m, m, 3, 1, s[0], s[1]), t);
        add_rows(make_layer(Family::SeparableFused, m, m, 3, 1, s[0], s[1]), t);
        add_rows(make_layer(Family::SeparableUnfused, m, m, 3, 1, s[0], s[1]), t);
      }
    }
  }
}

}  // namespace
}  // namespace sepconv::bench

int main(int argc, char** argv) {
  using namespace sepconv::bench;
  bool full = false;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--full") == 0) {
      full = true;
    } else {
      args.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  g_probes = measure_probes();
  print_probes(g_probes);
  if (full) {
    g_repetitions = 1;
    register_full_matrix();
  } else {
    register_targets();
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  print_table(g_results);
  print_targets(g_results, g_probes);
  // The same targets from runs in alternation: on a shared host a slow spell can fall on
  // one row and not on the row it is divided by.
  if (!full) print_alternating_targets(5);
  return 0;
}
