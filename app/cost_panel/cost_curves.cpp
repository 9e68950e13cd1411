// Sampling the closed-form cost model along one axis; see cost_curves.h.
#include "cost_panel/cost_curves.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cost.h"
#include "error.h"

namespace sepconv::app {

const char* CurveAxisName(CurveAxis axis) {
  switch (axis) {
    case CurveAxis::Dk:
      return "Dk";
    case CurveAxis::M:
      return "M";
    case CurveAxis::N:
      return "N";
  }
  return "N";
}

int AxisValue(const sepconv::LayerSpec& spec, CurveAxis axis) {
  switch (axis) {
    case CurveAxis::Dk:
      return spec.dk;
    case CurveAxis::M:
      return spec.m;
    case CurveAxis::N:
      return spec.n;
  }
  return spec.n;
}

sepconv::LayerSpec WithAxisValue(sepconv::LayerSpec spec, CurveAxis axis, int value) {
  switch (axis) {
    case CurveAxis::Dk:
      spec.dk = value;
      break;
    case CurveAxis::M:
      spec.m = value;
      break;
    case CurveAxis::N:
      spec.n = value;
      break;
  }
  return spec;
}

std::vector<int> SampleAxis(int from, int to, int max_points, bool log_spacing, int must_include,
                            int step) {
  if (from > to) std::swap(from, to);
  from = std::max(from, 1);
  to = std::max(to, from);
  step = std::max(step, 1);
  max_points = std::max(max_points, 2);
  // Sample k in [lo, hi] and return k * step.
  const int lo = (from + step - 1) / step, hi = to / step;
  std::vector<int> xs;
  if (lo > hi) return xs;
  const int64_t count = static_cast<int64_t>(hi) - lo + 1;
  if (count <= max_points) {
    for (int k = lo; k <= hi; ++k) xs.push_back(k * step);
  } else {
    for (int i = 0; i < max_points; ++i) {
      const double t = static_cast<double>(i) / (max_points - 1);
      const double k = log_spacing ? lo * std::pow(static_cast<double>(hi) / lo, t)
                                   : lo + t * (static_cast<double>(hi) - lo);
      xs.push_back(std::clamp(static_cast<int>(std::lround(k)), lo, hi) * step);
    }
  }
  if (must_include >= from && must_include <= to && must_include % step == 0) {
    xs.push_back(must_include);
  }
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  return xs;
}

int AxisStep(const sepconv::LayerSpec& spec, CurveAxis axis) {
  return axis == CurveAxis::Dk ? 1 : std::max(spec.groups, 1);
}

CurveData ComputeCurves(const sepconv::LayerSpec& spec, int in_h, int in_w, CurveAxis axis,
                        int from, int to, int max_points, bool log_spacing) {
  CurveData d;
  d.axis = axis;
  constexpr double kGap = std::numeric_limits<double>::quiet_NaN();
  for (int v :
       SampleAxis(from, to, max_points, log_spacing, AxisValue(spec, axis), AxisStep(spec, axis))) {
    const sepconv::LayerSpec s = WithAxisValue(spec, axis, v);
    d.x.push_back(v);
    try {
      const sepconv::LayerCosts c = sepconv::layer_costs(s, in_h, in_w);
      d.standard.push_back(static_cast<double>(c.standard.mults));
      d.depthwise.push_back(static_cast<double>(c.depthwise.mults));
      d.pointwise.push_back(static_cast<double>(c.pointwise.mults));
      d.separable.push_back(static_cast<double>(c.separable.mults));
      d.ratio_exact.push_back(c.ratio);
      d.ratio_identity.push_back(c.ratio_identity);
      d.spatial.push_back(static_cast<double>(c.spatial.mults));
      d.spatial_ratio.push_back(c.spatial_ratio);
    } catch (const sepconv::Error&) {
      // Invalid here (the message is shown for the current layer, not for every sample).
      for (auto* column : {&d.standard, &d.depthwise, &d.pointwise, &d.separable, &d.ratio_exact,
                           &d.ratio_identity, &d.spatial, &d.spatial_ratio}) {
        column->push_back(kGap);
      }
    }
  }
  return d;
}

}  // namespace sepconv::app
