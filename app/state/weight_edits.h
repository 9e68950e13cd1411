// Hand edits of the weights from the kernel editor: each edit copies the weights the
// editor shows, changes them and stores them in the layer as edited (state.doc.edit). The
// caller then applies it (ApplyEdits), so the computation and the animation restart.
#pragma once

#include <string>
#include <vector>

#include "state/app_state.h"
#include "state/outcome.h"

namespace sepconv::app {

// The weights the editor shows and edits: the depthwise and pointwise ones of state.doc.edit
// (presets plus edits); the standard kernel is left empty.
LayerWeights EditorWeights(const LayerChoice& edit);

// Each edit returns false, changing nothing, for a value that is not finite (a typed
// "nan" would turn every output into NaN) or a position outside the weights.
// Replaces the Dk x Dk kernel of depthwise output channel `channel` (row-major values).
bool EditDepthwiseKernel(LayerChoice& edit, int channel, const std::vector<float>& kernel);
// The same kernel on every depthwise channel.
bool EditAllDepthwiseKernels(LayerChoice& edit, const std::vector<float>& kernel);
// Sets pointwise weight P[n][m].
bool EditPointwiseWeight(LayerChoice& edit, int n, int m, float value);
// Back to the presets.
void RevertWeightEdits(LayerChoice& edit);

// Kernels tab > Import: a folder of weights under their PyTorch names (an export, or the
// CLI's --out-dir). The depthwise and pointwise weights become hand edits; the biases are
// read from their files (none when the folder has no bias file). A standard kernel or
// bias file is used only when the standard kernel is not composed (composed, it follows
// the imported weights). Fails with one line naming the file (and both shapes).
Outcome ImportWeights(LayerChoice& edit, const std::string& folder);

// Kernels tab > Export (run on the export worker, ExportJob::StartWeights): the shown
// result's weights and biases into `folder` (created when missing), under the names of
// File > Export outputs. Existing files are replaced only
// with `overwrite`. Fails with one line; `written` gets the paths.
Outcome ExportWeights(const Document& doc, const std::string& folder, bool overwrite,
                      std::vector<std::string>* written);
// The same from a result (what the export worker calls).
Outcome ExportWeights(const JobResult& result, const std::string& folder, bool overwrite,
                      std::vector<std::string>* written);
// The files an export into `folder` would replace.
std::vector<std::string> ExistingWeightFiles(const Document& doc, const std::string& folder);

}  // namespace sepconv::app
