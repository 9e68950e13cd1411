// The "Kernels" tab: the depthwise kernel of each channel as an editable Dk x Dk grid
// with per-channel presets, and the pointwise N x M matrix as an editable heat map.
#pragma once

#include <string>
#include <vector>

#include "layer_weights.h"
#include "rank1.h"
#include "state/app_state.h"
#include "views/layout_record.h"

namespace sepconv::app {

struct KernelEditorState {
  int channel = 0;                     // depthwise output channel being edited
  int preset = 0;                      // index into all_kernel_presets() for "apply preset"
  int selected_n = 0, selected_m = 0;  // pointwise cell shown in the value box
  float drag_start = 0;                // value of the pointwise cell when a drag began
  // The weights of the last choice shown, so they are rebuilt only when it changes.
  bool cached = false;
  LayerChoice cached_for;
  LayerWeights weights;
  float pointwise_range = 1e-6f;  // largest |P[n][m]| of `weights`, for the colours
  // Under --separable spatial: the shown channel's kernel factored as column x row
  // (rank1.h), redone when the weights or the channel change, not every frame.
  int factors_channel = -1;  // -1: not factored for `weights` yet
  Rank1Factors factors;
  // Import / export of the weights as .npy (PyTorch names): the folder typed, and the
  // files an export would replace while the user is asked.
  std::string weights_folder;
  std::vector<std::string> confirm_replace;
};

// Hand edits go into `edit` (the caller applies them when asked.apply_edits).
FrameRequests DrawKernelEditor(const Document& doc, LayerChoice& edit, UiState& ui,
                               LayoutRects& rects, KernelEditorState& editor);

}  // namespace sepconv::app
