// Turning a LayerRun into the CLI's JSON object or its readable table.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cli/options.h"
#include "cli/run_layer.h"

namespace cli {

nlohmann::json to_json(const Options& o, const LayerRun& run);
std::string to_text(const Options& o, const LayerRun& run);

}  // namespace cli
