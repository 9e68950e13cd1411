// Probe runs, per-row derived numbers and the printed tables.
#include "summary.h"

#include <algorithm>
#include <cstdio>

#include "conv_params.h"
#include "cost.h"

namespace sepconv::bench {
namespace {
int clamp_threads(int t) {
  return std::clamp(t, 1, 2);
}

const RowResult* find(const std::map<std::string, RowResult>& r, const std::string& key) {
  const auto it = r.find(key);
  return it == r.end() ? nullptr : &it->second;
}
}  // namespace

Probes measure_probes() {
  Probes p;
  for (int t = 1; t <= 2; ++t) {
    p.peak[t] = measure_peak_fma(t);
    p.copy_gbs[t] = measure_copy_gbs(t);
  }
  return p;
}

void print_probes(const Probes& p) {
  for (int t = 1; t <= 2; ++t) {
    std::printf("probe: %d thread(s): peak FMA %.1f GFLOP/s (%s), copy bandwidth %.1f GB/s\n", t,
                p.peak[t].gflops, p.peak[t].isa.c_str(), p.copy_gbs[t]);
  }
  std::fflush(stdout);
}

std::string row_key(const std::string& peer, const Layer& layer, int threads) {
  return peer + ":" + layer.name() + "/t" + std::to_string(threads);
}

RowResult make_result(const std::string& peer, const Layer& layer, int threads, double seconds,
                      const std::string& kernel, const Probes& probes) {
  RowResult r;
  r.peer = peer;
  r.layer = layer;
  r.threads = threads;
  r.ms = seconds * 1e3;
  r.gflops = layer.flops() / seconds / 1e9;
  r.gbs = layer.bytes() / seconds / 1e9;
  const int t = clamp_threads(threads);
  r.pct_peak = probes.peak[t].gflops > 0 ? 100.0 * r.gflops / probes.peak[t].gflops : 0;
  r.pct_bw = probes.copy_gbs[t] > 0 ? 100.0 * r.gbs / probes.copy_gbs[t] : 0;
  r.kernel = kernel;
  return r;
}

void print_table(const std::map<std::string, RowResult>& results) {
  std::printf(
      "\n| layer | thr | ms | GFLOP/s | GB/s | %% peak FMA | %% copy BW | onednn/ours | "
      "opencv/ours | openblas/ours | kernel |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& [key, r] : results) {
    if (r.peer != "ours") continue;
    std::string ratios;
    for (const char* peer : {"onednn", "opencv", "openblas"}) {
      const RowResult* other = find(results, row_key(peer, r.layer, r.threads));
      char cell[32] = "-";
      if (other) std::snprintf(cell, sizeof cell, "%.2f", other->ms / r.ms);
      ratios += std::string(" ") + cell + " |";
    }
    std::printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%s %s |\n", r.layer.name().c_str(),
                r.threads, r.ms, r.gflops, r.gbs, r.pct_peak, r.pct_bw, ratios.c_str(),
                r.kernel.c_str());
  }
}

void print_targets(const std::map<std::string, RowResult>& results, const Probes& probes) {
  std::printf("\nTargets (2 threads, 1080x1920):\n");
  const Layer dw = target_layer(Family::Depthwise, 64);
  if (const RowResult* r = find(results, row_key("ours", dw, 2))) {
    const double floor_ms = dw.bytes() / probes.copy_gbs[2] / 1e6;
    std::printf(
        "- depthwise 3x3 M64: %.1f ms; bandwidth floor %.1f ms (%.0f MB at %.1f GB/s): "
        "%.2fx the floor (target <= 1.5x)\n",
        r->ms, floor_ms, dw.bytes() / 1e6, probes.copy_gbs[2], r->ms / floor_ms);
    if (const RowResult* o = find(results, row_key("onednn", dw, 2))) {
      std::printf("  oneDNN %.1f ms: oneDNN / ours = %.2f (target >= 1)\n", o->ms, o->ms / r->ms);
    }
  }
  const Layer pw = target_layer(Family::Pointwise, 64);
  if (const RowResult* r = find(results, row_key("ours", pw, 2))) {
    std::printf(
        "- pointwise 64->64: %.1f ms, %.1f GFLOP/s = %.1f%% of peak %.1f (target >= 65%%)\n", r->ms,
        r->gflops, r->pct_peak, probes.peak[2].gflops);
    for (const char* peer : {"onednn", "openblas"}) {
      if (const RowResult* o = find(results, row_key(peer, pw, 2))) {
        std::printf("  %s %.1f ms (%.1f GFLOP/s): %s / ours = %.2f\n", peer, o->ms, o->gflops, peer,
                    o->ms / r->ms);
      }
    }
  }
  const Layer st = target_layer(Family::Standard, 64);
  const RowResult* std_row = find(results, row_key("ours", st, 2));
  if (std_row) {
    std::printf("- standard 3x3 64->64: %.1f ms, %.1f GFLOP/s (%.1f%% of peak)\n", std_row->ms,
                std_row->gflops, std_row->pct_peak);
    if (const RowResult* o = find(results, row_key("onednn", st, 2))) {
      std::printf("  oneDNN %.1f ms: our throughput / oneDNN's = %.2f (target >= 0.8)\n", o->ms,
                  o->ms / std_row->ms);
    }
  }
  const Layer fused = target_layer(Family::SeparableFused, 64);
  const Layer unfused = target_layer(Family::SeparableUnfused, 64);
  const double predicted = 1.0 / ratio_identity(3, 64);
  for (const Layer& l : {fused, unfused}) {
    const RowResult* r = find(results, row_key("ours", l, 2));
    if (r && std_row) {
      std::printf(
          "- %s 3x3 64->64: %.1f ms; standard / separable = %.2fx (closed form %.2fx, "
          "target >= 6x)\n",
          l.name().c_str(), r->ms, std_row->ms / r->ms, predicted);
    }
  }
  const Layer img = target_layer(Family::Depthwise, 3);
  if (const RowResult* r = find(results, row_key("ours", img, 2))) {
    std::printf("- 3-channel image depthwise 3x3: %.2f ms", r->ms);
    if (const RowResult* o = find(results, row_key("opencv", img, 2))) {
      std::printf("; OpenCV filter2D %.2f ms: OpenCV / ours = %.2f (target >= 1)", o->ms,
                  o->ms / r->ms);
    }
    std::printf("\n");
  }
}

}  // namespace sepconv::bench
