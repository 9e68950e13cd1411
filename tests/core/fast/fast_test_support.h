// Shared helpers of the fast-engine tests: seeded random layers, the magnitude each
// output's tolerance is scaled by, and one-line descriptions printed on failure.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "conv_params.h"
#include "fast/isa.h"
#include "op_counts.h"
#include "tensor.h"

namespace sepconv::fast::testing {

// Tolerance: |fast - reference| <= kRelTol * sum|products| + kAbsTol for each output,
// where sum|products| includes |bias|: the bound on float32 rounding of any summation
// order of those terms (fast kernels use FMA and another order than the reference).
inline constexpr double kRelTol = 1e-5;
inline constexpr double kAbsTol = 1e-6;

Tensor random_tensor(const std::vector<int>& shape, std::mt19937& rng);
std::vector<float> random_bias(int n, bool enabled, std::mt19937& rng);

// Per output: |bias| + sum over taps of |input * weight| (the reference's own taps).
Tensor magnitude(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                 const ConvParams& p);

std::string describe(const ConvParams& p, int h, int w);
std::string describe(const OpCounts& c);

// Checks every value against the tolerance; reports the first mismatch with `what`.
::testing::AssertionResult close_to_reference(const Tensor& fast, const Tensor& ref,
                                              const Tensor& mag, const std::string& what);
::testing::AssertionResult same_counts(const OpCounts& fast, const OpCounts& ref,
                                       const std::string& what);

// The kernel sets this CPU can run (always includes SSE2).
std::vector<const IsaKernels*> supported_isas();

// A layer of the given shape with valid random padding; false if validate() rejects it.
bool valid_layer(const ConvParams& p, int h, int w);

}  // namespace sepconv::fast::testing
