// Rectangles the window tests read back (--layout-json): any rectangle, the last ImGui
// item, and the content region of the current window, so a test can check that items
// end before its right edge. They live in the ViewContext, filled anew every frame.
#pragma once

#include <string>
#include <vector>

namespace sepconv::app {

// A rectangle in screen pixels, top-left origin.
struct LayoutRect {
  std::string name;
  float x = 0, y = 0, w = 0, h = 0;
};
using LayoutRects = std::vector<LayoutRect>;

// Records `name` (replacing an earlier rectangle of the same name this frame).
void RecordRect(LayoutRects& rects, const std::string& name, float x, float y, float w, float h);

// The last item's rectangle under `name`.
void RecordLastItem(LayoutRects& rects, const std::string& name);

// The current window's content region (inside padding and scrollbar) under `name`. Its
// left and right edges are the window's; its top and bottom move with the scroll
// position (only the horizontal edges are meant to be compared).
void RecordWindowContent(LayoutRects& rects, const std::string& name);

}  // namespace sepconv::app
