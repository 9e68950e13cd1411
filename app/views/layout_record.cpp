// Recording item and window rectangles for --layout-json (see layout_record.h).
#include "views/layout_record.h"

#include <imgui.h>

namespace sepconv::app {

void RecordRect(LayoutRects& rects, const std::string& name, float x, float y, float w, float h) {
  for (LayoutRect& r : rects) {
    if (r.name == name) {
      r = LayoutRect{name, x, y, w, h};
      return;
    }
  }
  rects.push_back(LayoutRect{name, x, y, w, h});
}

void RecordLastItem(LayoutRects& rects, const std::string& name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  RecordRect(rects, name, a.x, a.y, b.x - a.x, b.y - a.y);
}

void RecordWindowContent(LayoutRects& rects, const std::string& name) {
  const ImVec2 pos = ImGui::GetWindowPos();
  const ImVec2 lo = ImGui::GetWindowContentRegionMin(), hi = ImGui::GetWindowContentRegionMax();
  RecordRect(rects, name, pos.x + lo.x, pos.y + lo.y, hi.x - lo.x, hi.y - lo.y);
}

}  // namespace sepconv::app
