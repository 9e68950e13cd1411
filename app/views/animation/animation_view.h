// The "Animation" tab: kernels sliding over the channels for the standard and the
// depthwise separable path, the arithmetic of the current output and running counts.
#pragma once

#include "animation/animation_model.h"
#include "imgui.h"
#include "state/app_state.h"
#include "views/layout_record.h"

namespace sepconv::app {

constexpr int kSpatialDetail = 3;

struct AnimationViewState {
  AnimationModel model;
  int tile = 8;          // outputs per side of the region shown around the kernel
  int detail = -1;       // path whose arithmetic is shown: -1 follows the separable stage,
                         // 0..2 an AnimPath, kSpatialDetail the spatially separable path
  bool keyboard = true;  // Space, arrows, Home/End, +/- drive the animation
  int marks_drawn = 0;   // formula terms boxed in the counters last frame (lesson highlights)
};

// Draws the whole tab into the current window. `overview` is the loaded image's
// texture (may be null in headless tests).
// True when the toggles changed `edit` (the caller applies it).
bool DrawAnimationView(const Document& doc, LayerChoice& edit, const UiState& ui,
                       LayoutRects& rects, ImTextureID overview, AnimationViewState& view);

// Keyboard: Space play/pause, Left/Right one multiplication (Shift: one output),
// Home/End, +/- speed. Returns true when a key changed the model. `arrows` is false while
// a lesson is presented: then the arrows step the lesson (clickers send them).
bool HandleAnimationKeys(AnimationModel& m, bool arrows = true);

// The speed presets (multiplications per second) that +/- step through.
double NextSpeed(double speed, int direction);

}  // namespace sepconv::app
