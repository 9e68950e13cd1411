// Entry points of every panel. Each panel is one file and one free function over
// AppState (and the ViewContext for textures); DrawApp lays them out.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "app_state.h"
#include "view_context.h"

namespace sepconv::app {

// The whole UI for one frame: menu, banner, panels in a fixed layout, status bar.
void DrawApp(AppState& state, ViewContext& ctx);

// The Animation tab alone, filling the display (File > Export animation's picture).
void DrawAnimationAlone(AppState& state, ViewContext& ctx);

void DrawMainMenu(AppState& state, ViewContext& ctx);
void DrawBanner(AppState& state, ViewContext& ctx, float y, float width);
void DrawInputPanel(AppState& state, ViewContext& ctx);
void DrawParametersPanel(AppState& state, LayoutRects& rects);
void DrawOutputsPanel(AppState& state, ViewContext& ctx);
void DrawCostsRegion(AppState& state, ViewContext& ctx);
void DrawAnimationPanel(AppState& state, ViewContext& ctx);
void DrawStatusBar(AppState& state);
void DrawChannelViewer(AppState& state, ViewContext& ctx);
void DrawFileBrowser(AppState& state);
void DrawExportDialog(AppState& state, const ViewContext& ctx);
// File > Export animation: what to record, at what size and rate, into which file.
void DrawAnimationExportDialog(AppState& state, ViewContext& ctx);
void DrawHelpWindow(AppState& state);
// A two-column table of text (the help's keys, the About box's licences).
struct TextRow {
  const char* left;
  const char* right;
};
void DrawTextTable(const char* id, const std::vector<TextRow>& rows);
void DrawAboutWindow(AppState& state, const ViewContext& ctx);
void DrawLessonDialog(AppState& state, const ViewContext& ctx);

// Lesson mode: the strip under the menu, the question covering the lesson area until
// Reveal, and the blank screen over everything.
float LessonStripHeight(const AppState& state, float width);
// A third of the window: a longer caption scrolls inside the strip.
float MaxLessonStripHeight();
void DrawLessonStrip(AppState& state, ViewContext& ctx, float y, float width);
void DrawQuestion(AppState& state);
void DrawBlankScreen(AppState& state, LayoutRects& rects);
// PageDown/PageUp, B or ., and the arrows in presentation mode (lesson_keys.cpp).
void HandleLessonKeys(AppState& state);

// "Not applied: <reason>" for an edit validation rejected, wrapped at spaces in the
// rejection colour (the Parameters panel and the Kernels tab).
void TextNotApplied(const std::string& reason);

// Height of the banner for the current text (0 when there is none).
float BannerHeight(const AppState& state, float width);

}  // namespace sepconv::app
