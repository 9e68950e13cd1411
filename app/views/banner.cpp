// The error banner under the menu bar: what went wrong (file and reason, or a shader
// log) in a red strip that stays until dismissed or the next successful load.
#include "views/views.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

std::string BannerText(const UiState& ui) {
  std::string text = ui.banner.text;
  if (!ui.shader_error.empty()) {
    if (!text.empty()) text += "\n";
    text += "Shader error (channel colours unavailable): " + ui.shader_error;
  }
  return text;
}

}  // namespace

float BannerHeight(const UiState& ui, float width) {
  const std::string text = BannerText(ui);
  if (text.empty()) return 0;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = width - 2 * style.WindowPadding.x - ImGui::CalcTextSize("Dismiss").x -
                     2 * style.FramePadding.x - style.ItemSpacing.x;
  const float text_h = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y;
  return std::max(text_h, ImGui::GetFrameHeight()) + 2 * style.WindowPadding.y;
}

void DrawBanner(UiState& ui, ViewContext& ctx, float y, float width) {
  const std::string text = BannerText(ui);
  const float h = BannerHeight(ui, width);
  ImGui::SetNextWindowPos(ImVec2(0, y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(width, h), ImGuiCond_Always);
  RecordRect(ctx.rects, "Banner", 0, y, width, h);
  // A saturated red that tests can find in screenshots (see tests/app/window/test_app_window.cpp).
  const Palette& palette = CurrentPalette();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, palette.banner_bg);
  ImGui::PushStyleColor(ImGuiCol_Text, palette.banner_text);
  ImGui::PushStyleColor(ImGuiCol_Border, palette.banner_bg);
  ImGui::Begin("##banner", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
  BeginTextCapture(ctx);
  const float dismiss_w = ImGui::CalcTextSize("Dismiss").x + 2 * ImGui::GetStyle().FramePadding.x;
  ImGui::PushTextWrapPos(width - dismiss_w - ImGui::GetStyle().WindowPadding.x -
                         ImGui::GetStyle().ItemSpacing.x);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SameLine(width - dismiss_w - ImGui::GetStyle().WindowPadding.x);
  if (ImGui::Button("Dismiss")) ui.banner = Banner{};
  EndTextCapture(ctx);
  ImGui::End();
  ImGui::PopStyleColor(3);
}

}  // namespace sepconv::app
