// Command-line options of the headless `sepconv` tool and their parsing.
#pragma once

#include <string>

#include "conv_params.h"
#include "engine.h"
#include "layer_weights.h"

namespace cli {

enum class PathSelection { Standard, Depthwise, Pointwise, Separable, All };

struct Options {
  std::string image;
  sepconv::LayerSpec spec;
  sepconv::WeightChoice weights;
  PathSelection path = PathSelection::All;
  std::string std_weights, dw_weights, pw_weights;  // .npy files (PyTorch shapes)
  std::string std_bias, dw_bias, pw_bias;           // .npy files, shape [O]
  std::string save_input;                           // .npy path or folder
  std::string out_dir;
  bool overwrite = false;
  bool json = false;
  sepconv::EngineOptions engine;
};

// Parses argv. Returns -1 when the program should go on, otherwise the exit code
// (0 after --help, 2 after a bad option, with one line on stderr).
int parse_options(int argc, char** argv, Options* out);

bool runs_standard(PathSelection p);
bool runs_separable_stages(PathSelection p);

}  // namespace cli
