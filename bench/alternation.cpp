// Target ratios from runs in alternation; see alternation.h.
#include "alternation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

#include "cost.h"
#include "layers.h"
#include "peers.h"
#include "probes.h"

namespace sepconv::bench {

namespace {
double timed(const Side& s) {
  const auto start = std::chrono::steady_clock::now();
  s.run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(const std::vector<double>& sorted) {
  const size_t n = sorted.size();
  if (n == 0) return 0;
  return n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}
}  // namespace

std::vector<std::vector<double>> time_in_alternation(const std::vector<Side>& sides, int rounds) {
  // One untimed call each first (page faults, JIT and thread start-up are not compared);
  // it also says how many calls make a turn of about 50 ms.
  std::vector<int> calls;
  for (const Side& s : sides) {
    calls.push_back(std::clamp(static_cast<int>(0.05 / std::max(timed(s), 1e-6)), 1, 50));
  }
  std::vector<std::vector<double>> seconds(static_cast<size_t>(rounds));
  for (auto& round : seconds) {
    for (size_t i = 0; i < sides.size(); ++i) {
      double best = 1e30;
      for (int c = 0; c < calls[i]; ++c) best = std::min(best, timed(sides[i]));
      round.push_back(best);
    }
  }
  return seconds;
}

std::vector<double> sorted_ratios(const std::vector<std::vector<double>>& seconds, int numerator,
                                  int denominator) {
  std::vector<double> ratios;
  for (const auto& round : seconds) {
    ratios.push_back(round[static_cast<size_t>(numerator)] /
                     round[static_cast<size_t>(denominator)]);
  }
  std::sort(ratios.begin(), ratios.end());
  return ratios;
}

double best_of(const std::vector<std::vector<double>>& seconds, int side) {
  double best = 1e30;
  for (const auto& round : seconds) best = std::min(best, round[static_cast<size_t>(side)]);
  return best;
}

namespace {
constexpr int kThreads = 2;

// Two runners timed in alternation, in this order.
struct Alternated {
  std::vector<Side> sides;
  std::vector<std::vector<double>> seconds;
};

Alternated alternate(const std::string& first_name, Runner* first, const std::string& second_name,
                     Runner* second, int rounds) {
  Alternated a;
  a.sides = {{first_name, [first] { first->run(); }}, {second_name, [second] { second->run(); }}};
  a.seconds = time_in_alternation(a.sides, rounds);
  return a;
}

// "  ours 493.0 ms, onednn 405.1 ms (best of 5)": each side's fastest round.
void print_sides(const std::vector<Side>& sides, const std::vector<std::vector<double>>& s) {
  std::printf("   ");
  for (size_t i = 0; i < sides.size(); ++i) {
    std::printf("%s %s %.1f ms", i ? "," : "", sides[i].name.c_str(),
                1e3 * best_of(s, static_cast<int>(i)));
  }
  std::printf(" (fastest of %zu rounds)\n", s.size());
}

// `peer` time / `ours` time on one layer, both run in alternation.
void peer_over_ours(const char* what, const char* peer_name, const Layer& layer,
                    std::unique_ptr<Runner> (*make_peer)(const Layer&, int), double target,
                    int rounds) {
  const std::unique_ptr<Runner> ours = make_our_runner(layer, kThreads);
  const std::unique_ptr<Runner> peer = make_peer(layer, kThreads);
  if (!peer) return;
  const Alternated a = alternate("ours", ours.get(), peer_name, peer.get(), rounds);
  const std::vector<double> r = sorted_ratios(a.seconds, 1, 0);
  std::printf("- %s: %s / ours = %.2f (median of the rounds' ratios, %.2f-%.2f; target >= %.1f)\n",
              what, peer_name, median(r), r.front(), r.back(), target);
  print_sides(a.sides, a.seconds);
}
}  // namespace

void print_alternating_targets(int rounds) {
  std::printf("\nTargets again, each ratio's two sides run in alternation (%d rounds):\n", rounds);
  {
    const std::unique_ptr<Runner> standard =
        make_our_runner(target_layer(Family::Standard, 64), kThreads);
    const std::unique_ptr<Runner> fused =
        make_our_runner(target_layer(Family::SeparableFused, 64), kThreads);
    const Alternated a =
        alternate("standard", standard.get(), "separable (fused)", fused.get(), rounds);
    const std::vector<double> r = sorted_ratios(a.seconds, 0, 1);
    std::printf(
        "- standard / separable (fused), 3x3 64->64: %.2fx (median of the rounds' ratios, "
        "%.2f-%.2f; closed form %.2fx, target >= 6x)\n",
        median(r), r.front(), r.back(), 1.0 / ratio_identity(3, 64));
    print_sides(a.sides, a.seconds);
  }
  {
    const Layer pw = target_layer(Family::Pointwise, 64);
    const std::unique_ptr<Runner> ours = make_our_runner(pw, kThreads);
    std::vector<double> peaks;
    const std::vector<Side> sides = {
        {"pointwise", [&] { ours->run(); }},
        {"peak probe", [&] { peaks.push_back(measure_peak_fma(kThreads).gflops); }}};
    const auto s = time_in_alternation(sides, rounds);
    // Each round's pointwise rate over the peak probed right after it. The probe takes
    // longer than a turn's 50 ms, so it runs once per round, plus once to warm up.
    std::vector<double> percent;
    for (size_t r = 0; r < s.size() && r + 1 < peaks.size(); ++r) {
      percent.push_back(100.0 * pw.flops() / s[r][0] / 1e9 / peaks[r + 1]);
    }
    std::sort(percent.begin(), percent.end());
    std::printf(
        "- pointwise 64->64: %.1f%% of the peak probed after it (median of %zu rounds, "
        "%.1f-%.1f; target >= 65%%)\n",
        median(percent), percent.size(), percent.front(), percent.back());
    std::printf("    pointwise %.1f ms (fastest round)\n", 1e3 * best_of(s, 0));
  }
  peer_over_ours("depthwise 3x3 M64", "onednn", target_layer(Family::Depthwise, 64),
                 make_onednn_runner, 1.0, rounds);
  peer_over_ours("standard 3x3 64->64 (throughput)", "onednn", target_layer(Family::Standard, 64),
                 make_onednn_runner, 0.8, rounds);
  peer_over_ours("3-channel image depthwise 3x3", "opencv", target_layer(Family::Depthwise, 3),
                 make_opencv_runner, 1.0, rounds);
}

}  // namespace sepconv::bench
