// Closed-form cost curves for the cost panel: multiplications and the ratio sampled
// against one of Dk, M or N with the other two held at the current layer's values.
#pragma once

#include <string>
#include <vector>

#include "conv_params.h"

namespace sepconv::app {

enum class CurveAxis { Dk, M, N };
enum class CurveQuantity { Mults, Ratio };

const char* CurveAxisName(CurveAxis axis);  // "Dk", "M", "N"
int AxisValue(const sepconv::LayerSpec& spec, CurveAxis axis);
sepconv::LayerSpec WithAxisValue(sepconv::LayerSpec spec, CurveAxis axis, int value);

// Multiples of `step` in [from, to] (reordered if reversed, clamped to >= 1), at most
// `max_points` of them, evenly or geometrically spaced, always with the first and last
// multiple and `must_include` when it lies inside. Sorted and unique; empty when no
// multiple of `step` lies in the range.
std::vector<int> SampleAxis(int from, int to, int max_points, bool log_spacing, int must_include,
                            int step = 1);

// The spacing of the values an axis can take with the rest of the layer held: M and N
// must be multiples of the standard path's groups; Dk takes any whole number.
int AxisStep(const sepconv::LayerSpec& spec, CurveAxis axis);

// One sample per x, on AxisStep's lattice (with groups = 4 the N axis is sampled at
// 4, 8, 12, ..., not at values the layer cannot take). A layer the core still rejects at
// that x (a kernel larger than the padded image) gets NaN in every column: the plot
// leaves a gap.
struct CurveData {
  CurveAxis axis = CurveAxis::N;
  std::vector<double> x;
  std::vector<double> standard;  // multiplications of each path
  std::vector<double> depthwise;
  std::vector<double> pointwise;
  std::vector<double> separable;
  std::vector<double> ratio_exact;     // separable / standard from the counts
  std::vector<double> ratio_identity;  // 1/N + 1/Dk^2
  std::vector<double> spatial;         // the depthwise stage as column x row (exact)
  std::vector<double> spatial_ratio;   // spatial / depthwise
};

CurveData ComputeCurves(const sepconv::LayerSpec& spec, int in_h, int in_w, CurveAxis axis,
                        int from, int to, int max_points, bool log_spacing);

}  // namespace sepconv::app
