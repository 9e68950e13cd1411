// Recording item and window rectangles for --layout-json (see layout_record.h).
#include "layout_record.h"

#include <imgui.h>

namespace sepconv::app {

void RecordLastItem(AppState& state, const std::string& name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  RecordRect(state, name, a.x, a.y, b.x - a.x, b.y - a.y);
}

void RecordWindowContent(AppState& state, const std::string& name) {
  const ImVec2 pos = ImGui::GetWindowPos();
  const ImVec2 lo = ImGui::GetWindowContentRegionMin(), hi = ImGui::GetWindowContentRegionMax();
  RecordRect(state, name, pos.x + lo.x, pos.y + lo.y, hi.x - lo.x, hi.y - lo.y);
}

}  // namespace sepconv::app
