// Rectangles the window tests read back (--layout-json): the last ImGui item, and the
// content region of the current window, so a test can check that items end before its
// right edge.
#pragma once

#include <string>

#include "app_state.h"

namespace sepconv::app {

// The last item's rectangle under `name`.
void RecordLastItem(AppState& state, const std::string& name);

// The current window's content region (inside padding and scrollbar) under `name`. Its
// left and right edges are the window's; its top and bottom move with the scroll
// position (only the horizontal edges are meant to be compared).
void RecordWindowContent(AppState& state, const std::string& name);

}  // namespace sepconv::app
