// Helpers shared by the core tests: seeded random tensors and comparisons.
#pragma once

#include <cstdint>
#include <random>

#include "tensor.h"

namespace sepconv::testing {

inline Tensor random_tensor(std::vector<int> shape, uint64_t seed, float lo = -1.0f,
                            float hi = 1.0f) {
  Tensor t(std::move(shape));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> d(lo, hi);
  for (float& v : t.values()) v = d(rng);
  return t;
}

inline double max_abs_difference(const Tensor& a, const Tensor& b) {
  double worst = 0;
  for (int64_t i = 0; i < a.size(); ++i)
    worst = std::max(worst, static_cast<double>(std::abs(a.data()[i] - b.data()[i])));
  return worst;
}

}  // namespace sepconv::testing
