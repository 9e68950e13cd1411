// The real sepconv-lab window: runs the app with --screenshot (under xvfb-run -a when
// there is no $DISPLAY) and checks pixels of the PNG it wrote, at rectangles the app
// reports with --layout-json. Tolerances: colours within 40/255 per channel (the
// image is drawn scaled with filtering), the banner within 12/255 (a flat fill).
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "app_runner.h"
#include "image_io.h"
#include "state/colormap.h"
#include "tensor.h"

namespace {

using sepconv::gui_test::Quoted;
using sepconv::gui_test::Rect;
using sepconv::gui_test::Shot;
using sepconv::gui_test::TempDir;
namespace fs = std::filesystem;

// Red left half, green top-right, blue bottom-right: colours we can look for.
fs::path MakeImage(const fs::path& dir) {
  const int h = 120, w = 160;
  sepconv::Tensor t({3, h, w});
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      float c[3] = {0.15f, 0.15f, 0.85f};
      if (x < w / 2) {
        c[0] = 0.9f, c[1] = 0.15f, c[2] = 0.15f;
      } else if (y < h / 2) {
        c[0] = 0.15f, c[1] = 0.8f, c[2] = 0.2f;
      }
      for (int k = 0; k < 3; ++k) t.at(k, y, x) = c[k];
    }
  }
  const fs::path path = dir / "quadrants.png";
  sepconv::write_png(path.string(), t);
  return path;
}

Shot RunApp(const std::string& args, const std::string& name) {
  return sepconv::gui_test::RunApp(SEPCONV_LAB_EXE, args, name);
}

bool Near(int a, int b, int tolerance) {
  return std::abs(a - b) <= tolerance;
}

TEST(AppWindow, ScreenshotShowsTheImageAndComputedOutputs) {
  const fs::path image = MakeImage(TempDir());
  const Shot s =
      RunApp(Quoted(image) + " --size 1280x720 --dk 3 --m 3 --n 8 --kernel gaussian", "basic");
  ASSERT_EQ(s.exit_code, 0);
  ASSERT_EQ(s.pixels.dim(1), 720);
  ASSERT_EQ(s.pixels.dim(2), 1280);

  // Not blank: many distinct colours over the whole window.
  std::set<int> colours;
  for (int y = 0; y < 720; y += 3)
    for (int x = 0; x < 1280; x += 3)
      colours.insert((s.r(x, y) << 16) | (s.g(x, y) << 8) | s.b(x, y));
  EXPECT_GT(colours.size(), 50u);

  // The input image region shows the image's own colours where they are.
  ASSERT_TRUE(s.rects.count("InputImage"));
  const Rect in = s.rects.at("InputImage");
  EXPECT_GT(in.w, 40);
  const int lx = in.x + in.w / 4, ly = in.y + in.h / 2;          // red half
  const int gx = in.x + 3 * in.w / 4, gy = in.y + in.h / 4;      // green quadrant
  const int bx = in.x + 3 * in.w / 4, by = in.y + 3 * in.h / 4;  // blue quadrant
  EXPECT_TRUE(Near(s.r(lx, ly), 230, 40) && Near(s.g(lx, ly), 38, 40) && Near(s.b(lx, ly), 38, 40))
      << s.r(lx, ly) << "," << s.g(lx, ly) << "," << s.b(lx, ly);
  EXPECT_TRUE(Near(s.r(gx, gy), 38, 40) && Near(s.g(gx, gy), 204, 40) && Near(s.b(gx, gy), 51, 40))
      << s.r(gx, gy) << "," << s.g(gx, gy) << "," << s.b(gx, gy);
  EXPECT_TRUE(Near(s.r(bx, by), 38, 40) && Near(s.g(bx, by), 38, 40) && Near(s.b(bx, by), 217, 40))
      << s.r(bx, by) << "," << s.g(bx, by) << "," << s.b(bx, by);

  // An output tile is not uniform: a random mix of the smoothed channels differs
  // between the quadrants.
  for (const char* name : {"StandardTiles/0", "SeparableTiles/0"}) {
    ASSERT_TRUE(s.rects.count(name)) << name;
    const Rect t = s.rects.at(name);
    int lo = 255, hi = 0;
    for (int y = t.y + 2; y < t.y + t.h - 2; ++y) {
      for (int x = t.x + 2; x < t.x + t.w - 2; ++x) {
        const int sum = (s.r(x, y) + s.g(x, y) + s.b(x, y)) / 3;
        lo = std::min(lo, sum);
        hi = std::max(hi, sum);
      }
    }
    EXPECT_GT(hi - lo, 40) << name << " looks uniform";
  }
  EXPECT_FALSE(s.rects.count("Banner")) << "no error, so no banner";
}

