// Export for the cost panel: the counts table and curve data as CSV, the current layer
// as a PyTorch snippet, and saving text without silently replacing an existing file.
#pragma once

#include <string>
#include <vector>

#include "conv_params.h"
#include "cost_panel/cost_curves.h"

namespace sepconv::app {

// One row per path (standard, depthwise, pointwise, separable) with the layer's
// parameters, output shape, multiplications, FLOPs, additions, parameters and bytes.
// Throws sepconv::Error when the core rejects the layer.
std::string CountsCsv(const sepconv::LayerSpec& spec, int in_h, int in_w);

// One row per sample: the varied axis, the four multiplication counts, both ratios.
// Gaps (layers the core rejects) are empty cells. Doubles keep every digit.
std::string CurvesCsv(const CurveData& curves);

// RFC 4180 reading: quoted fields may hold commas, quotes ("") and line breaks.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

// The standard layer and the depthwise + pointwise pair as torch.nn modules, with the
// counts as comments and a shape check. Throws sepconv::Error on an invalid layer.
std::string PyTorchSnippet(const sepconv::LayerSpec& spec, int in_h, int in_w);

enum class SaveOutcome { Saved, AlreadyExists, Failed };

// Writes atomically. An existing file is left alone unless `overwrite` (the UI asks
// first). `message` says what happened in words a teacher can read.
SaveOutcome SaveTextFile(const std::string& path, const std::string& text, bool overwrite,
                         std::string* message);

}  // namespace sepconv::app
