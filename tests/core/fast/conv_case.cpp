// The shared fast-vs-reference check of one conv2d layer.
#include "conv_case.h"

#include <gtest/gtest.h>

#include "fast/dispatch.h"
#include "fast_test_support.h"
#include "reference/conv2d.h"

namespace sepconv::fast::testing {

void check_conv_case(const ConvParams& p, int h, int w, const IsaKernels& isa, int threads,
                     std::mt19937& rng, const char* expected_kernel, bool stream) {
  const Tensor input = random_tensor({p.in_channels, h, w}, rng);
  const Tensor weights =
      random_tensor({p.out_channels, p.in_channels / p.groups, p.kernel_h, p.kernel_w}, rng);
  const std::vector<float> bias = random_bias(p.out_channels, p.has_bias, rng);
  OpCounts ref_counts, fast_counts;
  const Tensor ref = reference::conv2d(input, weights, bias, p, &ref_counts);
  Tensor out;
  FastOptions options{threads, &isa, true};
  if (stream) options.stream_min_floats = 0;
  const std::string kernel = conv2d(input, weights, bias, p, out, options, &fast_counts);
  const std::string what = describe(p, h, w) + " isa " + isa.name + " threads " +
                           std::to_string(threads) + " streaming " + std::to_string(stream) +
                           " kernel " + kernel;
  EXPECT_NE(kernel.find(expected_kernel), std::string::npos) << what;
  EXPECT_TRUE(close_to_reference(out, ref, magnitude(input, weights, bias, p), what));
  EXPECT_TRUE(same_counts(fast_counts, ref_counts, what));
}

}  // namespace sepconv::fast::testing
