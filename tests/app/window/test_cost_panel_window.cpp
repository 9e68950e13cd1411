// The cost panel in the real sepconv-lab window: runs the app with --screenshot (under
// xvfb-run -a when there is no $DISPLAY) for two values of N and checks that the gold
// current-point markers of the curve plot moved right as N grew.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app_runner.h"
#include "image_io.h"
#include "tensor.h"

namespace {

namespace fs = std::filesystem;
using sepconv::gui_test::Rect;
using sepconv::gui_test::Shot;

// A small gradient image: the job on it is quick whatever N is.
fs::path MakeImage(const fs::path& dir) {
  const int h = 48, w = 64;
  sepconv::Tensor t({3, h, w});
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      t.at(0, y, x) = static_cast<float>(x) / w;
      t.at(1, y, x) = static_cast<float>(y) / h;
      t.at(2, y, x) = 0.5f;
    }
  }
  const fs::path path = dir / "gradient.png";
  sepconv::write_png(path.string(), t);
  return path;
}

Shot RunApp(const fs::path& image, int n) {
  // Appending to the number (not prepending) avoids a GCC 12 -Wrestrict false positive.
  return sepconv::gui_test::RunApp(SEPCONV_LAB_EXE,
                                   sepconv::gui_test::Quoted(image) +
                                       " --size 1920x1080 --ui-scale 1 --dk 3 --m 3 --n " +
                                       std::to_string(n),
                                   std::to_string(n) + "_n");
}

// The panel holding the cost panel, or an empty rectangle when the layout lacks it.
Rect Lesson(const Shot& s) {
  const auto it = s.rects.find("Lesson");
  return it == s.rects.end() ? Rect{} : it->second;
}

// The marker fill, IM_COL32(250, 200, 20), within 40/255 per channel (edges are blended).
bool Gold(const Shot& s, int x, int y) {
  const float r = s.pixels.at(0, y, x) * 255, g = s.pixels.at(1, y, x) * 255,
              b = s.pixels.at(2, y, x) * 255;
  return std::abs(r - 250) <= 40 && std::abs(g - 200) <= 40 && std::abs(b - 20) <= 40;
}

struct Blob {
  double cx = 0, cy = 0;
  int pixels = 0;
};

// Connected gold regions inside the lesson panel.
std::vector<Blob> GoldBlobs(const Shot& s) {
  const Rect lesson = Lesson(s);
  const int x0 = lesson.x, y0 = lesson.y, w = lesson.w, h = lesson.h;
  std::vector<char> seen(static_cast<size_t>(w) * h, 0);
  std::vector<Blob> blobs;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (seen[y * w + x] || !Gold(s, x0 + x, y0 + y)) continue;
      Blob blob;
      std::vector<std::pair<int, int>> stack = {{x, y}};
      seen[y * w + x] = 1;
      while (!stack.empty()) {
        const auto [px, py] = stack.back();
        stack.pop_back();
        blob.cx += px;
        blob.cy += py;
        ++blob.pixels;
        const int dx[] = {1, -1, 0, 0}, dy[] = {0, 0, 1, -1};
        for (int k = 0; k < 4; ++k) {
          const int nx = px + dx[k], ny = py + dy[k];
          if (nx < 0 || ny < 0 || nx >= w || ny >= h || seen[ny * w + nx]) continue;
          if (!Gold(s, x0 + nx, y0 + ny)) continue;
          seen[ny * w + nx] = 1;
          stack.push_back({nx, ny});
        }
      }
      blob.cx = x0 + blob.cx / blob.pixels;
      blob.cy = y0 + blob.cy / blob.pixels;
      if (blob.pixels >= 8) blobs.push_back(blob);  // ignore blended specks
    }
  }
  return blobs;
}

// The markers of the four paths share one x; the legend's gold swatch stands alone. So
// the marker column is the x where at least two blobs line up.
std::optional<double> MarkerColumn(const std::vector<Blob>& blobs) {
  for (const Blob& a : blobs) {
    int aligned = 0;
    for (const Blob& b : blobs) aligned += std::abs(a.cx - b.cx) <= 3.0 ? 1 : 0;
    if (aligned >= 2) return a.cx;
  }
  return std::nullopt;
}

TEST(CostPanelWindow, CurrentPointMovesWithN) {
  const fs::path image = MakeImage(sepconv::gui_test::TempDir());
  const Shot small = RunApp(image, 100);
  const Shot large = RunApp(image, 500);
  ASSERT_EQ(small.exit_code, 0);
  ASSERT_EQ(large.exit_code, 0);
  const Rect lesson = Lesson(small);
  ASSERT_GT(lesson.w, 200) << "no Lesson panel in the layout";
  const std::optional<double> x_small = MarkerColumn(GoldBlobs(small));
  const std::optional<double> x_large = MarkerColumn(GoldBlobs(large));
  ASSERT_TRUE(x_small.has_value()) << "no current-point markers at N = 100";
  ASSERT_TRUE(x_large.has_value()) << "no current-point markers at N = 500";
  // Linear x axis 1..1024: N = 100 and 500 lie about 40% of the plot width apart; the plot
  // fills about 40% of the lesson panel's width (at least 30%).
  EXPECT_GT(*x_large - *x_small, lesson.w * 0.3 * 0.3)
      << "marker at x " << *x_small << " for N = 100 and " << *x_large << " for N = 500";
  // Both inside the right half of the panel, where the curve sits beside the formulas.
  EXPECT_GT(*x_small, lesson.x + lesson.w * 0.5);
  EXPECT_LT(*x_large, lesson.x + lesson.w);
}

}  // namespace
