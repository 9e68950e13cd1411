// The region the animation shows: output tiles stay put while the kernel slides, the
// input crop is exactly the receptive field, and deep stacks keep the active channel.
#include <gtest/gtest.h>

#include "animation/animation_crop.h"

using namespace sepconv;
using namespace sepconv::app;

TEST(AnimationCrop, OutputTilesAreAlignedAndClamped) {
  const Shape3 out{4, 20, 30};
  Crop c = OutputCrop(out, 5, 9, 8);
  EXPECT_EQ(c.x0, 8);
  EXPECT_EQ(c.y0, 0);
  EXPECT_EQ(c.width(), 8);
  // Near the far edge the tile shifts back to stay full.
  c = OutputCrop(out, 19, 29, 8);
  EXPECT_EQ(c.x1, 30);
  EXPECT_EQ(c.y1, 20);
  EXPECT_EQ(c.width(), 8);
  EXPECT_TRUE(c.contains(29, 19));
  // A tile larger than the output shows all of it.
  c = OutputCrop(Shape3{1, 3, 5}, 2, 4, 8);
  EXPECT_EQ(c.x0, 0);
  EXPECT_EQ(c.width(), 5);
  EXPECT_EQ(c.height(), 3);
}

TEST(AnimationCrop, InputCropIsTheReceptiveFieldIncludingPadding) {
  ConvParams p;
  p.kernel_h = p.kernel_w = 3;
  p.stride_h = p.stride_w = 2;
  p.dilation_h = p.dilation_w = 2;
  p.padding = {2, 2, 2, 2};
  const Crop out{0, 0, 4, 4};
  const Crop in = InputCropFor(p, out);
  EXPECT_EQ(in.x0, -2);  // starts in the padding
  EXPECT_EQ(in.x1, 3 * 2 - 2 + 2 * 2 + 1);
  // Every tap of every output in the tile lies inside the input crop.
  for (int o = 0; o < 4; ++o)
    for (int k = 0; k < 3; ++k) EXPECT_TRUE(in.contains(o * 2 - 2 + k * 2, 0));
}

TEST(AnimationCrop, VisibleChannelsKeepTheActiveOne) {
  EXPECT_EQ(VisibleChannels(4, 2, 6), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(VisibleChannels(64, 30, 6), (std::vector<int>{0, 1, 29, 30, 31, 63}));
  EXPECT_EQ(VisibleChannels(64, 0, 6), (std::vector<int>{0, 1, 63}));
  EXPECT_EQ(VisibleChannels(64, 63, 6), (std::vector<int>{0, 1, 62, 63}));
}
