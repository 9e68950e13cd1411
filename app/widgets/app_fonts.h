// The app's two fonts (the UI font and the larger lesson-caption font) added to an ImGui
// font atlas: the window's atlas, and an export's own one, which must look the same.
#pragma once

#include "imgui.h"

namespace sepconv::app {

// The UI font's size at a scale of 1 (the monitor's content scale times the UI scale).
constexpr float kBaseFontSize = 17.0f;

// Clears `atlas` and adds DejaVu Sans at `font_size` pixels (ImGui's built-in font when
// the file is missing) and the caption font; the atlas is built by the caller's backend.
void AddAppFonts(ImFontAtlas* atlas, float font_size);

}  // namespace sepconv::app
