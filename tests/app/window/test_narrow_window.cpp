// The lesson tabs and the outputs' header in a 1280 x 720 window (a common projector
// mode), at 100 % and 150 % UI scale: labels that fit at 1920 x 1080 must wrap, shorten
// or move to the next line instead of running past the panel's edge. Checked on the
// rectangles the app records (--layout-json); 1 pixel of tolerance for rounding.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "app_runner.h"

namespace sepconv::gui_test {
namespace {

Shot RunTab(const std::string& tab, const std::string& extra = "") {
  // 640 x 480: a size whose formulas ("8 x 480 x 640 x 9 x 8") are long.
  const std::string args = Quoted(WriteStripes(TempDir(), 640, 480, "wide.png")) +
                           " --size 1280x720 --m 8 --n 8 --frames 5 --timeout 60 --tab " + tab +
                           extra;
  Shot s = RunApp(SEPCONV_LAB_EXE, args, "narrow_" + tab + (extra.empty() ? "" : "_scaled"));
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

// The outputs' header and the animation's rows: toggles (groups, flip, "showing: ..."),
// transport, and the counters with their formulas in the detail column.
void ExpectAnimationTabInside(const Shot& s) {
  ASSERT_EQ(s.pixels.dim(2), 1280);
  ExpectInside(s, "OutputsModes", "Outputs/content");
  ExpectInside(s, "OutputsInfo", "Outputs/content");
  ExpectInside(s, "AnimToggles", "Lesson/content");
  ExpectInside(s, "AnimTransport", "Lesson/content");
  ExpectInside(s, "AnimCounts", "AnimDetail/window");
}

void ExpectKernelsTabInside(const Shot& s) {
  ASSERT_EQ(s.pixels.dim(2), 1280);
  ExpectInside(s, "KernelsDepthwise", "KernelsDepthwise/window");
  ExpectInside(s, "KernelsPointwise", "KernelsPointwise/window");
}

TEST(NarrowWindow, AnimationTabTextStaysInsideThePanel) {
  const Shot s = RunTab("animation");
  ExpectAnimationTabInside(s);
  EXPECT_TRUE(s.rects.count("AnimStandardRow")) << "at 100 % the stacks fit";
}

TEST(NarrowWindow, KernelsTabTextStaysInsideItsColumns) {
  ExpectKernelsTabInside(RunTab("kernels"));
}

// A projector's large UI scale on the same window: everything still ends inside its
// panel, and stacks too small to draw give way to a hint.
TEST(NarrowWindow, ScaledUiStaysInsideThePanels) {
  const Shot s = RunTab("animation", " --ui-scale 1.5 --large-lesson");
  ExpectAnimationTabInside(s);
  EXPECT_TRUE(s.rects.count("AnimNeedsRoom")) << "stacks this small should give way to the hint";
  EXPECT_FALSE(s.rects.count("AnimStandardRow"));
  ExpectKernelsTabInside(RunTab("kernels", " --ui-scale 1.5 --large-lesson"));
}

// At 150 % the outputs' header takes its compact form and the input picture becomes a
// thumbnail beside the file's lines: a whole row of tiles shows in both panels without
// scrolling (before, the outputs' header left room for the tops of the tiles only, and
// the input's first row was cut below its middle).
TEST(NarrowWindow, ScaledPanelsShowAWholeRowOfTiles) {
  const Shot s = RunTab("costs", " --ui-scale 1.5");
  for (const auto& [panel_name, tiles] : {std::pair<std::string, std::vector<std::string>>{
                                              "Outputs", {"StandardTiles/0", "SeparableTiles/0"}},
                                          {"Input", {"input_tiles/0"}}}) {
    ASSERT_TRUE(s.rects.count(panel_name)) << panel_name;
    const Rect panel = s.rects.at(panel_name);
    for (const std::string& name : tiles) {
      ASSERT_TRUE(s.rects.count(name)) << name;
      const Rect tile = s.rects.at(name);
      EXPECT_GT(tile.w, 40) << name;
      EXPECT_LE(tile.y + tile.h, panel.y + panel.h) << name << " is cut by the panel's bottom";
    }
  }
  EXPECT_TRUE(s.rects.count("OutputsInfo/compact")) << "the outputs' header should be compact";
  ASSERT_TRUE(s.rects.count("InputImage"));
  EXPECT_LT(s.rects.at("InputImage").h, 80) << "the picture should be a thumbnail here";
}

// The compact forms are for short panels only: at 1920 x 1080 beside the larger lesson
// (the docs' animation screenshot) the outputs keep their full header and the input
// its picture.
TEST(NarrowWindow, FullHeaderAt1080pBesideTheLargerLesson) {
  const std::string args = Quoted(WriteStripes(TempDir(), 640, 480, "wide.png")) +
                           " --size 1920x1080 --m 8 --n 8 --frames 5 --timeout 60 --tab costs" +
                           " --large-lesson";
  const Shot s = RunApp(SEPCONV_LAB_EXE, args, "large_lesson_1080p");
  ASSERT_EQ(s.exit_code, 0);
  ASSERT_TRUE(s.rects.count("OutputsInfo"));
  EXPECT_FALSE(s.rects.count("OutputsInfo/compact"));
  ASSERT_TRUE(s.rects.count("InputImage"));
  EXPECT_GT(s.rects.at("InputImage").h, 80);
  ExpectInside(s, "OutputsModes", "Outputs/content");
  ExpectInside(s, "OutputsInfo", "Outputs/content");
}

// --separable spatial on a projector: at 1280 x 720 and 150 % the stacks no longer fit
// beside the detail column (their planes were a finger wide and their titles cut), so
// they sit above it, two rows high, the spatial row in the depthwise-separable row's
// place; at 1920 x 1080 the three rows stand beside the counters.
TEST(NarrowWindow, SpatialRowsOnAProjector) {
  const std::string image = Quoted(WriteStripes(TempDir(), 640, 480, "wide.png"));
  const std::string common = " --m 8 --n 8 --frames 5 --timeout 60 --tab animation --present" +
                             std::string(" --separable spatial");
  const Shot small =
      RunApp(SEPCONV_LAB_EXE, image + " --size 1280x720 --ui-scale 1.5" + common, "spatial_720p");
  ASSERT_EQ(small.exit_code, 0);
  ASSERT_TRUE(small.rects.count("AnimStandardRow"));
  ASSERT_TRUE(small.rects.count("AnimSpatialRow"));
  EXPECT_FALSE(small.rects.count("AnimSeparableRow"));
  ASSERT_TRUE(small.rects.count("AnimDetail/window"));
  const Rect spatial = small.rects.at("AnimSpatialRow");
  const Rect detail = small.rects.at("AnimDetail/window");
  EXPECT_LE(spatial.y + spatial.h, detail.y + 1) << "the stacks should sit above the counters";
  EXPECT_GT(spatial.w, detail.w * 0.9) << "above the counters the stacks take the full width";
  ExpectInside(small, "AnimSpatialRow", "Lesson/content");

  const Shot large = RunApp(SEPCONV_LAB_EXE, image + " --size 1920x1080" + common, "spatial_1080p");
  ASSERT_EQ(large.exit_code, 0);
  for (const char* row : {"AnimStandardRow", "AnimSeparableRow", "AnimSpatialRow"})
    ASSERT_TRUE(large.rects.count(row)) << row;
  const Rect beside = large.rects.at("AnimSpatialRow");
  EXPECT_LE(beside.x + beside.w, large.rects.at("AnimDetail/window").x + 1);
}

}  // namespace
}  // namespace sepconv::gui_test
