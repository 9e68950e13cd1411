// Channel tiles (a tensor's channels as small labelled images), the colour legend and
// the hand-off to the channel viewer. Shared by the input and outputs panels.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "state/app_state.h"
#include "views/layout_record.h"

namespace sepconv::app {

// The colour a value gets on screen (matches the shader: same stops, same mapping).
ImU32 MapColour(const ChannelColouring& colouring, float value);

// A horizontal colour bar with its numeric range under it: for diverging maps -R, 0, +R
// (symmetric, so zero is white and in the middle), for the sequential map 0 .. 1.
void DrawLegend(const ChannelColouring& colouring, float width, const char* caption);

// The same on one line, "lo [bar] hi", for a panel short of height.
void DrawInlineLegend(const ChannelColouring& colouring, float bar_width);

// How `count` labelled tiles (images of aspect height/width) fill width x height: the
// largest tiles whose rows, labels included, fit the height, never narrower than
// `min_tile` (the panel scrolls then). Labels break at spaces over up to three lines;
// wider tiles need fewer lines, so the line count is planned with the tile width.
struct TileGridPlan {
  float tile_w = 0, tile_h = 0, label_h = 0;
  int cols = 1, rows = 1, label_lines = 1;
  float height = 0;  // the whole grid, labels and row gaps included
};
TileGridPlan PlanTileGrid(const std::vector<std::string>& names, int count, float aspect,
                          float width, float height, float min_tile);

// The tiles actually drawn for a tensor (at most `limit`, the display copies made of it:
// PreviewChannelLimit) and their aspect.
int ShownTiles(const Tensor& tensor, int limit = kMaxPreviewChannels);
float TileAspect(const Tensor& tensor);
// Height of the "showing the first 64 of M channels" line under the grid (0 when all show).
float TileGridNoteHeight(const Tensor& tensor, int limit = kMaxPreviewChannels);

// A grid of channel tiles planned by PlanTileGrid, at most `limit` of them; a click opens
// the channel viewer on that channel. The grid's rectangle is recorded as "<id>/grid".
void DrawTileGrid(ViewerState& viewer, LayoutRects& rects, TensorSource source,
                  const Tensor& tensor, int limit, const std::vector<ImTextureID>& textures,
                  const std::vector<std::string>& names, float width, float height, float min_tile,
                  const char* id);

void OpenViewer(ViewerState& viewer, TensorSource source, int channel);

// Tiles beyond kMaxPreviewChannels per tensor (core/memory_budget.h; half of them each for
// the depthwise and the spatial output when both show) are not drawn; a note says so.
constexpr int kMaxTiles = kMaxPreviewChannels;

}  // namespace sepconv::app
