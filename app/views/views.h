// Entry points of every panel. Each panel is one file and one free function over
// AppState (and the ViewContext for textures); DrawApp lays them out.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "state/app_state.h"
#include "views/view_context.h"

namespace sepconv::app {

// The whole UI for one frame: menu, banner, panels in a fixed layout, status bar.
void DrawApp(AppState& state, ViewContext& ctx);

// The Animation tab alone, filling the display (File > Export animation's picture).
void DrawAnimationAlone(AppState& state, ViewContext& ctx);

FrameRequests DrawMainMenu(const Document& doc, UiState& ui, ViewContext& ctx);
void DrawBanner(UiState& ui, ViewContext& ctx, float y, float width);
FrameRequests DrawInputPanel(const Document& doc, ViewerState& viewer, ViewContext& ctx);
// Edits `edit` (the layer); ApplyEdits follows.
FrameRequests DrawParametersPanel(const Document& doc, LayerChoice& edit, LayoutRects& rects);
// Edits `edit` (the standard kernel's mode); ApplyEdits follows.
FrameRequests DrawOutputsPanel(const Document& doc, LayerChoice& edit, UiState& ui,
                               ViewContext& ctx);
void DrawCostsRegion(const Document& doc, const std::vector<std::string>& highlight,
                     ViewContext& ctx);
// Edits `edit` (the groups slider, the flip); ApplyEdits follows.
FrameRequests DrawAnimationPanel(const Document& doc, LayerChoice& edit, const UiState& ui,
                                 ViewContext& ctx);
FrameRequests DrawStatusBar(const Document& doc, const UiState& ui);
void DrawChannelViewer(const Document& doc, bool robust_range, ViewerState& viewer,
                       ViewContext& ctx);
FrameRequests DrawFileBrowser(FileBrowserState& browser);
FrameRequests DrawExportDialog(const Document& doc, ExportView& exporting, const ViewContext& ctx);
// File > Export animation: what to record, at what size and rate, into which file.
// Its choices live in ctx.animation_export (the platform starts the recording).
void DrawAnimationExportDialog(const Document& doc, bool recording, ViewContext& ctx);
void DrawHelpWindow(bool& open);
// A two-column table of text (the help's keys, the About box's licences).
struct TextRow {
  const char* left;
  const char* right;
};
void DrawTextTable(const char* id, const std::vector<TextRow>& rows);
void DrawAboutWindow(bool& open, const ViewContext& ctx);
FrameRequests DrawLessonDialog(const Document& doc, const std::vector<std::string>& recent_lessons,
                               LessonDialog& dialog, const ViewContext& ctx);

// Lesson mode: the strip under the menu, the question covering the lesson area until
// Reveal, and the blank screen over everything.
float LessonStripHeight(const Document& doc, bool large_captions, float width);
// A third of the window: a longer caption scrolls inside the strip.
float MaxLessonStripHeight();
FrameRequests DrawLessonStrip(const Document& doc, bool large_captions, ViewContext& ctx, float y,
                              float width);
// The class's guess or show of hands goes into `answer`.
FrameRequests DrawQuestion(const Document& doc, bool large_captions, QuestionAnswer& answer);
void DrawBlankScreen(bool blanked, LayoutRects& rects);
// PageDown/PageUp, B or ., and the arrows in presentation mode (lesson_keys.cpp).
FrameRequests HandleLessonKeys(const LessonPlayer& lesson, bool presenting, bool& blanked);

// "Not applied: <reason>" for an edit validation rejected, wrapped at spaces in the
// rejection colour (the Parameters panel and the Kernels tab).
void TextNotApplied(const std::string& reason);

// Height of the banner for the current text (0 when there is none).
float BannerHeight(const UiState& ui, float width);

}  // namespace sepconv::app
