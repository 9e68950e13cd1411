// Rectangles the window tests read back (--layout-json): the last ImGui item, and the
// visible content area of the current window, so a test can check that items stay inside.
#pragma once

#include <string>

#include "app_state.h"

namespace sepconv::app {

// The last item's rectangle under `name`.
void RecordLastItem(AppState& state, const std::string& name);

// The current window's content area (inside padding and scrollbar) under `name`.
void RecordWindowContent(AppState& state, const std::string& name);

}  // namespace sepconv::app
