// DrawApp: places every panel in a fixed layout computed from the window size, so
// nothing overlaps at 1280x720 and everything grows at 1920x1080 (no docking in 1.86).
#include <algorithm>
#include <cmath>
#include <string>

#include "imgui_internal.h"
#include "views/layout_record.h"
#include "views/views.h"

namespace sepconv::app {
namespace {

// What a panel asked for: an edit of the layer is applied (or its reason shown) at once,
// before the next panel reads it, as the panel's own ApplyEdits did; the rest joins the
// frame's requests for the frame loop.
void TakeRequests(AppState& state, const FrameRequests& asked) {
  if (asked.apply_edits) ApplyEdits(state);
  AddRequests(state.requests, asked);
}

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

void Place(LayoutRects& rects, const char* name, float x, float y, float w, float h) {
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
  RecordRect(rects, name, x, y, w, h);
}

// One fixed panel: placed, drawn, and its text captured when a script asks for it.
template <class Draw>
void DrawPanel(ViewContext& ctx, const char* name, ImVec4 rect, ImGuiWindowFlags extra_flags,
               Draw draw) {
  Place(ctx.rects, name, rect.x, rect.y, rect.z, rect.w);
  if (ImGui::Begin(name, nullptr, kPanelFlags | extra_flags)) {
    RecordWindowContent(ctx.rects, std::string(name) + "/content");
    BeginTextCapture(ctx);
    draw();
    EndTextCapture(ctx);
  }
  ImGui::End();
}

// A lesson tab, brought forward once when state.requests.select_tab names it.
template <class Draw>
void LessonTabItem(LessonTab& select_tab, LessonTab& shown_tab, const char* label, LessonTab tab,
                   Draw draw) {
  const bool select = select_tab == tab;
  if (ImGui::BeginTabItem(label, nullptr, select ? ImGuiTabItemFlags_SetSelected : 0)) {
    if (select) select_tab = LessonTab::None;
    shown_tab = tab;
    draw();
    ImGui::EndTabItem();
  }
}

void DrawOutputs(AppState& state, ViewContext& ctx) {
  TakeRequests(state, DrawOutputsPanel(state.doc, state.doc.edit, state.ui, ctx));
}

void DrawAnimation(AppState& state, ViewContext& ctx) {
  TakeRequests(state, DrawAnimationPanel(state.doc, state.doc.edit, state.ui, ctx));
}

}  // namespace

void BeginTextCapture(const ViewContext& ctx) {
  if (ctx.text_capture) ImGui::LogToBuffer();
}

void EndTextCapture(const ViewContext& ctx) {
  // ImGui clears its log buffer when End() finishes logging, so copy it out first.
  if (!ctx.text_capture) return;
  *ctx.text_capture += GImGui->LogBuffer.c_str();
  *ctx.text_capture += "\n";
  ImGui::LogFinish();
}

// The lesson area: the tabs, or the question that covers them until Reveal.
void DrawLessonArea(AppState& state, ViewContext& ctx, ImVec4 rect) {
  DrawPanel(ctx, "Lesson", rect, ImGuiWindowFlags_NoTitleBar, [&] {
    if (state.doc.lesson.question_pending()) {
      RecordWindowContent(ctx.rects, "Question");
      LessonPlayer& lesson = state.doc.lesson;
      TakeRequests(state, DrawQuestion(state.doc, state.ui.large_captions,
                                       lesson.answers[size_t(lesson.step)]));
      return;
    }
    if (!ImGui::BeginTabBar("lesson_tabs")) return;
    LessonTabItem(state.requests.select_tab, state.ui.shown_tab, "Costs", LessonTab::Costs,
                  [&] { DrawCostsRegion(state.doc, state.ui.highlight, ctx); });
    LessonTabItem(state.requests.select_tab, state.ui.shown_tab, "Animation", LessonTab::Animation,
                  [&] { DrawAnimation(state, ctx); });
    LessonTabItem(state.requests.select_tab, state.ui.shown_tab, "Kernels", LessonTab::Kernels,
                  [&] {
                    TakeRequests(state, DrawKernelEditor(state.doc, state.doc.edit, state.ui,
                                                         ctx.rects, ctx.kernel_editor));
                  });
    // A button at the end of the tab bar gives the lesson more room (and back).
    if (!state.ui.presenting && ImGui::TabItemButton(state.ui.lesson_large ? "Smaller" : "Larger",
                                                     ImGuiTabItemFlags_Trailing)) {
      state.ui.lesson_large = !state.ui.lesson_large;
    }
    ImGui::EndTabBar();
  });
}

void DrawAnimationAlone(AppState& state, ViewContext& ctx) {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  DrawPanel(ctx, "Animation", ImVec4(0, 0, size.x, size.y), ImGuiWindowFlags_NoTitleBar,
            [&] { DrawAnimation(state, ctx); });
}

void DrawApp(AppState& state, ViewContext& ctx) {
  const ImGuiIO& io = ImGui::GetIO();
  const float W = io.DisplaySize.x, H = io.DisplaySize.y;

  state.requests.animating = false;  // views set it again while something moves
  if (state.doc.lesson.blanked) {
    // Nothing but black: the click or key that brings the picture back presses nothing.
    DrawBlankScreen(true, ctx.rects);
    return;
  }
  // Presentation mode hides the menu (F5 / Esc and the keys still work).
  float menu_h = 0;
  if (!state.ui.presenting) {
    TakeRequests(state, DrawMainMenu(state.doc, state.ui, ctx));
    menu_h = ImGui::GetFrameHeight();
  }
  const float banner_h = BannerHeight(state.ui, W);
  if (banner_h > 0) DrawBanner(state.ui, ctx, menu_h, W);
  // Large captions while presenting, unless they would take more than a quarter of the
  // window (a small projector at a large UI scale): the picture matters more.
  state.ui.large_captions = state.ui.presenting;
  float strip_h = LessonStripHeight(state.doc, state.ui.large_captions, W);
  if (state.ui.large_captions && strip_h > H * 0.25f) {
    state.ui.large_captions = false;
    strip_h = LessonStripHeight(state.doc, state.ui.large_captions, W);
  }
  strip_h = std::min(strip_h, MaxLessonStripHeight());
  if (strip_h > 0)
    TakeRequests(state,
                 DrawLessonStrip(state.doc, state.ui.large_captions, ctx, menu_h + banner_h, W));
  const float status_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y;
  const float top = menu_h + banner_h + strip_h;
  const float avail_h = std::max(H - top - status_h, 100.0f);

  if (state.ui.presenting) {
    // The class sees the outputs beside the lesson area; the parameters stay with the
    // teacher's lesson file.
    // A step that asks for a large lesson area (the animation) gets three quarters.
    // Never so narrow that the output columns' titles break (a large UI scale).
    const float outputs_w =
        std::floor(std::clamp(W * (state.ui.lesson_large ? 0.25f : 0.36f),
                              std::min(20.0f * ctx.base_font_size, W * 0.4f), W * 0.45f));
    DrawPanel(ctx, "Outputs", ImVec4(0, top, outputs_w, avail_h), 0,
              [&] { DrawOutputs(state, ctx); });
    DrawLessonArea(state, ctx, ImVec4(outputs_w, top, W - outputs_w, avail_h));
  } else {
    // Left column: input above parameters. Right: outputs above the lesson panels.
    const float left_w =
        std::clamp(W * 0.3f, std::min(W * 0.45f, 26.0f * ctx.base_font_size), W * 0.45f);
    const float right_w = W - left_w;
    const float input_h = std::floor(avail_h * 0.42f);
    const float outputs_h = std::floor(avail_h * (state.ui.lesson_large ? 0.32f : 0.56f));

    DrawPanel(ctx, "Input", ImVec4(0, top, left_w, input_h), 0,
              [&] { TakeRequests(state, DrawInputPanel(state.doc, state.ui.viewer, ctx)); });
    DrawPanel(ctx, "Parameters", ImVec4(0, top + input_h, left_w, avail_h - input_h), 0, [&] {
      TakeRequests(state, DrawParametersPanel(state.doc, state.doc.edit, ctx.rects));
    });
    DrawPanel(ctx, "Outputs", ImVec4(left_w, top, right_w, outputs_h), 0,
              [&] { DrawOutputs(state, ctx); });
    DrawLessonArea(state, ctx, ImVec4(left_w, top + outputs_h, right_w, avail_h - outputs_h));
  }

  DrawPanel(ctx, "Status", ImVec4(0, H - status_h, W, status_h),
            ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar,
            [&] { TakeRequests(state, DrawStatusBar(state.doc, state.ui)); });

  // Floating windows last, so they sit above the fixed panels.
  DrawChannelViewer(state.doc, state.ui.robust_range, state.ui.viewer, ctx);
  TakeRequests(state, DrawFileBrowser(state.ui.browser));
  TakeRequests(state, DrawExportDialog(state.doc, state.ui.exporting, ctx));
  DrawAnimationExportDialog(state.doc, state.ui.recording.running, ctx);
  TakeRequests(state, DrawLessonDialog(state.doc, state.ui.browser.recent_lessons,
                                       state.ui.lesson_dialog, ctx));
  DrawHelpWindow(state.ui.show_help);
  DrawAboutWindow(state.ui.show_about, ctx);
  DrawBlankScreen(state.doc.lesson.blanked, ctx.rects);
}

}  // namespace sepconv::app
