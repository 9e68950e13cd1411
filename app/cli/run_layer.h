// Runs the lesson's layer on an image for the CLI: builds the input and weights,
// computes the selected paths with the chosen engine, and keeps costs and counts.
#pragma once

#include <string>
#include <vector>

#include "cli/options.h"
#include "cost.h"
#include "engine.h"
#include "op_counts.h"
#include "tensor.h"

namespace cli {

struct PathRun {
  bool ran = false;
  sepconv::OpCost cost;      // closed form
  sepconv::OpCounts counts;  // instrumented by the engine
  sepconv::RunInfo info;
};

struct LayerRun {
  int image_channels = 0;
  std::vector<std::string> channel_names;
  sepconv::Tensor input;  // [M, H, W]
  sepconv::LayerCosts costs;
  PathRun standard, depthwise, pointwise, separable;
  sepconv::Tensor standard_out, depthwise_out, separable_out;
  bool standard_composed = false;
  double max_abs_difference = -1;  // standard vs separable output, when composed
};

// Throws sepconv::Error for unreadable input, bad weights or invalid parameters.
LayerRun run_layer(const Options& o);

}  // namespace cli
