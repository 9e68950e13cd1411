// A small reusable plot widget drawn with ImDrawList (ImPlot is not packaged): linear and
// log axes with ticks, line series with a legend, stacked bars, marked points, hover values.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "widgets/theme.h"

namespace sepconv::app {

enum class PlotScale { Linear, Log };

// A range that can be drawn: finite, min < max, and min > 0 on a log axis.
struct PlotRange {
  double min = 0.0;
  double max = 1.0;
};

// Repairs any range into a drawable one: swaps reversed ends, widens a single value,
// replaces non-finite ends and, on a log axis, non-positive ones.
PlotRange SanitizeRange(double min, double max, PlotScale scale);

// The smallest drawable range holding every finite value (positive ones on a log axis),
// with a little headroom on a linear axis; `include_zero` anchors linear bars at 0.
PlotRange FitRange(const std::vector<double>& values, PlotScale scale, bool include_zero);

struct PlotTick {
  double value = 0.0;
  std::string label;  // empty for minor ticks (grid line only)
  bool major = true;
};

// Ticks inside the (sanitized) range, at most `max_labels` labelled ones. Linear: 1, 2, 5
// x 10^k steps. Log: whole decades; 1-2-5 within a decade when the range spans fewer
// than two decades; linear steps when even those give fewer than two ticks.
std::vector<PlotTick> ComputeTicks(double min, double max, PlotScale scale, int max_labels);

// Maps a value range onto a pixel span: `min` lands on p0 and `max` on p1 (a y axis has
// p1 < p0 because screen y grows downwards).
struct AxisMap {
  double min = 0.0;
  double max = 1.0;
  PlotScale scale = PlotScale::Linear;
  double p0 = 0.0;
  double p1 = 1.0;
};

// Always finite: values far outside the range, non-positive values on a log axis and
// NaN are clamped so that ImDrawList never receives inf or NaN.
double MapToPixel(const AxisMap& map, double value);
double MapFromPixel(const AxisMap& map, double pixel);

// Colours left at their defaults come from the current theme's palette.
struct PlotSeries {
  std::string name;
  ImU32 colour = CurrentPalette().series;
  std::vector<double> x;
  std::vector<double> y;  // a non-finite y (or <= 0 on a log axis) leaves a gap
};

struct PlotMarker {
  std::string label;
  ImU32 colour = CurrentPalette().marker;
  double x = 0.0;
  double y = 0.0;
};

struct PlotAxis {
  std::string label;
  PlotScale scale = PlotScale::Linear;
  PlotRange range;
  bool auto_fit = true;  // refit `range` to the data every time it is drawn
};

struct LinePlot {
  std::string title;
  PlotAxis x;
  PlotAxis y;
  std::vector<PlotSeries> series;
  std::vector<PlotMarker> markers;
};

struct BarSegment {
  std::string name;
  ImU32 colour = CurrentPalette().series;
  double value = 0.0;
};

// One bar made of segments stacked bottom to top.
struct BarStack {
  std::string label;
  std::vector<BarSegment> segments;
};

struct BarChart {
  std::string title;
  PlotAxis y;
  std::vector<BarStack> bars;
};

// The series point nearest to `mouse` (in pixels) within `radius`, or series = -1.
struct PlotHit {
  int series = -1;
  int index = -1;
};
PlotHit FindNearestPoint(const LinePlot& plot, const AxisMap& x_map, const AxisMap& y_map,
                         ImVec2 mouse, double radius);

// Tooltip text for one point: series name and its exact x and y.
std::string PointTooltip(const LinePlot& plot, PlotHit hit);

// Where a legend of `size` goes inside the frame: the corner (top-left, top-right,
// bottom-right, bottom-left, in that order of preference) covering the fewest `points`.
ImVec2 PlaceLegend(ImVec2 frame_min, ImVec2 frame_max, ImVec2 size,
                   const std::vector<ImVec2>& points, float pad);

// Fit the axes whose auto_fit is set; DrawLinePlot / DrawBarChart call these.
void FitAxes(LinePlot& plot);
void FitAxes(BarChart& chart);

// Where a plot drew its legend, in screen pixels (min == max: no legend).
struct LegendRect {
  ImVec2 min, max;
};

// Draw into the current window at the cursor, `size` in pixels (x <= 0 takes the
// available width). Margins and markers scale with the font size. Text, grid and frame
// take ImGui's style colours, the marker ring and legend swatch edges the palette's.
LegendRect DrawLinePlot(const char* id, LinePlot& plot, ImVec2 size);
void DrawBarChart(const char* id, BarChart& chart, ImVec2 size);

}  // namespace sepconv::app
