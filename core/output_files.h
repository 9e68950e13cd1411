// The files a layer run is saved as, the same from the CLI's --out-dir and the app's
// --save-outputs / File > Export outputs: tensors as .npy, weights named as a PyTorch
// DepthwiseSeparableConvolution's state_dict would name them, bounded PNG previews and
// report.json. Existing files are refused unless overwriting; each file goes through a
// temporary name; a failure removes what the call had written.
#pragma once

#include <string>
#include <vector>

#include "layer_run.h"
#include "run_control.h"

namespace sepconv {

// The file names (no folder) a run with these paths writes, in writing order. The
// spatially separable path writes spatial.npy, spatial.png and its factors
// column_conv.weight.npy [M*K, 1, Dk, 1] and row_conv.weight.npy [M*K, 1, 1, Dk].
std::vector<std::string> output_file_names(const LayerChoice& choice, bool standard, bool separable,
                                           bool spatial = false);

// The names of the set that already exist in `dir` (what an export would replace).
std::vector<std::string> existing_output_files(const std::string& dir,
                                               const std::vector<std::string>& names);

// Throws Error(FileWrite) when `dir` is not an existing folder, or, without `overwrite`,
// when one of the names exists in it ("DIR/standard.npy already exists ...").
void check_output_files(const std::string& dir, const std::vector<std::string>& names,
                        bool overwrite);

// Writes every file of the run into `dir` (report.json holds `report_json`). Returns the
// paths written. Progress goes 0..1 over the bytes; cancellation removes what was written.
std::vector<std::string> write_output_files(const std::string& dir, const LayerRun& run,
                                            const std::string& report_json, bool overwrite,
                                            const RunControl* control = nullptr);

// The weights and biases of the set alone (*.weight.npy, *.bias.npy), as the app's
// Kernels tab exports them: the same names, shapes and writer as the whole set.
std::vector<std::string> weight_file_names(const LayerChoice& choice, bool standard,
                                           bool separable);
std::vector<std::string> write_weight_files(const std::string& dir, const LayerRun& run,
                                            bool overwrite);

}  // namespace sepconv
