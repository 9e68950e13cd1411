// The palettes of both themes against their own panel background (WCAG contrast
// ratios): every text colour at least 4.5, every path and outline colour at least 3 (the
// ratio for lines, swatches and the path names that repeat them as a colour key), so
// nothing a view draws fades into its panel.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "app/views/headless_imgui.h"
#include "imgui.h"
#include "widgets/plot.h"
#include "widgets/theme.h"

namespace {

using sepconv::app::Palette;
using sepconv::app::ThemeKind;

double Linear(float channel) {
  return channel <= 0.03928f ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double Luminance(const ImVec4& c) {
  return 0.2126 * Linear(c.x) + 0.7152 * Linear(c.y) + 0.0722 * Linear(c.z);
}

double Contrast(const ImVec4& a, const ImVec4& b) {
  const double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImVec4 Vec(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}

class Themes : public ::testing::TestWithParam<ThemeKind> {
 protected:
  void SetUp() override { CreateHeadlessImGui(ImVec2(640, 480)); }
  void TearDown() override {
    sepconv::app::SetTheme(ThemeKind::Dark);
    ImGui::DestroyContext();
  }
};

TEST_P(Themes, EveryTextAndPathColourReadsOnThePanels) {
  ImGuiStyle style;
  sepconv::app::FillStyle(GetParam(), &style);
  const ImVec4 panel = style.Colors[ImGuiCol_WindowBg];
  const Palette& p = sepconv::app::PaletteFor(GetParam());
  const std::vector<std::pair<const char*, ImVec4>> text = {
      {"style text", style.Colors[ImGuiCol_Text]},
      {"style disabled text", style.Colors[ImGuiCol_TextDisabled]},
      {"text", Vec(p.text)},
      {"error", Vec(p.error_text)},
      {"warning", Vec(p.warning_text)},
      {"success", Vec(p.success_text)},
      {"tap done", Vec(p.tap_done_text)},
      {"tap pending", Vec(p.tap_pending_text)},
      {"tap product", Vec(p.tap_product_text)},
      {"stack title", Vec(p.stack_title)},
      {"stack label", Vec(p.stack_label)},
  };
  for (const auto& [name, colour] : text)
    EXPECT_GE(Contrast(colour, panel), 4.5) << name << " on the panel background";
  for (ImU32 line : {p.standard, p.depthwise, p.pointwise, p.separable, p.identity, p.spatial,
                     p.series, p.window_outline, p.output_cell, p.stack_border})
    EXPECT_GE(Contrast(Vec(line), panel), 3.0) << std::hex << line;
  // Counts printed over progress bars, and slider values partly over their grab (the
  // light theme's first, dark grab at 3.2 hid digits in the screenshots; ImGui's dark
  // one is 3.7).
  EXPECT_GE(Contrast(style.Colors[ImGuiCol_Text], style.Colors[ImGuiCol_PlotHistogram]), 4.5);
  EXPECT_GE(Contrast(style.Colors[ImGuiCol_Text], style.Colors[ImGuiCol_SliderGrab]), 3.5);
  // The current product's row and the banner keep their text readable too.
  EXPECT_GE(Contrast(Vec(p.tap_done_text), Vec(p.tap_current_bg)), 4.5);
  EXPECT_GE(Contrast(Vec(p.banner_text), Vec(p.banner_bg)), 4.5);
}

TEST_P(Themes, SetThemeSwitchesThePaletteAndThePlotDefaults) {
  sepconv::app::SetTheme(GetParam());
  EXPECT_EQ(sepconv::app::CurrentTheme(), GetParam());
  EXPECT_EQ(&sepconv::app::CurrentPalette(), &sepconv::app::PaletteFor(GetParam()));
  EXPECT_EQ(sepconv::app::PlotSeries{}.colour, sepconv::app::PaletteFor(GetParam()).series);
}

INSTANTIATE_TEST_SUITE_P(DarkAndLight, Themes,
                         ::testing::Values(ThemeKind::Dark, ThemeKind::Light));

TEST(Theme, LightIsLightAndDarkIsDark) {
  ImGuiStyle dark, light;
  sepconv::app::FillStyle(ThemeKind::Dark, &dark);
  sepconv::app::FillStyle(ThemeKind::Light, &light);
  EXPECT_LT(Luminance(dark.Colors[ImGuiCol_WindowBg]), 0.05);
  EXPECT_GT(Luminance(light.Colors[ImGuiCol_WindowBg]), 0.9);
  EXPECT_GT(Luminance(Vec(sepconv::app::PaletteFor(ThemeKind::Light).clear)), 0.9);
  // The dark theme keeps the app's original rounding and clear colour.
  EXPECT_EQ(dark.WindowRounding, 0.0f);
  EXPECT_EQ(dark.FrameRounding, 3.0f);
  EXPECT_EQ(sepconv::app::PaletteFor(ThemeKind::Dark).clear, IM_COL32(20, 20, 23, 255));
}

TEST(Theme, ContrastTextIsBlackOnLightCellsAndWhiteOnDarkOnes) {
  EXPECT_EQ(sepconv::app::ContrastText(IM_COL32(250, 250, 250, 255)), IM_COL32(0, 0, 0, 255));
  EXPECT_EQ(sepconv::app::ContrastText(IM_COL32(5, 48, 97, 255)), IM_COL32(255, 255, 255, 255));
}

}  // namespace
