// Command-line options of the headless `sepconv` tool: the layer (the shared option
// table, app/flags) plus what to run, print and write.
#pragma once

#include <string>

#include "layer_choice.h"

namespace sepconv::cli {

// All: standard, depthwise, pointwise and separable (and spatial when the layer is
// --separable spatial); Spatial: the spatially separable path alone.
enum class PathSelection { Standard, Depthwise, Pointwise, Separable, Spatial, All };

struct Options {
  std::string image;
  sepconv::LayerChoice choice;
  PathSelection path = PathSelection::All;
  std::string save_input;  // .npy path or folder
  std::string out_dir;
  bool overwrite = false;
  bool json = false;
};

// Parses argv. Returns -1 when the program should go on, otherwise the exit code
// (0 after --help, 2 after a bad option, with one line on stderr).
int parse_options(int argc, char** argv, Options* out);

bool runs_standard(PathSelection p);
bool runs_separable_stages(PathSelection p);
bool runs_spatial(PathSelection p, const sepconv::LayerChoice& choice);

}  // namespace sepconv::cli
