// Peak-FMA and copy-bandwidth probes. The FMA loops use target attributes and run only
// where the CPU supports them.
#include "probes.h"

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

namespace sepconv::bench {
namespace {
constexpr long kFmaIterations = 20'000'000;

// 16 independent chains: enough to cover FMA latency x throughput on current cores.
__attribute__((target("avx512f"))) float fma_chains_avx512(long iterations) {
  __m512 acc[16];
  for (int i = 0; i < 16; ++i) acc[i] = _mm512_set1_ps(static_cast<float>(i));
  const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
  for (long n = 0; n < iterations; ++n) {
    for (int i = 0; i < 16; ++i) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  }
  // Stored and summed by hand: GCC 12 warns inside _mm512_reduce_add_ps.
  float out[16];
  __m512 s = acc[0];
  for (int i = 1; i < 16; ++i) s = _mm512_add_ps(s, acc[i]);
  _mm512_storeu_ps(out, s);
  return out[0];
}

__attribute__((target("avx2,fma"))) float fma_chains_avx2(long iterations) {
  __m256 acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = _mm256_set1_ps(static_cast<float>(i));
  const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
  for (long n = 0; n < iterations; ++n) {
    for (int i = 0; i < 12; ++i) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
  }
  float out[8];
  __m256 s = acc[0];
  for (int i = 1; i < 12; ++i) s = _mm256_add_ps(s, acc[i]);
  _mm256_storeu_ps(out, s);
  return out[0];
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

template <class Fn>
double run_on_threads(int threads, Fn fn) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(fn, t);
  for (std::thread& t : pool) t.join();
  return seconds_since(start);
}
}  // namespace

PeakFma measure_peak_fma(int threads) {
  PeakFma r;
  double flops_per_iter = 0;
  float (*chains)(long) = nullptr;
  if (__builtin_cpu_supports("avx512f")) {
    chains = &fma_chains_avx512;
    flops_per_iter = 16.0 * 16 * 2;
    r.isa = "avx512";
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    chains = &fma_chains_avx2;
    flops_per_iter = 12.0 * 8 * 2;
    r.isa = "avx2";
  } else {
    r.isa = "none";
    return r;
  }
  std::vector<float> sink(static_cast<size_t>(threads));
  double best = 1e30;
  for (int rep = 0; rep < 8; ++rep) {
    best = std::min(best, run_on_threads(threads, [&](int t) {
                      sink[static_cast<size_t>(t)] = chains(kFmaIterations);
                    }));
  }
  r.gflops = flops_per_iter * kFmaIterations * threads / best / 1e9;
  return r;
}

double measure_copy_gbs(int threads) {
  const size_t bytes = size_t{512} << 20;
  std::vector<char> src(bytes, 1), dst(bytes, 0);
  const size_t chunk = bytes / static_cast<size_t>(threads);
  double best = 1e30;
  for (int rep = 0; rep < 6; ++rep) {
    best = std::min(best, run_on_threads(threads, [&](int t) {
                      const size_t off = chunk * static_cast<size_t>(t);
                      std::memcpy(dst.data() + off, src.data() + off, chunk);
                    }));
  }
  return 2.0 * static_cast<double>(bytes) / best / 1e9;
}

}  // namespace sepconv::bench
