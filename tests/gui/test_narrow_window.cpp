// The lesson tabs in a 1280 x 720 window (a common projector mode): the lesson panel is
// then about 830 pixels wide, and labels that fit at 1920 x 1080 must wrap, shorten or
// move to the next line instead of running past the panel's edge. Checked on the
// rectangles the app records (--layout-json); 1 pixel of tolerance for rounding.
#include <gtest/gtest.h>

#include <string>

#include "app_runner.h"

namespace sepconv::gui_test {
namespace {

Shot RunTab(const std::string& tab) {
  // 640 x 480: a size whose formulas ("8 x 480 x 640 x 9 x 8") are long.
  const std::string args = Quoted(WriteStripes(TempDir(), 640, 480, "wide.png")) +
                           " --size 1280x720 --m 8 --n 8 --frames 5 --timeout 60 --tab " + tab;
  Shot s = RunApp(SEPCONV_LAB_EXE, args, "narrow_" + tab);
  EXPECT_EQ(s.exit_code, 0) << tab;
  return s;
}

// `inner` ends before `outer`'s right edge.
void ExpectInside(const Shot& s, const std::string& inner, const std::string& outer) {
  ASSERT_TRUE(s.rects.count(inner)) << inner;
  ASSERT_TRUE(s.rects.count(outer)) << outer;
  const Rect& a = s.rects.at(inner);
  const Rect& b = s.rects.at(outer);
  EXPECT_GT(a.w, 0) << inner;
  EXPECT_LE(a.x + a.w, b.x + b.w + 1) << inner << " runs past the right edge of " << outer;
}

TEST(NarrowWindow, AnimationTabTextStaysInsideThePanel) {
  const Shot s = RunTab("animation");
  ASSERT_EQ(s.pixels.dim(2), 1280);
  // The toggles' row (groups, flip, "showing: ...") and the transport row.
  ExpectInside(s, "AnimToggles", "Lesson");
  ExpectInside(s, "AnimTransport", "Lesson");
  // The counters with their formulas, in the detail column.
  ExpectInside(s, "AnimCounts", "AnimDetail/window");
}

TEST(NarrowWindow, KernelsTabTextStaysInsideItsColumns) {
  const Shot s = RunTab("kernels");
  ASSERT_EQ(s.pixels.dim(2), 1280);
  ExpectInside(s, "KernelsDepthwise", "KernelsDepthwise/window");
  ExpectInside(s, "KernelsPointwise", "KernelsPointwise/window");
}

}  // namespace
}  // namespace sepconv::gui_test
