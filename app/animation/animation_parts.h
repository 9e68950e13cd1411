// Pieces of the animation tab shared by its files (not a public interface).
#pragma once

#include <string>

#include "animation_view.h"

namespace sepconv::app {

// Colours used consistently: the kernel window, the current product, the output cell.
// Chosen to stand out on both colour maps (violet-green-yellow and blue-white-red), and
// drawn over a dark underlay so they read on light and dark cells alike.
constexpr ImU32 kWindowColour = IM_COL32(255, 120, 0, 255);
constexpr ImU32 kTapColour = IM_COL32(255, 40, 200, 255);
constexpr ImU32 kOutputColour = IM_COL32(0, 230, 255, 255);
// The box around a formula term a lesson step points at (the Costs tab uses the same).
constexpr ImU32 kMarkColour = IM_COL32(255, 130, 0, 255);

// The two rows of stacks (standard, separable) in a region of the given size.
void DrawStandardRow(const JobResult& r, AnimationViewState& v, ImVec2 size);
void DrawSeparableRow(const JobResult& r, AnimationViewState& v, ImVec2 size);

// The right-hand column: counts, formulas, where the current output is (with the whole
// image, `overview`, beside it) and its arithmetic. Records the counters' rectangle as
// "AnimCounts" (window tests compare it).
void DrawAnimationDetail(AppState& state, AnimationViewState& v, ImTextureID overview);

}  // namespace sepconv::app
