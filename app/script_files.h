// What a scripted run of sepconv-lab writes besides its main output: the screenshot
// (also Ctrl+S), the panel rectangles (--layout-json) and the frame times and texture
// bytes (--stats-json), for tests, docs and bench/README.md.
#pragma once

#include <string>
#include <vector>

#include "render/renderer.h"
#include "state/app_state.h"
#include "state/outcome.h"
#include "views/layout_record.h"

namespace sepconv::app {

// Frame times of the loop's own work (waiting for events excluded), for --stats-json.
struct FrameStats {
  std::vector<double> all_ms, computing_ms;  // every frame; frames while a job ran
  double first_result_s = -1;                // from start to the first full result
};

// Reads the w x h framebuffer into `path` (PNG). Fails with why it could not be written
// (the caller shows it in the banner; success in the status line).
Outcome WriteScreenshot(const std::string& path, int w, int h);

// Frame times, the time to the first result and the renderer's texture bytes against
// their bound, as JSON.
void WriteStats(const std::string& path, const FrameStats& f, const Renderer& renderer,
                const AppState& state);

// The rectangles the views recorded this frame, as JSON {"name": [x, y, w, h]}.
void WriteLayout(const std::string& path, const LayoutRects& rects);

// "sepconv-lab-YYYYMMDD-HHMMSS.png": Ctrl+S's file name.
std::string TimestampedName();

}  // namespace sepconv::app
