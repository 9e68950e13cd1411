// Drawing channel planes as a slanted stack (ImDrawList only): cells coloured by value,
// padding cells hatched, kernel windows outlined, and the box or needle joining them.
#pragma once

#include <functional>
#include <vector>

#include "animation/animation_crop.h"
#include "imgui.h"

namespace sepconv::app {

// Screen position of tensor cell corner (x, y) on one plane: origin + x*ax + y*ay, where
// x and y are relative to the crop's top-left corner.
struct PlaneFrame {
  ImVec2 origin;
  ImVec2 ax, ay;
  ImVec2 At(float x, float y) const {
    return ImVec2(origin.x + x * ax.x + y * ay.x, origin.y + x * ax.y + y * ay.y);
  }
  // The inverse of At: which crop cell a screen point falls on (may be outside).
  void CellAt(ImVec2 p, float* x, float* y) const;
};

// Geometry of a stack of `planes` planes showing a crop of `cols` x `rows` cells, fitted
// into a box of `size` pixels. Plane 0 is on top.
struct StackLayout {
  float cell = 8;   // pixels per cell along x
  float gap = 20;   // vertical distance between planes
  ImVec2 top_left;  // of the bounding box
  ImVec2 size;      // of the bounding box actually used
  int planes = 1;
  int cols = 1, rows = 1;
  PlaneFrame Plane(int i) const;
};
// Planes stand apart when the box is tall enough; otherwise they overlap, leaving
// `min_gap` pixels between their tops (room for a channel label) when shrinking the
// planes by at most half allows it.
StackLayout FitStack(ImVec2 top_left, ImVec2 size, int planes, int cols, int rows,
                     float min_gap = 0.0f);

// How one cell looks: its colour, whether it lies in the padding, and whether it is "not
// computed yet" (drawn empty).
struct CellLook {
  ImU32 colour = 0;
  bool padding = false;
  bool pending = false;
};
using CellFunction = std::function<CellLook(int x, int y)>;  // tensor coordinates

// Draws one plane of the crop; `alpha` fades planes below the top one.
void DrawPlane(ImDrawList* dl, const PlaneFrame& f, const Crop& crop, const CellFunction& look,
               float alpha, bool grid);

// Outlines cell (x, y) (tensor coordinates) of a plane.
void OutlineCell(ImDrawList* dl, const PlaneFrame& f, const Crop& crop, int x, int y, ImU32 colour,
                 float thickness, bool fill = false);

// Outlines the rectangle of cells [x0, x1) x [y0, y1) and returns its four corners.
std::vector<ImVec2> OutlineRect(ImDrawList* dl, const PlaneFrame& f, const Crop& crop, int x0,
                                int y0, int x1, int y1, ImU32 colour, float thickness);

// Joins matching corners of two outlines (a kernel box through the stack).
void JoinOutlines(ImDrawList* dl, const std::vector<ImVec2>& top, const std::vector<ImVec2>& bottom,
                  ImU32 colour, float thickness);

// Centre of cell (x, y) in screen coordinates.
ImVec2 CellCentre(const PlaneFrame& f, const Crop& crop, int x, int y);

}  // namespace sepconv::app
