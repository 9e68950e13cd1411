// Tensor storage: where values start (core/fast relies on it) and that big and small
// blocks hold what they were given.
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
