// The app's fonts; see app_fonts.h.
#include "widgets/app_fonts.h"

#include <cmath>
#include <filesystem>

namespace sepconv::app {
namespace {

constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
// Lesson captions in presentation mode, relative to the UI font.
constexpr float kCaptionScale = 1.5f;
// Latin-1 plus Greek (σ in feature names), the transpose's superscript T (a column
// [1 2 1]ᵀ), general punctuation, arrows and math symbols (−, ×, ≈): what the lesson's
// labels use.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x1D40, 0x1D40, 0x2010,
                                    0x205E, 0x2190, 0x21FF, 0x2200, 0x22FF, 0};

}  // namespace

void AddAppFonts(ImFontAtlas* atlas, float font_size) {
  atlas->Clear();
  ImFont* font = nullptr;
  std::error_code ec;
  if (std::filesystem::exists(kFontPath, ec))
    font = atlas->AddFontFromFileTTF(kFontPath, font_size, nullptr, kGlyphRanges);
  if (!font) {
    // ImGui's built-in bitmap font: always there, 13 px, scaled to match.
    ImFontConfig config;
    config.SizePixels = font_size;
    atlas->AddFontDefault(&config);
  }
  // The second font: lesson captions in presentation mode, read from the back of a room.
  const float caption_size = std::round(font_size * kCaptionScale);
  if (!font || !atlas->AddFontFromFileTTF(kFontPath, caption_size, nullptr, kGlyphRanges)) {
    ImFontConfig config;
    config.SizePixels = caption_size;
    atlas->AddFontDefault(&config);
  }
}

}  // namespace sepconv::app
