// Hand edits of the weights from the kernel editor: each edit copies the weights the
// editor shows, changes them, stores them in state.edit and applies the choice, so the
// computation and the animation restart with them.
#pragma once

#include <vector>

#include "app_state.h"

namespace sepconv::app {

// The weights the editor shows and edits: the depthwise and pointwise ones of state.edit
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

}  // namespace sepconv::app
