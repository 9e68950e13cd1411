// The app's UI limits in one place: the scales a teacher can choose and the nominal input
// size used before an image is loaded. Colours live in the theme (widgets/theme.h).
#pragma once

namespace sepconv::app {

// The UI scale (on top of the monitor's) that --ui-scale and the settings file accept:
// below it text is unreadable, above it the panels have no room left.
constexpr float kMinUiScale = 0.5f, kMaxUiScale = 4.0f;
// Ctrl+= and Ctrl+- step by kUiScaleStep within a narrower range, where every panel of a
// 1280 x 720 window still fits (a key held down never reaches an unusable layout).
constexpr float kUiScaleStep = 0.25f;
constexpr float kMinKeyUiScale = 0.75f, kMaxKeyUiScale = 3.0f;
// View > UI scale (projector): the choices of the menu.
constexpr float kUiScaleChoices[] = {1.0f, 1.25f, 1.5f, 1.75f, 2.0f};

// Without an image, the layer's shape-dependent rules are checked, and the Costs tab counts,
// on a nominal square input of this side.
constexpr int kNominalInputSide = 256;

}  // namespace sepconv::app
