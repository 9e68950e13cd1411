// The themes in the real window (--theme, under xvfb-run): the panel background is
// light in the light theme and dark in the dark one, and the Costs tab's legend has
// dark text on a light box (light text on a dark box). Two scripted runs at 1920x1080
// (where the curve plot sits beside the formulas, on screen) on a small image. A
// remembered light theme is not read by a scripted run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "app_runner.h"
#include "image_io.h"
#include "tensor.h"

namespace {

namespace fs = std::filesystem;
using sepconv::gui_test::Quoted;
using sepconv::gui_test::Rect;
using sepconv::gui_test::Shot;
using sepconv::gui_test::TempDir;

int Luma(const Shot& s, int x, int y) {
  return (299 * s.r(x, y) + 587 * s.g(x, y) + 114 * s.b(x, y)) / 1000;
}

struct LegendPixels {
  int total = 0, light = 0, dark = 0;
};

// The right half of the legend box holds only names (the swatches are on the left).
LegendPixels CountLegend(const Shot& s, const Rect& r) {
  LegendPixels c;
  const bool on_screen = r.w > 20 && r.h > 20 && r.x >= 0 && r.y >= 0 &&
                         r.x + r.w <= s.pixels.dim(2) && r.y + r.h <= s.pixels.dim(1);
  EXPECT_TRUE(on_screen) << "legend at " << r.x << "," << r.y << " " << r.w << "x" << r.h;
  if (!on_screen) return c;
  for (int y = r.y + 2; y < r.y + r.h - 2; ++y) {
    for (int x = r.x + r.w / 2; x < r.x + r.w - 2; ++x) {
      const int l = Luma(s, x, y);
      ++c.total;
      c.light += l > 200 ? 1 : 0;
      c.dark += l < 80 ? 1 : 0;
    }
  }
  return c;
}

class ThemeWindow : public ::testing::Test {
 protected:
  // A remembered light theme and a large scale, which a scripted run must not read.
  void SetUp() override {
    config = TempDir() / "config";
    fs::create_directories(config / "sepconv-lab");
    remembered = "{\"theme\": \"light\", \"ui_scale\": 2.0}\n";
    std::ofstream(config / "sepconv-lab" / "settings.json") << remembered;
    const char* old = std::getenv("XDG_CONFIG_HOME");
    saved = old ? std::optional<std::string>(old) : std::nullopt;
    ::setenv("XDG_CONFIG_HOME", config.c_str(), 1);
    sepconv::Tensor t({3, 48, 64}, 0.5f);
    image = TempDir() / "grey.png";
    sepconv::write_png(image.string(), t);
  }
  void TearDown() override {
    if (saved)
      ::setenv("XDG_CONFIG_HOME", saved->c_str(), 1);
    else
      ::unsetenv("XDG_CONFIG_HOME");
  }
  // What a run with `theme_flag` shows: a pixel inside the Parameters panel's left
  // padding (nothing but the panel's background), the legend's pixels, the column width.
  struct Seen {
    int background = -1;
    LegendPixels legend;
    int left_column_w = 0;
  };
  Seen Look(const std::string& theme_flag, const std::string& name) {
    const Shot s = sepconv::gui_test::RunApp(
        SEPCONV_LAB_EXE, Quoted(image) + " --size 1920x1080 --tab costs" + theme_flag, name);
    Seen seen;
    EXPECT_EQ(s.exit_code, 0);
    if (s.pixels.empty() || !s.rects.count("Parameters") || !s.rects.count("CostsLegend")) {
      ADD_FAILURE() << "no screenshot, or no Parameters or CostsLegend rectangle";
      return seen;
    }
    const Rect p = s.rects.at("Parameters");
    seen.background = Luma(s, p.x + 3, p.y + p.h / 2);
    seen.legend = CountLegend(s, s.rects.at("CostsLegend"));
    seen.left_column_w = p.w;
    return seen;
  }
  std::string SettingsText() {
    std::ifstream in(config / "sepconv-lab" / "settings.json");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  fs::path config, image;
  std::string remembered;
  std::optional<std::string> saved;
};

TEST_F(ThemeWindow, LightThemeHasALightBackgroundAndDarkLegendText) {
  const Seen seen = Look(" --theme light", "theme_light");
  EXPECT_GT(seen.background, 200);
  EXPECT_GT(seen.legend.light, seen.legend.total / 2) << "the legend box is not light";
  EXPECT_GT(seen.legend.dark, 60) << "no dark names in the legend";
  EXPECT_EQ(SettingsText(), remembered) << "a scripted run wrote the settings";
}

// Without --theme a scripted run draws the default dark theme, whatever is remembered.
TEST_F(ThemeWindow, DarkThemeHasADarkBackgroundAndLightLegendText) {
  const Seen seen = Look("", "theme_dark");
  EXPECT_LT(seen.background, 60);
  EXPECT_GT(seen.legend.dark, seen.legend.total / 2) << "the legend box is not dark";
  EXPECT_GT(seen.legend.light, 60) << "no light names in the legend";
  // Nor was the remembered scale of 2 read: the left column is 30% of the width (576 px),
  // not the 26 lines of the 2x font (864 px).
  EXPECT_LT(seen.left_column_w, 700);
  EXPECT_EQ(SettingsText(), remembered);
}

}  // namespace
