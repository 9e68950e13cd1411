// DrawApp: places every panel in a fixed layout computed from the window size, so
// nothing overlaps at 1280x720 and everything grows at 1920x1080 (no docking in 1.86).
#include <algorithm>
#include <cmath>

#include "imgui_internal.h"
#include "views.h"

namespace sepconv::app {
namespace {

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

void Place(AppState& state, const char* name, float x, float y, float w, float h) {
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
  RecordRect(state, name, x, y, w, h);
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

void DrawApp(AppState& state, ViewContext& ctx) {
  const ImGuiIO& io = ImGui::GetIO();
  const float W = io.DisplaySize.x, H = io.DisplaySize.y;

  state.animating = false;  // views set it again while something moves
  DrawMainMenu(state);
  const float menu_h = ImGui::GetFrameHeight();
  const float banner_h = BannerHeight(state, W);
  if (banner_h > 0) DrawBanner(state, ctx, menu_h, W);
  const float status_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y;
  const float top = menu_h + banner_h;
  const float avail_h = std::max(H - top - status_h, 100.0f);

  // Left column: input above parameters. Right: outputs above the lesson panels.
  const float left_w =
      std::clamp(W * 0.3f, std::min(W * 0.45f, 26.0f * ctx.base_font_size), W * 0.45f);
  const float right_w = W - left_w;
  const float input_h = std::floor(avail_h * 0.42f);
  const float outputs_h = std::floor(avail_h * (state.lesson_large ? 0.32f : 0.56f));

  Place(state, "Input", 0, top, left_w, input_h);
  if (ImGui::Begin("Input", nullptr, kPanelFlags)) {
    BeginTextCapture(ctx);
    DrawInputPanel(state, ctx);
    EndTextCapture(ctx);
  }
  ImGui::End();

  Place(state, "Parameters", 0, top + input_h, left_w, avail_h - input_h);
  if (ImGui::Begin("Parameters", nullptr, kPanelFlags)) {
    BeginTextCapture(ctx);
    DrawParametersPanel(state);
    EndTextCapture(ctx);
  }
  ImGui::End();

  Place(state, "Outputs", left_w, top, right_w, outputs_h);
  if (ImGui::Begin("Outputs", nullptr, kPanelFlags)) {
    BeginTextCapture(ctx);
    DrawOutputsPanel(state, ctx);
    EndTextCapture(ctx);
  }
  ImGui::End();

  // The lesson area: the cost panel (issue #5) and the animation (issue #4) as tabs.
  Place(state, "Lesson", left_w, top + outputs_h, right_w, avail_h - outputs_h);
  if (ImGui::Begin("Lesson", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar)) {
    BeginTextCapture(ctx);
    if (ImGui::BeginTabBar("lesson_tabs")) {
      const int select = state.select_tab;
      if (ImGui::BeginTabItem("Costs", nullptr, select == 0 ? ImGuiTabItemFlags_SetSelected : 0)) {
        if (select == 0) state.select_tab = -1;
        DrawCostsRegion(state, ctx);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Animation", nullptr,
                              select == 1 ? ImGuiTabItemFlags_SetSelected : 0)) {
        if (select == 1) state.select_tab = -1;
        DrawAnimationPanel(state, ctx);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Kernels", nullptr, select == 2 ? ImGuiTabItemFlags_SetSelected : 0)) {
        if (select == 2) state.select_tab = -1;
        DrawKernelEditor(state, ctx.kernel_editor);
        ImGui::EndTabItem();
      }
      // A button at the end of the tab bar gives the lesson more room (and back).
      if (ImGui::TabItemButton(state.lesson_large ? "Smaller" : "Larger",
                               ImGuiTabItemFlags_Trailing)) {
        state.lesson_large = !state.lesson_large;
      }
      ImGui::EndTabBar();
    }
    EndTextCapture(ctx);
  }
  ImGui::End();

  Place(state, "Status", 0, H - status_h, W, status_h);
  if (ImGui::Begin("Status", nullptr,
                   kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
    BeginTextCapture(ctx);
    DrawStatusBar(state);
    EndTextCapture(ctx);
  }
  ImGui::End();

  // Floating windows last, so they sit above the fixed panels.
  DrawChannelViewer(state, ctx);
  DrawFileBrowser(state);
  DrawHelpWindow(state);
}

}  // namespace sepconv::app
