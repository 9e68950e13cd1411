// Weight presets: spatial kernels (Dk x Dk) for depthwise and standard layers, and
// channel-mixing matrices (N x M) for pointwise layers. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tensor.h"

namespace sepconv {

enum class KernelPreset {
  Identity,
  Box,
  Gaussian,
  Sharpen,
  SobelX,
  SobelY,
  Laplacian,
  Emboss,
  Random
};
enum class MixPreset { Identity, GrayscaleMix, ChannelSwap, Random };

// Every preset, in menu order.
const std::vector<KernelPreset>& all_kernel_presets();
const std::vector<MixPreset>& all_mix_presets();
const char* to_string(KernelPreset p);
const char* to_string(MixPreset p);
bool parse_kernel_preset(const std::string& text, KernelPreset* out);
bool parse_mix_preset(const std::string& text, MixPreset* out);

// A Dk x Dk kernel, row-major. For Dk = 3 the classic textbook kernels; for larger
// Dk the natural generalisation (binomial smoothing for Sobel and Gaussian, etc.).
// `seed` only matters for Random (uniform in +-1/sqrt(fan_in), PyTorch's default range).
std::vector<float> make_kernel(KernelPreset p, int dk, uint64_t seed = 0, int fan_in = 0);

// The 1-D factors of a spatially separable preset (Identity, Box, Gaussian, SobelX,
// SobelY): kernel = column x row, exactly make_kernel's values. Returns false for the
// presets that are not rank 1 (Sharpen, Laplacian, Emboss for Dk >= 2) and for Random;
// factor_rank1 (rank1.h) factors any kernel.
bool separable_factors(KernelPreset p, int dk, std::vector<float>* column, std::vector<float>* row);

// Depthwise weights [M*K, 1, Dk, Dk]: the preset on every channel (Random draws a
// different kernel per channel from the seed).
Tensor make_depthwise_weights(KernelPreset p, int m, int k, int dk, uint64_t seed);

// Pointwise weights [N, M, 1, 1].
//  Identity: output n copies input n (zero when n >= M).
//  GrayscaleMix: every output is the luminance 0.299 R + 0.587 G + 0.114 B when M = 3,
//    otherwise the mean of all inputs.
//  ChannelSwap: output n copies input M-1-(n mod M) (RGB -> BGR).
//  Random: uniform in +-1/sqrt(M).
Tensor make_pointwise_weights(MixPreset p, int n, int m, uint64_t seed);

// A bias of `count` values, uniform in +-1/sqrt(fan_in) (PyTorch's default range).
std::vector<float> make_random_bias(int count, int fan_in, uint64_t seed);

// Standard weights [N, M/groups, Dk, Dk] made independently of the separable ones:
// output n applies the preset to input channel (n mod M/groups) of its group, so each
// output sees one channel through the kernel (Random fills everything from the seed).
Tensor make_standard_weights(KernelPreset p, int n, int m, int groups, int dk, uint64_t seed);

}  // namespace sepconv
