// Chunked parallel reductions; see tensor_stats.h.
#include "tensor_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "fast/parallel.h"

namespace sepconv {
namespace {

constexpr int64_t kChunk = int64_t{1} << 22;  // 4 M values (16 MiB) per task

int chunks_of(int64_t n) {
  return static_cast<int>((n + kChunk - 1) / kChunk);
}

}  // namespace

float max_abs(const Tensor& t, int threads, const RunControl* control) {
  const int64_t n = t.size();
  const RunControl cancel = cancel_only(control);
  std::vector<float> part(static_cast<size_t>(std::max(1, chunks_of(n))), 0.0f);
  fast::parallel_for(chunks_of(n), threads, &cancel, [&](int i, int) {
    const float* p = t.data();
    float m = 0;
    for (int64_t k = i * kChunk, end = std::min(n, k + kChunk); k < end; ++k)
      m = std::max(m, std::fabs(p[k]));  // std::max keeps m when the value is NaN
    part[static_cast<size_t>(i)] = m;
  });
  return *std::max_element(part.begin(), part.end());
}

double max_abs_difference(const Tensor& a, const Tensor& b, int threads,
                          const RunControl* control) {
  const int64_t n = std::min(a.size(), b.size());
  const RunControl cancel = cancel_only(control);
  std::vector<double> part(static_cast<size_t>(std::max(1, chunks_of(n))), 0.0);
  fast::parallel_for(chunks_of(n), threads, &cancel, [&](int i, int) {
    double m = 0;
    for (int64_t k = i * kChunk, end = std::min(n, k + kChunk); k < end; ++k) {
      const double d = std::fabs(double(a.data()[k]) - double(b.data()[k]));
      m = std::isnan(d) ? std::numeric_limits<double>::infinity() : std::max(m, d);
    }
    part[static_cast<size_t>(i)] = m;
  });
  return *std::max_element(part.begin(), part.end());
}

std::pair<std::vector<float>, std::vector<float>> channel_min_max(const Tensor& t, int threads,
                                                                  const RunControl* control) {
  const RunControl cancel = cancel_only(control);
  const int c = t.dim(0);
  const int64_t plane = int64_t{t.dim(1)} * t.dim(2);
  const int per_plane = std::max(1, chunks_of(plane));
  std::vector<float> lo(static_cast<size_t>(c) * per_plane, std::numeric_limits<float>::max());
  std::vector<float> hi(lo.size(), std::numeric_limits<float>::lowest());
  fast::parallel_for(c * per_plane, threads, &cancel, [&](int task, int) {
    const float* p = t.plane(task / per_plane);
    const int64_t from = (task % per_plane) * kChunk, to = std::min(plane, from + kChunk);
    if (from >= to) return;
    const auto [a, b] = std::minmax_element(p + from, p + to);
    lo[static_cast<size_t>(task)] = *a;
    hi[static_cast<size_t>(task)] = *b;
  });
  std::pair<std::vector<float>, std::vector<float>> out;
  for (int k = 0; k < c; ++k) {
    const auto first = static_cast<std::ptrdiff_t>(k) * per_plane;
    out.first.push_back(*std::min_element(lo.begin() + first, lo.begin() + first + per_plane));
    out.second.push_back(*std::max_element(hi.begin() + first, hi.begin() + first + per_plane));
  }
  return out;
}

}  // namespace sepconv
