// What the views need besides AppState: texture handles supplied by the render layer
// (ImTextureID only, so views stay free of GL) and the UI state of the lesson tabs.
#pragma once

#include <string>
#include <vector>

#include "animation/animation_range.h"
#include "cost_panel/cost_panel.h"
#include "imgui.h"
#include "state/region_worker.h"
#include "views/animation/animation_view.h"
#include "views/kernel_editor.h"
#include "views/layout_record.h"

namespace sepconv::app {

// Colour-mapped textures for the current image and result. A null handle means "not
// uploaded" (e.g. in headless tests); the views draw a placeholder instead.
struct ViewTextures {
  ImTextureID image_rgb = nullptr;    // the loaded image as the eye sees it
  std::vector<ImTextureID> input;     // one per input (feature stack) channel
  std::vector<ImTextureID> standard;  // one per standard output channel
  std::vector<ImTextureID> separable;
  std::vector<ImTextureID> intermediate;
  std::vector<ImTextureID> spatial;  // the spatially separable output (--separable spatial)
  // The channel viewer's sharp picture and what it shows (region, size, channel).
  ImTextureID viewer = nullptr;
  RegionRequest viewer_request;
};

// File > Export animation: the dialog's choices, kept between openings.
struct AnimationExportChoice {
  bool dialog_open = false;
  std::string path;  // OUT.mp4, OUT.gif or a folder for PNGs
  RecordRequest request;
  bool whole_window = false;        // the whole window, else the Animation tab alone
  int width = 1920, height = 1080;  // the file's frame size (even, for H.264)
  bool confirm_replace = false;     // the file exists: asked before it is replaced
  bool start = false;               // one-shot: the platform starts the recording
  bool overwrite = false;           // with start: replace an existing file
};

struct ViewContext {
  ViewTextures textures;
  float base_font_size = 16.0f;  // font pixel size in use (DPI and UI scale applied)
  // When set, every panel's rendered text is appended here (ImGui's text log), so
  // headless tests can check what a teacher would read.
  std::string* text_capture = nullptr;
  // The rectangles the window tests read (--layout-json), recorded anew every frame.
  LayoutRects rects;
  // The lesson tabs' UI state lives here, not in AppState, which builds without ImGui.
  KernelEditorState kernel_editor;
  AnimationViewState animation;
  CostPanelState cost_panel;
  AnimationExportChoice animation_export;
};

// Call right after Begin and right before End of a window whose text is captured.
void BeginTextCapture(const ViewContext& ctx);
void EndTextCapture(const ViewContext& ctx);

}  // namespace sepconv::app
