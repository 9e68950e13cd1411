// The cost panel in the real sepconv-lab window: runs the app with --screenshot (under
// xvfb-run -a when there is no $DISPLAY) for two values of N and checks that the gold
// current-point markers of the curve plot moved right as N grew.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "image_io.h"
#include "tensor.h"

namespace {

namespace fs = std::filesystem;

struct Shot {
  int exit_code = -1;
  sepconv::Tensor pixels;        // [3, H, W] in [0,1]
  int lesson[4] = {0, 0, 0, 0};  // x, y, w, h of the panel holding the cost panel
};

fs::path TempDir() {
  const fs::path dir =
      fs::temp_directory_path() / ("sepconv_cost_panel_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

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
  const fs::path dir = TempDir();
  // Appending to the number (not prepending) avoids a GCC 12 -Wrestrict false positive.
  const fs::path png = dir / (std::to_string(n) + "_n.png");
  const fs::path json = dir / (std::to_string(n) + "_n.json");
  fs::remove(png);
  const char* display = std::getenv("DISPLAY");
  const std::string prefix =
      display && *display ? std::string() : std::string("xvfb-run -a -s '-screen 0 2048x1280x24' ");
  const std::string cmd = prefix + "'" SEPCONV_LAB_EXE "' '" + image.string() +
                          "' --size 1920x1080 --ui-scale 1 --dk 3 --m 3 --n " + std::to_string(n) +
                          " --screenshot '" + png.string() + "' --layout-json '" + json.string() +
                          "' 2>&1";
  Shot shot;
  shot.exit_code = std::system(cmd.c_str());
  if (!fs::exists(png)) {
    ADD_FAILURE() << "no screenshot from: " << cmd;
    return shot;
  }
  shot.pixels = sepconv::load_image(png.string()).pixels;
  std::ifstream in(json);
  const nlohmann::json layout = nlohmann::json::parse(in);
  if (layout.contains("Lesson")) {
    for (int i = 0; i < 4; ++i)
      shot.lesson[i] = static_cast<int>(layout["Lesson"][i].get<double>());
  }
  return shot;
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
  const int x0 = s.lesson[0], y0 = s.lesson[1], w = s.lesson[2], h = s.lesson[3];
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
  const fs::path image = MakeImage(TempDir());
  const Shot small = RunApp(image, 100);
  const Shot large = RunApp(image, 500);
  ASSERT_EQ(small.exit_code, 0);
  ASSERT_EQ(large.exit_code, 0);
  ASSERT_GT(small.lesson[2], 200) << "no Lesson panel in the layout";
  const std::optional<double> x_small = MarkerColumn(GoldBlobs(small));
  const std::optional<double> x_large = MarkerColumn(GoldBlobs(large));
  ASSERT_TRUE(x_small.has_value()) << "no current-point markers at N = 100";
  ASSERT_TRUE(x_large.has_value()) << "no current-point markers at N = 500";
  // Linear x axis 1..1024: N = 100 and 500 lie about 40% of the plot width apart; the plot
  // fills about 40% of the lesson panel's width (at least 30%).
  EXPECT_GT(*x_large - *x_small, small.lesson[2] * 0.3 * 0.3)
      << "marker at x " << *x_small << " for N = 100 and " << *x_large << " for N = 500";
  // Both inside the right half of the panel, where the curve sits beside the formulas.
  EXPECT_GT(*x_small, small.lesson[0] + small.lesson[2] * 0.5);
  EXPECT_LT(*x_large, small.lesson[0] + small.lesson[2]);
}

}  // namespace
