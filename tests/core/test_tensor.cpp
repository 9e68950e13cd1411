// Tensor storage: where values start (core/fast relies on it), that big and small
// blocks hold what they were given, zeroed allocation and the chunked reductions.
#include <gtest/gtest.h>

#include <cstdint>

#include "tensor.h"

namespace sepconv {
namespace {

uintptr_t address(const Tensor& t) {
  return reinterpret_cast<uintptr_t>(t.data());
}

TEST(Tensor, SmallTensorsStartOnACacheLine) {
  for (int w : {1, 3, 17, 1919}) {
    const Tensor t({3, 5, w}, 0.5f);
    EXPECT_EQ(address(t) % 64, 0u) << "width " << w;
    EXPECT_FLOAT_EQ(t.at(2, 4, w - 1), 0.5f);
  }
}

TEST(Tensor, LargeTensorsStartOnAHugePageAndKeepTheirValues) {
  // 16 x 360 x 641 floats = 14.8 MB: over the huge-page threshold, not a multiple of it.
  Tensor t({16, 360, 641}, 1.0f);
  EXPECT_EQ(address(t) % (2u << 20), 0u);
  t.at(15, 359, 640) = 7.0f;
  const Tensor copy = t;
  EXPECT_EQ(address(copy) % (2u << 20), 0u);
  EXPECT_FLOAT_EQ(copy.at(0, 0, 0), 1.0f);
  EXPECT_FLOAT_EQ(copy.at(15, 359, 640), 7.0f);
  Tensor moved = std::move(t);
  EXPECT_FLOAT_EQ(moved.at(15, 359, 640), 7.0f);
}

}  // namespace
}  // namespace sepconv

#include <atomic>
#include <cmath>
#include <limits>

#include "error.h"
#include "run_control.h"
#include "tensor_stats.h"

namespace sepconv {
namespace {

TEST(TensorZeroed, IsZeroAndCanBeCancelled) {
  const Tensor t = Tensor::zeroed({3, 1000, 3000}, 2, nullptr);  // several chunks
  EXPECT_EQ(t.shape(), (std::vector<int>{3, 1000, 3000}));
  for (float v : t.values()) ASSERT_EQ(v, 0.0f);
  std::atomic<bool> cancel{true};
  RunControl c;
  c.cancel = &cancel;
  const int64_t before = tensor_bytes_in_use();
  EXPECT_THROW(Tensor::zeroed({3, 1000, 3000}, 2, &c), Error);
  EXPECT_EQ(tensor_bytes_in_use(), before) << "a cancelled allocation is freed";
}

TEST(TensorStats, ReductionsAcrossChunksAndNaN) {
  Tensor a({2, 1500, 3000}, 0.5f), b({2, 1500, 3000}, 0.5f);  // 9 M values: three chunks
  a.at(1, 1400, 2999) = -7.0f;
  a.at(0, 3, 4) = 2.0f;
  EXPECT_FLOAT_EQ(max_abs(a), 7.0f);
  EXPECT_DOUBLE_EQ(max_abs_difference(a, b), 7.5);
  const auto [lo, hi] = channel_min_max(a);
  EXPECT_FLOAT_EQ(lo[0], 0.5f);
  EXPECT_FLOAT_EQ(hi[0], 2.0f);
  EXPECT_FLOAT_EQ(lo[1], -7.0f);
  // A NaN is never "no difference".
  b.at(0, 0, 0) = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(std::isinf(max_abs_difference(a, b)));
}

}  // namespace
}  // namespace sepconv
