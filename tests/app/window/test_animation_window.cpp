// The Animation tab in the real window: screenshots at scripted positions (--anim-clock,
// --anim-jump) differ where the kernel window moved, and the counters' text changes.
// Tolerances: a pixel "differs" when its R+G+B moved by more than 60/765; two runs at
// the same position may differ in at most 0.5% of a region (the stacks are drawn the same
// way every run; the margin is for rasteriser noise, not expected).
#include <gtest/gtest.h>

#include <string>

#include "app_runner.h"

namespace sepconv::gui_test {
namespace {

// 32 x 24 stripes: small enough that the region shown covers the whole image.
fs::path MakeStripes(const fs::path& dir) {
  return WriteStripes(dir, 32, 24, "stripes.png");
}

Shot RunAt(const std::string& position, const std::string& name, int expected_exit = 0) {
  const std::string args = Quoted(MakeStripes(TempDir())) +
                           " --size 1920x1080 --tab animation --large-lesson --dk 3 --m 3 --n 4 " +
                           position;
  Shot s = RunApp(SEPCONV_LAB_EXE, args, name);
  EXPECT_EQ(s.exit_code != 0, expected_exit != 0) << name;
  return s;
}

int DiffCount(const Shot& a, const Shot& b, const Rect& r) {
  int n = 0;
  for (int y = r.y; y < r.y + r.h; ++y) {
    for (int x = r.x; x < r.x + r.w; ++x) {
      int d = 0;
      for (int c = 0; c < 3; ++c) d += std::abs(a.At(c, x, y) - b.At(c, x, y));
      n += d > 60 ? 1 : 0;
    }
  }
  return n;
}

// Pixels of the kernel window's orange (kWindowColour 255,120,0; tolerance 45 per
// channel) in a rectangle, and their centroid.
struct Orange {
  int count = 0;
  double x = 0, y = 0;
};
Orange FindOrange(const Shot& s, const Rect& r) {
  Orange o;
  for (int y = r.y; y < r.y + r.h; ++y) {
    for (int x = r.x; x < r.x + r.w; ++x) {
      if (std::abs(s.At(0, x, y) - 255) <= 45 && std::abs(s.At(1, x, y) - 120) <= 45 &&
          s.At(2, x, y) <= 45) {
        ++o.count;
        o.x += x;
        o.y += y;
      }
    }
  }
  if (o.count) o.x /= o.count, o.y /= o.count;
  return o;
}

// The input stack: the left 55% of the standard row (see DrawStandardRow).
Rect InputStack(const Rect& row) {
  return Rect{row.x, row.y, int(row.w * 0.55), row.h};
}

TEST(AnimationWindow, PositionsMoveTheKernelWindowAndTheCounters) {
  const Shot first = RunAt("--anim-clock 1", "anim_clock1");
  const Shot again = RunAt("--anim-clock 1", "anim_clock1_again");
  const Shot next = RunAt("--anim-clock 28", "anim_clock28");  // one standard output later
  const Shot far = RunAt("--anim-jump standard:3,23,31", "anim_far");
  for (const Shot* s : {&first, &again, &next, &far}) {
    ASSERT_EQ(s->pixels.dim(2), 1920);
    for (const char* name : {"AnimStandardRow", "AnimSeparableRow", "AnimCounts"}) {
      ASSERT_TRUE(s->rects.count(name)) << name;
      EXPECT_GT(s->rects.at(name).w, 200) << name;
    }
  }
  const Rect std_row = first.rects.at("AnimStandardRow");
  const Rect sep_row = first.rects.at("AnimSeparableRow");
  const Rect counts = first.rects.at("AnimCounts");
  EXPECT_EQ(next.rects.at("AnimStandardRow").x, std_row.x) << "the layout must not move";
  EXPECT_EQ(far.rects.at("AnimCounts").y, counts.y) << "the layout must not move";
  const int row_pixels = std_row.w * std_row.h;

  // The same position twice draws the same stacks.
  EXPECT_LE(DiffCount(first, again, std_row), row_pixels / 200);
  EXPECT_LE(DiffCount(first, again, sep_row), row_pixels / 200);
  EXPECT_LE(DiffCount(first, again, counts), counts.w * counts.h / 200);

  // One output later: the window and the output cell moved in both rows, and the
  // counters' numbers changed.
  EXPECT_GT(DiffCount(first, next, std_row), 150);
  EXPECT_GT(DiffCount(first, next, sep_row), 150);
  EXPECT_GT(DiffCount(first, next, counts), 30);
  EXPECT_GT(DiffCount(first, far, std_row), 2000) << "a far output shows another region";
  EXPECT_GT(DiffCount(first, far, counts), 30);

  // Where it moved: the orange window on the input stack goes one column right, and
  // for the last output (bottom-right of its region) right and down.
  const Orange o1 = FindOrange(first, InputStack(std_row));
  const Orange o2 = FindOrange(next, InputStack(std_row));
  const Orange o3 = FindOrange(far, InputStack(std_row));
  ASSERT_GT(o1.count, 50) << "the kernel window is not drawn";
  ASSERT_GT(o2.count, 50);
  ASSERT_GT(o3.count, 50);
  EXPECT_GT(o2.x, o1.x + 3) << "window did not move right";
  EXPECT_NEAR(o2.y, o1.y, 3) << "window moved off its row";
  EXPECT_GT(o3.x, o2.x + 30);
  EXPECT_GT(o3.y, o1.y + 10);
}

// A scripted run that cannot do what it was asked still draws (the banner is in the
// picture) but exits non-zero.
TEST(AnimationWindow, JumpOutsideTheOutputShowsABannerAndRuns) {
  const Shot s = RunAt("--anim-jump pointwise:9,0,0", "anim_bad_jump", 1);
  EXPECT_TRUE(s.rects.count("Banner")) << "N = 4: channel 9 does not exist";
  EXPECT_TRUE(s.rects.count("AnimStandardRow")) << "the animation still runs";
}

}  // namespace
}  // namespace sepconv::gui_test