// --separable spatial: the spatial output's tiles follow the depthwise output's, in the
// same colours (rank-1 Sobel x, so the two outputs agree up to float rounding: pixels
// within 12/255, the tiles' filtering aside), and show the edges (not uniform).
TEST(AppWindow, SpatialTilesShowTheSpatialOutputBesideTheDepthwiseOne) {
  const fs::path image = MakeImage(TempDir());
  const Shot s =
      RunApp(Quoted(image) + " --size 1280x720 --m 3 --n 4 --kernel sobel-x --separable spatial",
             "spatial");
  ASSERT_EQ(s.exit_code, 0);
  ASSERT_TRUE(s.rects.count("IntermediateTiles/0"));
  ASSERT_TRUE(s.rects.count("SpatialTiles/0"));
  ASSERT_TRUE(s.rects.count("OutputsSpatialDiff"));
  const Rect d = s.rects.at("IntermediateTiles/0"), sp = s.rects.at("SpatialTiles/0");
  EXPECT_GE(sp.x, d.x + d.w) << "the spatial column is right of the depthwise one";
  ASSERT_EQ(sp.w, d.w);
  ASSERT_EQ(sp.h, d.h);
  ASSERT_GT(sp.w, 20);
  int lo = 255, hi = 0, worst = 0;
  for (int y = 2; y < sp.h - 2; ++y) {
    for (int x = 2; x < sp.w - 2; ++x) {
      for (int c = 0; c < 3; ++c) {
        worst = std::max(worst, std::abs(s.At(c, sp.x + x, sp.y + y) - s.At(c, d.x + x, d.y + y)));
      }
      const int grey =
          (s.r(sp.x + x, sp.y + y) + s.g(sp.x + x, sp.y + y) + s.b(sp.x + x, sp.y + y)) / 3;
      lo = std::min(lo, grey);
      hi = std::max(hi, grey);
    }
  }
  EXPECT_LE(worst, 12) << "spatial and depthwise tiles differ";
  EXPECT_GT(hi - lo, 40) << "the spatial tile looks uniform";
}

TEST(AppWindow, UnreadableFileStillRunsAndShowsTheBanner) {
  const fs::path bad = TempDir() / "not_an_image.png";
  std::ofstream(bad) << "this is text, not a PNG";
  const Shot s = RunApp(Quoted(bad) + " --size 1280x720", "banner");
  // Scripted, so the failed load is also the exit code; the picture still shows it.
  ASSERT_NE(s.exit_code, 0);
  ASSERT_TRUE(s.rects.count("Banner")) << "the banner is missing";
  const Rect b = s.rects.at("Banner");
  EXPECT_GT(b.w, 600);
  // The banner's fill (170, 30, 30), sampled in its left padding where no text is.
  const int x = b.x + 3, y = b.y + b.h / 2;
  EXPECT_TRUE(Near(s.r(x, y), 170, 12) && Near(s.g(x, y), 30, 12) && Near(s.b(x, y), 30, 12))
      << s.r(x, y) << "," << s.g(x, y) << "," << s.b(x, y);
}

// A pending edit that validation rejects (groups 4 do not divide M = 3) with the Kernels
// tab open: the editor shows the separable weights and the app keeps running (it used
// to build the standard kernel for the rejected edit and abort).
TEST(AppWindow, KernelsTabWithARejectedEditKeepsRunning) {
  const fs::path image = MakeImage(TempDir());
  const Shot s =
      RunApp(Quoted(image) + " --size 1280x720 --m 3 --n 4 --groups 4 --tab kernels", "kernels");
  EXPECT_NE(s.exit_code, 0) << "a scripted run whose layer does not validate fails";
  EXPECT_FALSE(s.pixels.empty()) << "no screenshot was written";
}

