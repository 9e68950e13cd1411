// What a layer run computed, as the CLI's JSON object (also report.json beside saved
// outputs) and as its readable table. Every number is the cost model's or the engine's.
#pragma once

#include <string>

#include "layer_run.h"

namespace sepconv {

// The JSON object, indented by `indent` spaces. `image` names the file it was run on.
std::string report_json(const LayerRun& run, const std::string& image, int indent = 2);
std::string report_text(const LayerRun& run, const std::string& image);

// "4032 x 3024" or "2835 x 2126 (working size 6MP of 4032 x 3024)": the size every time
// is measured on.
std::string measured_size_text(const LayerRun& run);

}  // namespace sepconv
