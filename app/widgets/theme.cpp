// The dark and light palettes and ImGui styles; see theme.h.
//
// Light values are chosen against its near-white background: every text colour has a
// contrast ratio of at least 4.5 (tests/app/widgets/test_theme_headless.cpp checks), because a
// projector in a lit room loses the paler half of the range.
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

constexpr Palette kDark = {
    /*clear*/ IM_COL32(20, 20, 23, 255),  // glClearColor(0.08, 0.08, 0.09) as it was
    /*text*/ IM_COL32(255, 255, 255, 255),
    /*error_text*/ IM_COL32(255, 120, 100, 255),
    /*warning_text*/ IM_COL32(240, 140, 60, 255),
    /*success_text*/ IM_COL32(77, 255, 128, 255),
    /*banner_bg*/ IM_COL32(170, 30, 30, 255),
    /*banner_text*/ IM_COL32(255, 255, 255, 255),
    // Saturated mid-tones, distinct for the common forms of colour blindness.
    /*standard*/ IM_COL32(230, 97, 1, 255),
    /*depthwise*/ IM_COL32(55, 126, 184, 255),
    /*pointwise*/ IM_COL32(77, 175, 74, 255),
    /*separable*/ IM_COL32(152, 78, 163, 255),
    /*identity*/ IM_COL32(231, 41, 138, 255),
    /*spatial*/ IM_COL32(27, 178, 160, 255),
    /*marker*/ IM_COL32(250, 200, 20, 255),
    /*marker_ring*/ IM_COL32(0, 0, 0, 255),
    /*series*/ IM_COL32(31, 119, 180, 255),
    /*swatch_outline*/ 0,
    // Chosen to stand out on both colour maps (violet-green-yellow and blue-white-red).
    /*window_outline*/ IM_COL32(255, 120, 0, 255),
    /*tap*/ IM_COL32(255, 40, 200, 255),
    /*output_cell*/ IM_COL32(0, 230, 255, 255),
    /*outline_shadow*/ IM_COL32(0, 0, 0, 200),
    /*tap_done_text*/ IM_COL32(255, 255, 255, 255),
    /*tap_pending_text*/ IM_COL32(140, 140, 140, 255),
    /*tap_product_text*/ IM_COL32(255, 217, 77, 255),
    /*tap_current_bg*/ IM_COL32(120, 30, 100, 255),
    /*stack_pending*/ IM_COL32(60, 60, 66, 220),
    /*stack_grid*/ IM_COL32(0, 0, 0, 90),
    /*stack_border*/ IM_COL32(200, 200, 210, 160),
    /*stack_title*/ IM_COL32(230, 230, 230, 255),
    /*stack_label*/ IM_COL32(200, 200, 200, 255),
    /*canvas_bg*/ IM_COL32(40, 40, 40, 255),
    /*pixel_grid*/ IM_COL32(0, 0, 0, 110),
    /*selection*/ IM_COL32(255, 120, 0, 255),
    /*term_mark*/ IM_COL32(255, 130, 0, 255),
};

// The dark theme's hues, darker where they are lines and text on white.
constexpr Palette kLight = {
    /*clear*/ IM_COL32(250, 250, 250, 255),
    /*text*/ IM_COL32(0, 0, 0, 255),
    /*error_text*/ IM_COL32(180, 0, 0, 255),
    /*warning_text*/ IM_COL32(150, 70, 0, 255),
    /*success_text*/ IM_COL32(0, 110, 40, 255),
    /*banner_bg*/ IM_COL32(170, 30, 30, 255),
    /*banner_text*/ IM_COL32(255, 255, 255, 255),
    /*standard*/ IM_COL32(190, 70, 0, 255),
    /*depthwise*/ IM_COL32(25, 95, 170, 255),
    /*pointwise*/ IM_COL32(30, 125, 30, 255),
    /*separable*/ IM_COL32(120, 40, 140, 255),
    /*identity*/ IM_COL32(190, 20, 110, 255),
    /*spatial*/ IM_COL32(0, 120, 105, 255),
    /*marker*/ IM_COL32(250, 200, 20, 255),
    /*marker_ring*/ IM_COL32(0, 0, 0, 255),
    /*series*/ IM_COL32(25, 95, 170, 255),
    // A pale swatch (the gold marker) would vanish into white without one.
    /*swatch_outline*/ IM_COL32(0, 0, 0, 200),
    /*window_outline*/ IM_COL32(235, 100, 0, 255),
    /*tap*/ IM_COL32(215, 0, 165, 255),
    /*output_cell*/ IM_COL32(0, 140, 200, 255),
    /*outline_shadow*/ IM_COL32(0, 0, 0, 200),
    /*tap_done_text*/ IM_COL32(0, 0, 0, 255),
    /*tap_pending_text*/ IM_COL32(110, 110, 110, 255),
    /*tap_product_text*/ IM_COL32(140, 75, 0, 255),
    /*tap_current_bg*/ IM_COL32(255, 190, 235, 255),
    /*stack_pending*/ IM_COL32(200, 200, 208, 220),
    /*stack_grid*/ IM_COL32(0, 0, 0, 90),
    /*stack_border*/ IM_COL32(30, 30, 40, 220),
    /*stack_title*/ IM_COL32(0, 0, 0, 255),
    /*stack_label*/ IM_COL32(40, 40, 40, 255),
    /*canvas_bg*/ IM_COL32(215, 215, 220, 255),
    /*pixel_grid*/ IM_COL32(0, 0, 0, 110),
    /*selection*/ IM_COL32(255, 120, 0, 255),
    // Darker than the dark theme's: a thin orange line on white is faint.
    /*term_mark*/ IM_COL32(205, 85, 0, 255),
};

