// The two colour themes: the palette of named colours every view, plot, legend and
// animation drawing takes its colours from, and the ImGui style that goes with it.
// Dark is the app's original look (its progress bars a darker gold); Light is high
// contrast for projectors.
#pragma once

#include <imgui.h>

#include "state/theme_kind.h"

namespace sepconv::app {

using ThemeKind = sepconv::app::ThemeKind;

// Colours by role. Colours that encode data (the colour maps of app/state/colormap.h)
// are not here; what is drawn over them (grids, outlines, labels) is.
struct Palette {
  // The window.
  ImU32 clear;         // glClearColor: behind the panels
  ImU32 text;          // text drawn on the draw list (row titles)
  ImU32 error_text;    // what is wrong: an invalid layer, a failed save or load
  ImU32 warning_text;  // refused for memory, files that an export would replace
  ImU32 success_text;  // finished: "separable done", the output value
  ImU32 banner_bg;     // the error banner under the menu bar
  ImU32 banner_text;
  // The paths in the cost panel's tables, bars, curves and legends.
  ImU32 standard;
  ImU32 depthwise;
  ImU32 pointwise;
  ImU32 separable;
  ImU32 identity;        // the 1/N + 1/Dk² curve
  ImU32 spatial;         // the spatially separable path (column x row)
  ImU32 marker;          // the current layer's point
  ImU32 marker_ring;     // around the marker, so it shows on the lines and the background
  ImU32 series;          // a plot series nobody gave a colour
  ImU32 swatch_outline;  // around legend swatches (0: none)
  // The animation: the kernel window, the current product, the output cell, and the
  // underlay that keeps those outlines visible on light and dark cells alike.
  ImU32 window_outline;
  ImU32 tap;
  ImU32 output_cell;
  ImU32 outline_shadow;
  // The animation's arithmetic table: products done, still to come, the product's
  // value, and the current product's cell.
  ImU32 tap_done_text;
  ImU32 tap_pending_text;
  ImU32 tap_product_text;
  ImU32 tap_current_bg;
  // The slanted channel planes: cells not computed yet, grid, plane edge, titles, labels.
  ImU32 stack_pending;
  ImU32 stack_grid;
  ImU32 stack_border;
  ImU32 stack_title;
  ImU32 stack_label;
  // The channel viewer's canvas behind the picture and its pixel grid.
  ImU32 canvas_bg;
  ImU32 pixel_grid;
  // The kernel editor's selected cell.
  ImU32 selection;
  // The box around a formula term a lesson step points at (Dk², N, Ho × Wo).
  ImU32 term_mark;
};

const Palette& PaletteFor(ThemeKind kind);
// The palette of the theme last set (Dark until SetTheme is called).
const Palette& CurrentPalette();
ThemeKind CurrentTheme();
// Switches CurrentPalette(); the caller also refills ImGui's style (FillStyle).
void SetTheme(ThemeKind kind);

// ImGui's colours and borders for the theme, before any scaling (the caller applies
// ScaleAllSizes for the UI scale).
void FillStyle(ThemeKind kind, ImGuiStyle* style);

// Black or white, whichever reads on `background` (a data colour under a label).
ImU32 ContrastText(ImU32 background);

}  // namespace sepconv::app
