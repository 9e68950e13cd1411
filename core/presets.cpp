// Kernel and mixing presets. Random weights come from std::mt19937_64 so a seed gives
// the same numbers on every machine.
#include "presets.h"

#include <cmath>
#include <random>

#include "error.h"

namespace sepconv {
namespace {

// Row k of Pascal's triangle: the binomial smoothing kernel of length n.
std::vector<float> binomial(int n) {
  std::vector<float> b(static_cast<size_t>(n), 0.0f);
  b[0] = 1.0f;
  for (int i = 1; i < n; ++i)
    for (int j = i; j > 0; --j) b[static_cast<size_t>(j)] += b[static_cast<size_t>(j - 1)];
  return b;
}

// Derivative filter of length n: binomial(n-1) convolved with [-1, 1] (n=3: [-1, 0, 1]).
std::vector<float> derivative(int n) {
  if (n < 2) return {0.0f};
  const std::vector<float> b = binomial(n - 1);
  std::vector<float> d(static_cast<size_t>(n), 0.0f);
  for (int i = 0; i < n - 1; ++i) {
    d[static_cast<size_t>(i)] -= b[static_cast<size_t>(i)];
    d[static_cast<size_t>(i + 1)] += b[static_cast<size_t>(i)];
  }
  return d;
}

std::vector<float> normalized(std::vector<float> v) {
  float s = 0;
  for (float x : v) s += x;
  if (s != 0)
    for (float& x : v) x /= s;
  return v;
}

std::vector<float> gaussian(int n) {
  // sigma chosen so the kernel spans about +-3 sigma.
  const double sigma = std::max(0.5, n / 6.0);
  std::vector<float> g(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double x = i - (n - 1) / 2.0;
    g[static_cast<size_t>(i)] = static_cast<float>(std::exp(-x * x / (2 * sigma * sigma)));
  }
  return normalized(g);
}

std::vector<float> outer(const std::vector<float>& col, const std::vector<float>& row) {
  std::vector<float> k;
  for (float c : col)
    for (float r : row) k.push_back(c * r);
  return k;
}

std::vector<float> uniform(size_t count, float bound, std::mt19937_64& rng) {
  std::uniform_real_distribution<float> dist(-bound, bound);
  std::vector<float> v(count);
  for (float& x : v) x = dist(rng);
  return v;
}

void require_positive(const char* name, int v) {
  if (v < 1) {
    throw Error(ErrorKind::InvalidParameter,
                std::string(name) + " = " + std::to_string(v) + " must be at least 1");
  }
}

}  // namespace

const std::vector<KernelPreset>& all_kernel_presets() {
  static const std::vector<KernelPreset> all = {
      KernelPreset::Identity,  KernelPreset::Box,    KernelPreset::Gaussian,
      KernelPreset::Sharpen,   KernelPreset::SobelX, KernelPreset::SobelY,
      KernelPreset::Laplacian, KernelPreset::Emboss, KernelPreset::Random};
  return all;
}

const std::vector<MixPreset>& all_mix_presets() {
  static const std::vector<MixPreset> all = {MixPreset::Identity, MixPreset::GrayscaleMix,
                                             MixPreset::ChannelSwap, MixPreset::Random};
  return all;
}

const char* to_string(KernelPreset p) {
  switch (p) {
    case KernelPreset::Identity:
      return "identity";
    case KernelPreset::Box:
      return "box";
    case KernelPreset::Gaussian:
      return "gaussian";
    case KernelPreset::Sharpen:
      return "sharpen";
    case KernelPreset::SobelX:
      return "sobel-x";
    case KernelPreset::SobelY:
      return "sobel-y";
    case KernelPreset::Laplacian:
      return "laplacian";
    case KernelPreset::Emboss:
      return "emboss";
    case KernelPreset::Random:
      return "random";
  }
  return "identity";
}

const char* to_string(MixPreset p) {
  switch (p) {
    case MixPreset::Identity:
      return "identity";
    case MixPreset::GrayscaleMix:
      return "grayscale";
    case MixPreset::ChannelSwap:
      return "swap";
    case MixPreset::Random:
      return "random";
  }
  return "identity";
}

bool parse_kernel_preset(const std::string& text, KernelPreset* out) {
  for (KernelPreset p : all_kernel_presets())
    if (text == to_string(p)) {
      *out = p;
      return true;
    }
  return false;
}

bool parse_mix_preset(const std::string& text, MixPreset* out) {
  for (MixPreset p : all_mix_presets())
    if (text == to_string(p)) {
      *out = p;
      return true;
    }
  return false;
}

bool separable_factors(KernelPreset p, int dk, std::vector<float>* column,
                       std::vector<float>* row) {
  switch (p) {
    case KernelPreset::Identity:
      // A single 1 at the centre (the upper-left of the middle for even Dk): e_c x e_c.
      *column = *row = std::vector<float>(static_cast<size_t>(dk), 0.0f);
      (*column)[static_cast<size_t>(dk / 2)] = (*row)[static_cast<size_t>(dk / 2)] = 1.0f;
      return true;
    case KernelPreset::Box:
      *column = *row = std::vector<float>(static_cast<size_t>(dk), 1.0f / dk);
      return true;
    case KernelPreset::Gaussian:
      *column = *row = gaussian(dk);
      return true;
    case KernelPreset::SobelX:
      *column = binomial(dk);
      *row = derivative(dk);
      return true;
    case KernelPreset::SobelY:
      *column = derivative(dk);
      *row = binomial(dk);
      return true;
    default:
      return false;
  }
}

std::vector<float> make_kernel(KernelPreset p, int dk, uint64_t seed, int fan_in) {
  require_positive("kernel size Dk", dk);
  const size_t count = static_cast<size_t>(dk) * dk;
  const int c = dk / 2;  // centre (the upper-left of the middle for even Dk)
  std::vector<float> k(count, 0.0f);
  auto at = [&](int y, int x) -> float& { return k[static_cast<size_t>(y * dk + x)]; };
  std::vector<float> col, row;
  switch (p) {
    case KernelPreset::Identity:
      at(c, c) = 1.0f;
      break;
    case KernelPreset::Box:
    case KernelPreset::Gaussian:
    case KernelPreset::SobelX:
    case KernelPreset::SobelY:
      separable_factors(p, dk, &col, &row);
      k = outer(col, row);
      break;
    case KernelPreset::Sharpen:
      // Identity plus (identity - box mean): boosts the centre against its neighbourhood.
      // For Dk = 3 with a cross-shaped neighbourhood this is the classic 5 / -1 kernel.
      if (dk == 3) {
        k = {0, -1, 0, -1, 5, -1, 0, -1, 0};
      } else {
        for (float& v : k) v = -1.0f / static_cast<float>(count);
        at(c, c) += 2.0f;
      }
      break;
    case KernelPreset::Laplacian:
      if (dk == 3) {
        k = {0, 1, 0, 1, -4, 1, 0, 1, 0};
      } else {
        // Sum minus centre: every neighbour 1, centre -(count - 1); sums to zero.
        for (float& v : k) v = 1.0f;
        at(c, c) = -static_cast<float>(count - 1);
      }
      break;
    case KernelPreset::Emboss:
      // Sign of the diagonal offset, plus 1 in the centre (Dk = 3: -2 -1 0 / -1 1 1 / 0 1 2).
      for (int y = 0; y < dk; ++y)
        for (int x = 0; x < dk; ++x) at(y, x) = static_cast<float>((y - c) + (x - c));
      at(c, c) = 1.0f;
      break;
    case KernelPreset::Random: {
      std::mt19937_64 rng(seed);
      const int fan = fan_in > 0 ? fan_in : dk * dk;
      k = uniform(count, 1.0f / std::sqrt(static_cast<float>(fan)), rng);
      break;
    }
  }
  return k;
}

Tensor make_depthwise_weights(KernelPreset p, int m, int k, int dk, uint64_t seed) {
  require_positive("input channels M", m);
  require_positive("depth multiplier K", k);
  Tensor w({m * k, 1, dk, dk});
  for (int o = 0; o < m * k; ++o) {
    const std::vector<float> kern = make_kernel(p, dk, seed + static_cast<uint64_t>(o));
    std::copy(kern.begin(), kern.end(), w.data() + static_cast<int64_t>(o) * dk * dk);
  }
  return w;
}

Tensor make_pointwise_weights(MixPreset p, int n, int m, uint64_t seed) {
  require_positive("output channels N", n);
  require_positive("input channels M", m);
  Tensor w({n, m, 1, 1});
  switch (p) {
    case MixPreset::Identity:
      for (int o = 0; o < n && o < m; ++o) w.at(o, o, 0, 0) = 1.0f;
      break;
    case MixPreset::GrayscaleMix: {
      const float luma[3] = {0.299f, 0.587f, 0.114f};
      for (int o = 0; o < n; ++o)
        for (int i = 0; i < m; ++i) w.at(o, i, 0, 0) = m == 3 ? luma[i] : 1.0f / m;
      break;
    }
    case MixPreset::ChannelSwap:
      for (int o = 0; o < n; ++o) w.at(o, m - 1 - (o % m), 0, 0) = 1.0f;
      break;
    case MixPreset::Random: {
      std::mt19937_64 rng(seed);
      const std::vector<float> v =
          uniform(static_cast<size_t>(w.size()), 1.0f / std::sqrt(static_cast<float>(m)), rng);
      w.values().assign(v.begin(), v.end());
      break;
    }
  }
  return w;
}

std::vector<float> make_random_bias(int count, int fan_in, uint64_t seed) {
  std::mt19937_64 rng(seed);
  return uniform(static_cast<size_t>(std::max(count, 0)),
                 1.0f / std::sqrt(static_cast<float>(std::max(fan_in, 1))), rng);
}

Tensor make_standard_weights(KernelPreset p, int n, int m, int groups, int dk, uint64_t seed) {
  require_positive("output channels N", n);
  require_positive("groups", groups);
  const int per_group = m / groups;
  require_positive("input channels per group M/groups", per_group);
  Tensor w({n, per_group, dk, dk});
  if (p == KernelPreset::Random) {
    std::mt19937_64 rng(seed);
    const float bound = 1.0f / std::sqrt(static_cast<float>(per_group * dk * dk));
    const std::vector<float> v = uniform(static_cast<size_t>(w.size()), bound, rng);
    w.values().assign(v.begin(), v.end());
    return w;
  }
  const std::vector<float> kern = make_kernel(p, dk, seed);
  for (int o = 0; o < n; ++o) {
    float* dst = &w.at(o, o % per_group, 0, 0);
    std::copy(kern.begin(), kern.end(), dst);
  }
  return w;
}

}  // namespace sepconv