// The viewer zoomed to 60 screen pixels per value on input channel 0 (red: 0.9 left of
// x = 80, 0.15 from x = 80 on). The view is centred on (80, 60), so the boundary
// between the two values runs down the middle of the canvas.
TEST(AppWindow, ViewerShowsNearestPixelsGridAndValues) {
  const fs::path image = MakeImage(TempDir());
  const Shot s = RunApp(Quoted(image) + " --size 1280x720 --view input:0 --zoom 60", "viewer");
  ASSERT_EQ(s.exit_code, 0);
  ASSERT_TRUE(s.rects.count("ViewerCanvas"));
  const Rect c = s.rects.at("ViewerCanvas");
  const int cx = c.x + c.w / 2, cy = c.y + c.h / 2;
  const auto colour = [](float t) {
    const sepconv::app::Rgb v = sepconv::app::SampleStops(sepconv::app::kSequentialStops, t);
    return std::array<int, 3>{int(v.r * 255 + 0.5f), int(v.g * 255 + 0.5f), int(v.b * 255 + 0.5f)};
  };
  // Cell corners (8 px inside a cell, away from the centred value text).
  const auto high = colour(230.0f / 255), low = colour(38.0f / 255);
  const int lx = cx - 52, rx = cx + 8, y = cy + 8;
  for (int k = 0; k < 3; ++k) {
    const int got_l[3] = {s.r(lx, y), s.g(lx, y), s.b(lx, y)};
    const int got_r[3] = {s.r(rx, y), s.g(rx, y), s.b(rx, y)};
    EXPECT_TRUE(Near(got_l[k], high[size_t(k)], 6))
        << "left cell channel " << k << ": " << got_l[k];
    EXPECT_TRUE(Near(got_r[k], low[size_t(k)], 6))
        << "right cell channel " << k << ": " << got_r[k];
  }
  // Nearest, not smoothed: one cell is flat from corner to corner.
  EXPECT_TRUE(Near(s.g(lx, y), s.g(cx - 8, cy + 52), 2));
  // The pixel grid: cell borders are darker than the cells.
  const int border_y = cy + 60;  // the line between rows 60 and 61
  EXPECT_LT(s.g(lx, border_y) + s.g(lx, border_y + 1), 2 * s.g(lx, y) - 20);
  // The value printed in the cell (dark text on the light cell).
  int text_pixels = 0;
  for (int yy = cy + 15; yy < cy + 45; ++yy)
    for (int xx = cx - 50; xx < cx - 10; ++xx) text_pixels += s.g(xx, yy) < high[1] - 80 ? 1 : 0;
  EXPECT_GT(text_pixels, 20) << "no value printed in the zoomed cell";
}

TEST(AppWindow, PanelsDoNotOverlapAt1280And1920) {
  const fs::path image = MakeImage(TempDir());
  for (const std::string size : {"1280x720", "1920x1080"}) {
    const Shot s = RunApp(Quoted(image) + " --size " + size + " --ui-scale 1.25", "layout");
    ASSERT_EQ(s.exit_code, 0);
    const int W = s.pixels.dim(2), H = s.pixels.dim(1);
    const char* panels[] = {"Input", "Parameters", "Outputs", "Lesson", "Status"};
    for (const char* a : panels) {
      ASSERT_TRUE(s.rects.count(a)) << a;
      const Rect ra = s.rects.at(a);
      EXPECT_TRUE(ra.x >= 0 && ra.y >= 0 && ra.x + ra.w <= W && ra.y + ra.h <= H)
          << a << " " << size;
      for (const char* b : panels) {
        if (std::string(a) >= b) continue;
        const Rect rb = s.rects.at(b);
        const bool apart = ra.x + ra.w <= rb.x || rb.x + rb.w <= ra.x || ra.y + ra.h <= rb.y ||
                           rb.y + rb.h <= ra.y;
        EXPECT_TRUE(apart) << a << " overlaps " << b << " at " << size;
      }
    }
  }
}

// A feature stack of 8 channels at 1920 x 1080: the picture gives way so that both rows
// of channel tiles, three-line labels ("edge 22.5° σ1 (R)") included, are on screen
// without scrolling the Input panel.
TEST(AppWindow, InputChannelTilesAndLabelsFitThePanelAt1080p) {
  const fs::path image = sepconv::gui_test::WriteStripes(TempDir(), 640, 480, "stack.png");
  const Shot s = RunApp(Quoted(image) + " --size 1920x1080 --m 8 --n 8", "input_stack");
  ASSERT_EQ(s.exit_code, 0);
  for (const char* name : {"Input", "InputImage", "input_tiles/0", "input_tiles/grid"}) {
    ASSERT_TRUE(s.rects.count(name)) << name;
  }
  const Rect panel = s.rects.at("Input"), grid = s.rects.at("input_tiles/grid");
  const Rect picture = s.rects.at("InputImage"), tile = s.rects.at("input_tiles/0");
  EXPECT_LE(grid.y + grid.h, panel.y + panel.h) << "the last row of labels is cut off";
  EXPECT_GE(grid.y, picture.y + picture.h);
  EXPECT_GE(picture.h, tile.h) << "the picture should stay at least as large as a tile";
}

}  // namespace
