// The engine entry points with EngineKind::Fast: kernel names, thread counts,
// cancellation and progress.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "engine.h"
#include "error.h"
#include "fast_test_support.h"

namespace sepconv::fast::testing {
namespace {

ConvParams depthwise3x3(int c) {
  ConvParams p;
  p.in_channels = p.out_channels = p.groups = c;
  p.padding = {1, 1, 1, 1};
  return p;
}

TEST(FastEngine, ReportsKernelAndThreads) {
  std::mt19937 rng(31);
  const ConvParams p = depthwise3x3(8);
  const Tensor input = random_tensor({8, 20, 30}, rng);
  const Tensor w = random_tensor({8, 1, 3, 3}, rng);
  RunInfo info;
  OpCounts fast_counts, ref_counts;
  const Tensor fast =
      run_conv2d(input, w, {}, p, EngineOptions{EngineKind::Fast, 2}, &fast_counts, &info);
  EXPECT_EQ(info.kind, EngineKind::Fast);
  EXPECT_EQ(info.kernel, std::string("fast/dw3x3-") + best_isa().name);
  EXPECT_EQ(info.threads, 2);
  RunInfo ref_info;
  const Tensor ref =
      run_conv2d(input, w, {}, p, EngineOptions{EngineKind::Reference, 0}, &ref_counts, &ref_info);
  EXPECT_EQ(ref_info.kernel, "reference");
  EXPECT_TRUE(close_to_reference(fast, ref, magnitude(input, w, {}, p), "engine"));
  EXPECT_TRUE(same_counts(fast_counts, ref_counts, "engine"));

  run_conv2d(input, w, {}, p, EngineOptions{EngineKind::Fast, 0}, nullptr, &info);
  EXPECT_EQ(info.threads, hardware_threads());
}

TEST(FastEngine, SeparableIsFusedUnlessIntermediateRequested) {
  std::mt19937 rng(32);
  const ConvParams dw = depthwise3x3(4);
  ConvParams pw;
  pw.in_channels = 4;
  pw.out_channels = 6;
  pw.kernel_h = pw.kernel_w = 1;
  const Tensor input = random_tensor({4, 9, 9}, rng);
  const Tensor dw_w = random_tensor({4, 1, 3, 3}, rng);
  const Tensor pw_w = random_tensor({6, 4, 1, 1}, rng);
  RunInfo info;
  run_separable(input, dw_w, {}, pw_w, {}, dw, pw, EngineOptions{}, nullptr, nullptr, &info);
  EXPECT_EQ(info.kernel.rfind("fast/fused-dw3x3+pointwise-", 0), 0u) << info.kernel;
  Tensor mid;
  run_separable(input, dw_w, {}, pw_w, {}, dw, pw, EngineOptions{}, nullptr, nullptr, &info, &mid);
  EXPECT_EQ(info.kernel.rfind("fast/dw3x3-", 0), 0u) << info.kernel;
  EXPECT_EQ(mid.shape(), (std::vector<int>{4, 9, 9}));
}

TEST(FastEngine, CancelStopsEveryKernel) {
  std::mt19937 rng(33);
  const Tensor input = random_tensor({4, 16, 16}, rng);
  std::atomic<bool> cancel{true};
  RunControl control;
  control.cancel = &cancel;
  ConvParams standard;
  standard.in_channels = standard.out_channels = 4;
  const ConvParams dw = depthwise3x3(4);
  const Tensor w_std = random_tensor({4, 4, 3, 3}, rng);
  const Tensor w_dw = random_tensor({4, 1, 3, 3}, rng);
  for (const int threads : {1, 2}) {
    const EngineOptions o{EngineKind::Fast, threads};
    for (const bool depthwise : {false, true}) {
      try {
        run_conv2d(input, depthwise ? w_dw : w_std, {}, depthwise ? dw : standard, o, nullptr,
                   nullptr, &control);
        ADD_FAILURE() << "no cancellation, threads " << threads;
      } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
      }
    }
  }
}

TEST(FastEngine, ProgressComesFromTheCallingThreadAndEndsAtOne) {
  std::mt19937 rng(34);
  const ConvParams p = depthwise3x3(16);
  const Tensor input = random_tensor({16, 64, 64}, rng);
  const Tensor w = random_tensor({16, 1, 3, 3}, rng);
  const std::thread::id caller = std::this_thread::get_id();
  double last = 0;
  bool other_thread = false, decreasing = false;
  RunControl control;
  control.progress = [&](double f) {
    if (std::this_thread::get_id() != caller) other_thread = true;
    if (f < last) decreasing = true;
    last = f;
  };
  run_conv2d(input, w, {}, p, EngineOptions{EngineKind::Fast, 2}, nullptr, nullptr, &control);
  EXPECT_FALSE(other_thread);
  EXPECT_FALSE(decreasing);
  EXPECT_DOUBLE_EQ(last, 1.0);
}

}  // namespace
}  // namespace sepconv::fast::testing
