// Channel tiles (a tensor's channels as small labelled images), the colour legend and
// the hand-off to the channel viewer. Shared by the input and outputs panels.
#pragma once

#include <string>
#include <vector>

#include "app_state.h"
#include "imgui.h"

namespace sepconv::app {

// The colour a value gets on screen (matches the shader: same stops, same mapping).
ImU32 MapColour(const ChannelColouring& colouring, float value);

// A horizontal colour bar with its numeric range under it: for diverging maps -R, 0, +R
// (symmetric, so zero is white and in the middle), for the sequential map 0 .. 1.
void DrawLegend(const ChannelColouring& colouring, float width, const char* caption);

// A grid of channel tiles that fits `height` when it can (tiles never smaller than
// `min_tile`); a click opens the channel viewer on that channel. Returns rows drawn.
void DrawTileGrid(AppState& state, TensorSource source, const Tensor& tensor,
                  const std::vector<ImTextureID>& textures, const std::vector<std::string>& names,
                  float width, float height, float min_tile, const char* id);

void OpenViewer(AppState& state, TensorSource source, int channel);

// Tiles beyond kMaxShownChannels per tensor (app/state/compute.h) are not drawn; a
// note says so.
constexpr int kMaxTiles = kMaxShownChannels;

}  // namespace sepconv::app
