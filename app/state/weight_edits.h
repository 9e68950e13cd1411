// Hand edits of the weights from the kernel editor: each edit copies the weights the
// editor shows, changes them, stores them in state.doc.edit and applies the choice, so the
// computation and the animation restart with them.
#pragma once

#include <string>
#include <vector>

#include "app_state.h"
#include "outcome.h"

namespace sepconv::app {

// The weights the editor shows and edits: the depthwise and pointwise ones of state.doc.edit
// (presets plus edits); the standard kernel is left empty.
LayerWeights EditorWeights(const AppState& state);

// Replaces the Dk x Dk kernel of depthwise output channel `channel` (row-major values).
void EditDepthwiseKernel(AppState& state, int channel, const std::vector<float>& kernel);
// The same kernel on every depthwise channel.
void EditAllDepthwiseKernels(AppState& state, const std::vector<float>& kernel);
// Sets pointwise weight P[n][m].
void EditPointwiseWeight(AppState& state, int n, int m, float value);
// Back to the presets.
void RevertWeightEdits(AppState& state);

// Kernels tab > Import: a folder of weights under their PyTorch names (an export, or the
// CLI's --out-dir). The depthwise and pointwise weights become hand edits; the biases are
// read from their files (none when the folder has no bias file). A standard kernel or
// bias file is used only when the standard kernel is not composed (composed, it follows
// the imported weights). Fails with one line naming the file (and both shapes).
Outcome ImportWeights(AppState& state, const std::string& folder);

// Kernels tab > Export (run on the export worker, ExportJob::StartWeights): the shown
// result's weights and biases into `folder` (created when missing), under the names of
// File > Export outputs. Existing files are replaced only
// with `overwrite`. Fails with one line; `written` gets the paths.
Outcome ExportWeights(const AppState& state, const std::string& folder, bool overwrite,
                      std::vector<std::string>* written);
// The same from a result (what the export worker calls).
Outcome ExportWeights(const JobResult& result, const std::string& folder, bool overwrite,
                      std::vector<std::string>* written);
// The files an export into `folder` would replace.
std::vector<std::string> ExistingWeightFiles(const AppState& state, const std::string& folder);

}  // namespace sepconv::app
