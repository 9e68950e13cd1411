// The app icon drawn at build time (sepconv-make-icon): one square PNG with transparency
// at every hicolor size, opaque where the planes are and clear in the empty corner.
#include <gtest/gtest.h>

#include <string>

#include "image_io.h"

namespace {

constexpr int kSizes[] = {SEPCONV_ICON_SIZES};

std::string icon_path(int size) {
  const std::string n = std::to_string(size);
  return std::string(SEPCONV_ICON_DIR) + "/" + n + "x" + n + "/apps/" + SEPCONV_ICON_NAME;
}

TEST(DesktopIcon, EverySizeIsASquareRgbaPng) {
  for (const int size : kSizes) {
    SCOPED_TRACE(icon_path(size));
    const sepconv::LoadedImage icon = sepconv::load_image(icon_path(size));
    EXPECT_EQ(icon.pixels.shape(), (std::vector<int>{3, size, size}));
    EXPECT_EQ(icon.channels_in_file, 4);
    EXPECT_TRUE(icon.had_alpha);
  }
}

TEST(DesktopIcon, CornerIsClearAndPlanesAreColoured) {
  for (const int size : kSizes) {
    SCOPED_TRACE(icon_path(size));
    const sepconv::Tensor& p = sepconv::load_image(icon_path(size)).pixels;
    // Alpha is laid over white on loading: the empty top-left corner reads as white...
    for (int c = 0; c < 3; ++c) EXPECT_FLOAT_EQ(p.at(c, 0, 0), 1.0f);
    // ...and the back plane (top right) is mostly blue.
    const int y = size / 32, x = size - 1 - size / 32;
    EXPECT_GT(p.at(2, y, x), p.at(0, y, x) + 0.3f);
  }
}

}  // namespace