ThemeKind g_theme = ThemeKind::Dark;  // like ImGui's own style: one per process

ImVec4 Rgb(int r, int g, int b, float a = 1.0f) {
  return ImVec4(float(r) / 255.0f, float(g) / 255.0f, float(b) / 255.0f, a);
}

// StyleColorsLight made high contrast: near-white panels, black text, dark borders on
// every frame, and saturated blues for what can be clicked.
void FillLightColours(ImGuiStyle* style) {
  ImGui::StyleColorsLight(style);
  ImVec4* c = style->Colors;
  const ImVec4 accent = Rgb(0, 90, 190);
  c[ImGuiCol_Text] = Rgb(0, 0, 0);
  c[ImGuiCol_TextDisabled] = Rgb(85, 85, 85);
  c[ImGuiCol_WindowBg] = Rgb(250, 250, 250);
  c[ImGuiCol_ChildBg] = Rgb(250, 250, 250, 0.0f);
  c[ImGuiCol_PopupBg] = Rgb(255, 255, 255);
  c[ImGuiCol_Border] = Rgb(60, 60, 70);
  c[ImGuiCol_FrameBg] = Rgb(232, 232, 238);
  c[ImGuiCol_FrameBgHovered] = Rgb(200, 220, 250);
  c[ImGuiCol_FrameBgActive] = Rgb(170, 200, 245);
  c[ImGuiCol_TitleBg] = Rgb(215, 215, 222);
  c[ImGuiCol_TitleBgActive] = Rgb(190, 200, 225);
  c[ImGuiCol_MenuBarBg] = Rgb(225, 225, 232);
  c[ImGuiCol_ScrollbarBg] = Rgb(235, 235, 240);
  c[ImGuiCol_ScrollbarGrab] = Rgb(120, 120, 130);
  c[ImGuiCol_ScrollbarGrabHovered] = Rgb(90, 90, 100);
  c[ImGuiCol_ScrollbarGrabActive] = Rgb(60, 60, 70);
  c[ImGuiCol_CheckMark] = accent;
  // Slider values and progress counts are printed over the grab and the bar: a mid blue
  // keeps the black text on it readable (a dark one hid "92" in "77,425,921").
  c[ImGuiCol_SliderGrab] = Rgb(80, 140, 225);
  c[ImGuiCol_SliderGrabActive] = Rgb(50, 110, 205);
  c[ImGuiCol_Button] = Rgb(190, 210, 240);
  c[ImGuiCol_ButtonHovered] = Rgb(150, 185, 235);
  c[ImGuiCol_ButtonActive] = Rgb(110, 155, 225);
  c[ImGuiCol_Header] = Rgb(195, 212, 240);
  c[ImGuiCol_HeaderHovered] = Rgb(160, 190, 235);
  c[ImGuiCol_HeaderActive] = Rgb(125, 165, 228);
  c[ImGuiCol_Separator] = Rgb(110, 110, 120);
  c[ImGuiCol_Tab] = Rgb(205, 212, 228);
  c[ImGuiCol_TabHovered] = Rgb(150, 185, 235);
  // The open tab clearly darker than the others, readable from the back of the room.
  c[ImGuiCol_TabActive] = Rgb(135, 170, 230);
  c[ImGuiCol_TabUnfocused] = c[ImGuiCol_Tab];
  c[ImGuiCol_TabUnfocusedActive] = c[ImGuiCol_TabActive];
  c[ImGuiCol_PlotHistogram] = Rgb(110, 160, 235);
  c[ImGuiCol_TableHeaderBg] = Rgb(215, 220, 232);
  c[ImGuiCol_TableBorderStrong] = Rgb(80, 80, 90);
  c[ImGuiCol_TableBorderLight] = Rgb(150, 150, 160);
  c[ImGuiCol_TableRowBg] = Rgb(0, 0, 0, 0.0f);
  c[ImGuiCol_TableRowBgAlt] = Rgb(0, 0, 0, 0.05f);
  c[ImGuiCol_TextSelectedBg] = Rgb(120, 165, 235, 0.6f);
  c[ImGuiCol_NavHighlight] = accent;
  c[ImGuiCol_ModalWindowDimBg] = Rgb(40, 40, 40, 0.45f);
  // Frames keep an edge where their fill is close to the panel's.
  style->FrameBorderSize = 1.0f;
}

}  // namespace

const Palette& PaletteFor(ThemeKind kind) {
  return kind == ThemeKind::Light ? kLight : kDark;
}

const Palette& CurrentPalette() {
  return PaletteFor(g_theme);
}

ThemeKind CurrentTheme() {
  return g_theme;
}

void SetTheme(ThemeKind kind) {
  g_theme = kind;
}

void FillStyle(ThemeKind kind, ImGuiStyle* style) {
  *style = ImGuiStyle();
  if (kind == ThemeKind::Light) {
    FillLightColours(style);
  } else {
    ImGui::StyleColorsDark(style);
    // ImGui's bright gold bar left the animation's white counts ("22,118,400 /
    // 22,118,400") at a contrast of 1.9; a darker gold keeps the hue and the count.
    style->Colors[ImGuiCol_PlotHistogram] = Rgb(150, 100, 0);
  }
  style->WindowRounding = 0;
  style->FrameRounding = 3;
}

ImU32 ContrastText(ImU32 background) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(background);
  const float luma = 0.299f * c.x + 0.587f * c.y + 0.114f * c.z;
  return luma > 0.55f ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

}  // namespace sepconv::app
