// Pieces of the animation tab shared by its files (not a public interface).
#pragma once

#include <string>
#include <vector>

#include "views/animation/animation_view.h"
#include "widgets/theme.h"

namespace sepconv::app {

// Colours used consistently: the kernel window, the current product, the output cell
// (the theme's, widgets/theme.h). They stand out on both colour maps (violet-green-yellow
// and blue-white-red), and are drawn over a dark underlay so they read on light and dark
// cells alike.
inline ImU32 WindowColour() {
  return CurrentPalette().window_outline;
}
inline ImU32 TapColour() {
  return CurrentPalette().tap;
}
inline ImU32 OutputColour() {
  return CurrentPalette().output_cell;
}
// The box around a formula term a lesson step points at (the Costs tab uses the same).
inline ImU32 MarkColour() {
  return CurrentPalette().term_mark;
}

// The least size of a row of three stacks: below it the planes and titles stop reading,
// and the tab says how to get the room instead.
ImVec2 MinStackRowSize();

// The rows of stacks (standard, separable) in a region of the given size.
void DrawStandardRow(const JobResult& r, AnimationViewState& v, ImVec2 size);
void DrawSeparableRow(const JobResult& r, AnimationViewState& v, ImVec2 size);
// The third row when the spatially separable path ran: input -> column pass -> output.
void DrawSpatialRow(const JobResult& r, AnimationViewState& v, ImVec2 size);

// The right-hand column: counts, formulas, where the current output is (with the whole
// image, `overview`, beside it) and its arithmetic. Records the counters' rectangle as
// "AnimCounts" (window tests compare it).
void DrawAnimationDetail(const Document& doc, const std::vector<std::string>& highlight,
                         LayoutRects& rects, AnimationViewState& v, ImTextureID overview);

}  // namespace sepconv::app
