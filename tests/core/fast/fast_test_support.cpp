// Helpers of the fast-engine tests (see fast_test_support.h).
#include "fast_test_support.h"

#include <cmath>
#include <sstream>

#include "error.h"
#include "reference/output_value.h"

namespace sepconv::fast::testing {

Tensor random_tensor(const std::vector<int>& shape, std::mt19937& rng) {
  Tensor t(shape);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (float& v : t.values()) v = dist(rng);
  return t;
}

std::vector<float> random_bias(int n, bool enabled, std::mt19937& rng) {
  if (!enabled) return {};
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> b(static_cast<size_t>(n));
  for (float& v : b) v = dist(rng);
  return b;
}

Tensor magnitude(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                 const ConvParams& p) {
  const Shape3 s = output_shape(p, input.dim(1), input.dim(2));
  Tensor mag({s.c, s.h, s.w});
  for (int c = 0; c < s.c; ++c) {
    for (int y = 0; y < s.h; ++y) {
      for (int x = 0; x < s.w; ++x) {
        double sum = bias.empty() ? 0.0 : std::fabs(bias[static_cast<size_t>(c)]);
        reference::compute_output_value(
            input, weights, bias, p, c, y, x,
            [&](const reference::Tap& t) { sum += std::fabs(t.product); });
        mag.at(c, y, x) = static_cast<float>(sum);
      }
    }
  }
  return mag;
}

std::string describe(const ConvParams& p, int h, int w) {
  std::ostringstream s;
  s << "input " << p.in_channels << "x" << h << "x" << w << " out_channels " << p.out_channels
    << " kernel " << p.kernel_h << "x" << p.kernel_w << " stride " << p.stride_h << "x"
    << p.stride_w << " dilation " << p.dilation_h << "x" << p.dilation_w << " groups " << p.groups
    << " padding t" << p.padding.top << " b" << p.padding.bottom << " l" << p.padding.left << " r"
    << p.padding.right << " mode " << to_string(p.pad_mode) << " flip " << p.flip_kernel << " bias "
    << p.has_bias;
  return s.str();
}

std::string describe(const OpCounts& c) {
  return "{mults " + std::to_string(c.mults) + ", adds " + std::to_string(c.adds) + ", padded " +
         std::to_string(c.padded_mults) + "}";
}

::testing::AssertionResult close_to_reference(const Tensor& fast, const Tensor& ref,
                                              const Tensor& mag, const std::string& what) {
  if (fast.shape() != ref.shape()) {
    return ::testing::AssertionFailure()
           << what << ": shape " << fast.shape_string() << " vs reference " << ref.shape_string();
  }
  for (int64_t i = 0; i < ref.size(); ++i) {
    const double diff = std::fabs(static_cast<double>(fast.values()[static_cast<size_t>(i)]) -
                                  ref.values()[static_cast<size_t>(i)]);
    const double tol = kRelTol * mag.values()[static_cast<size_t>(i)] + kAbsTol;
    if (!(diff <= tol)) {
      const int hw = ref.dim(1) * ref.dim(2);
      return ::testing::AssertionFailure()
             << what << ": output (c " << i / hw << ", y " << i % hw / ref.dim(2) << ", x "
             << i % ref.dim(2) << ") fast " << fast.values()[static_cast<size_t>(i)]
             << " reference " << ref.values()[static_cast<size_t>(i)] << " diff " << diff
             << " > tolerance " << tol;
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult same_counts(const OpCounts& fast, const OpCounts& ref,
                                       const std::string& what) {
  if (fast.mults == ref.mults && fast.adds == ref.adds && fast.padded_mults == ref.padded_mults) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << what << ": counts " << describe(fast) << " vs reference " << describe(ref);
}

std::vector<const IsaKernels*> supported_isas() {
  std::vector<const IsaKernels*> out;
  for (const IsaKernels* isa : {&isa_avx512(), &isa_avx2(), &isa_sse2()}) {
    if (isa_supported(*isa)) out.push_back(isa);
  }
  return out;
}

bool valid_layer(const ConvParams& p, int h, int w) {
  try {
    validate(p, h, w);
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace sepconv::fast::testing
