// The plot widget: range repair, tick placement, value<->pixel mapping and drawing with
// ImDrawList. The pure parts (ranges, ticks, mapping, hit tests) need no ImGui context.
//
// [SECTION] Ranges
// [SECTION] Ticks
// [SECTION] Mapping and hit tests
// [SECTION] Drawing helpers
// [SECTION] Line plot
// [SECTION] Bar chart
#include "widgets/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "widgets/number_format.h"

namespace sepconv::app {
namespace {

// Far beyond any count we plot, yet far from overflowing when two of them are subtracted.
constexpr double kHuge = 1e300;
constexpr double kTiny = 1e-300;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool Plottable(double v, PlotScale scale) {
  return std::isfinite(v) && (scale == PlotScale::Linear || v > 0.0);
}

double Transform(PlotScale scale, double v) {
  if (scale == PlotScale::Log) return std::log10(std::clamp(v, kTiny, kHuge));
  return std::clamp(v, -kHuge, kHuge);
}

double Untransform(PlotScale scale, double t) {
  if (scale == PlotScale::Log) return std::pow(10.0, std::clamp(t, -300.0, 300.0));
  return std::clamp(t, -kHuge, kHuge);
}

}  // namespace

// [SECTION] Ranges

PlotRange SanitizeRange(double min, double max, PlotScale scale) {
  if (scale == PlotScale::Log) {
    // +inf means "very large", anything else that is not a positive number is unknown.
    auto clean = [](double v) {
      if (v == std::numeric_limits<double>::infinity()) return kHuge;
      return (std::isfinite(v) && v > 0.0) ? std::clamp(v, kTiny, kHuge) : kNaN;
    };
    min = clean(min);
    max = clean(max);
    if (std::isnan(min) && std::isnan(max)) return {1.0, 10.0};
    if (std::isnan(min)) min = std::max(max / 1000.0, kTiny);
    if (std::isnan(max)) max = std::min(min * 1000.0, kHuge);
    if (min > max) std::swap(min, max);
    // Less than a hair of a decade cannot be labelled: widen to a factor of 4 around it.
    if (max / min < 1.0 + 1e-9) {
      min = std::max(min / 2.0, kTiny);
      max = std::min(max * 2.0, kHuge);
      if (min == max) min = max / 4.0;
    }
    return {min, max};
  }
  // Denormals carry too few digits to label: treat them as zero.
  auto clean = [](double v) {
    if (std::isnan(v)) return kNaN;
    return std::fabs(v) < kTiny ? 0.0 : std::clamp(v, -kHuge, kHuge);
  };
  min = clean(min);
  max = clean(max);
  if (std::isnan(min) && std::isnan(max)) return {0.0, 1.0};
  if (std::isnan(min)) min = max - 1.0;
  if (std::isnan(max)) max = min + 1.0;
  if (min > max) std::swap(min, max);
  const double magnitude = std::max(std::fabs(min), std::fabs(max));
  // A span below double precision at this magnitude would give ticks that never advance.
  if (max - min <= magnitude * 1e-12) {
    const double widen = magnitude > 0.0 ? magnitude * 0.1 : 1.0;
    min = std::max(min - widen, -kHuge);
    max = std::min(max + widen, kHuge);
  }
  return {min, max};
}

PlotRange FitRange(const std::vector<double>& values, PlotScale scale, bool include_zero) {
  double lo = kNaN, hi = kNaN;
  for (double v : values) {
    if (!Plottable(v, scale)) continue;
    lo = std::isnan(lo) ? v : std::min(lo, v);
    hi = std::isnan(hi) ? v : std::max(hi, v);
  }
  if (std::isnan(lo)) return SanitizeRange(kNaN, kNaN, scale);
  if (scale == PlotScale::Log) {
    const PlotRange r = SanitizeRange(lo, hi, scale);
    // Headroom of 5% of the decades shown, so the extreme points do not sit on the frame.
    const double pad = std::max(std::log10(r.max / r.min) * 0.05, 0.02);
    return SanitizeRange(r.min / std::pow(10.0, pad), r.max * std::pow(10.0, pad), scale);
  }
  if (include_zero) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
  }
  const PlotRange r = SanitizeRange(lo, hi, scale);
  const double pad = (r.max - r.min) * 0.05;
  return SanitizeRange(include_zero && r.min == 0.0 ? 0.0 : r.min - pad,
                       include_zero && r.max == 0.0 ? 0.0 : r.max + pad, scale);
}

// [SECTION] Ticks

namespace {

double NiceStep(double raw) {
  const double base = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / base;
  if (f <= 1.0) return base;
  if (f <= 2.0) return 2.0 * base;
  if (f <= 5.0) return 5.0 * base;
  return 10.0 * base;
}

// The nice step just below `step` in the 1, 2, 5 sequence.
double SmallerNiceStep(double step) {
  const double base = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
  const double f = step / base;
  if (f > 4.5) return 2.0 * base;
  if (f > 1.5) return base;
  return 0.5 * base;
}

std::vector<PlotTick> LinearTicks(double min, double max, int max_labels) {
  double step = NiceStep((max - min) / (max_labels - 1));
  // NiceStep rounds up; a smaller nice step may still fit (1..1024 in 6: 200, not 500).
  const auto count = [&](double s) {
    return std::floor(max / s + 1e-9) - std::ceil(min / s - 1e-9) + 1.0;
  };
  while (count(SmallerNiceStep(step)) <= max_labels) step = SmallerNiceStep(step);
  // A step that fits max_labels can still leave one tick or none (0.1..0.9 with a step of
  // 1): shrink it until the range shows at least two.
  for (int attempt = 0; attempt < 8; ++attempt) {
    if (std::floor(max / step + 1e-9) - std::ceil(min / step - 1e-9) >= 1.0) break;
    step = SmallerNiceStep(step);
  }
  const double first = std::ceil(min / step - 1e-9);
  const double last = std::floor(max / step + 1e-9);
  std::vector<PlotTick> ticks;
  // At most max_labels ticks (a few more after shrinking); the cap only guards the loop.
  for (double i = first; i <= last && ticks.size() < 1000; i += 1.0) {
    double v = i * step;
    if (std::fabs(v) < step * 1e-9) v = 0.0;  // -0.0 or rounding noise at the origin
    ticks.push_back({v, FormatTickLabel(v, step), true});
  }
  return ticks;
}

std::vector<PlotTick> LogTicks(double min, double max, int max_labels) {
  const double lo = std::log10(min);
  const double hi = std::log10(max);
  const int k0 = static_cast<int>(std::ceil(lo - 1e-9));
  const int k1 = static_cast<int>(std::floor(hi + 1e-9));
  const int decades = k1 - k0 + 1;
  std::vector<PlotTick> ticks;
  auto in_range = [&](double v) { return v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9); };
  if (decades >= 2) {
    // Label every `stride`-th decade (aligned on multiples of it so labels do not jump).
    const int stride = (decades + max_labels - 1) / max_labels;
    int aligned = 0;
    for (int k = k0; k <= k1; ++k) aligned += k % stride == 0 ? 1 : 0;
    // Too few aligned decades (e.g. 11..13 with a stride of 2): label the two ends instead.
    auto labelled = [&](int k) { return aligned >= 2 ? k % stride == 0 : (k == k0 || k == k1); };
    for (int k = k0; k <= k1; ++k) {
      const double decade = std::pow(10.0, k);
      if (labelled(k)) {
        ticks.push_back({decade, FormatTickLabel(decade, decade), true});
      } else if (stride > 1) {
        ticks.push_back({decade, "", false});  // still a grid line
      }
      if (stride == 1 && decades <= 8) {
        for (int m = 2; m <= 9; ++m) {
          if (in_range(m * decade)) ticks.push_back({m * decade, "", false});
        }
      }
    }
    if (stride == 1 && decades <= 8 && k0 - 1 >= -300) {
      // Minor ticks of the partial decade below the first labelled one.
      const double below = std::pow(10.0, k0 - 1);
      for (int m = 2; m <= 9; ++m) {
        if (in_range(m * below)) ticks.push_back({m * below, "", false});
      }
    }
  } else {
    // Under two decades: 1, 2, 5 x 10^k as labels, the other digits as minor ticks.
    const int ka = static_cast<int>(std::floor(lo)) - 1;
    const int kb = static_cast<int>(std::ceil(hi)) + 1;
    int labelled = 0;
    for (int k = ka; k <= kb; ++k) {
      const double decade = std::pow(10.0, k);
      for (int m = 1; m <= 9; ++m) {
        const double v = m * decade;
        if (!in_range(v)) continue;
        const bool major = m == 1 || m == 2 || m == 5;
        labelled += major ? 1 : 0;
        ticks.push_back({v, major ? FormatTickLabel(v, decade) : "", major});
      }
    }
    if (labelled < 2) return LinearTicks(min, max, max_labels);
  }
  std::sort(ticks.begin(), ticks.end(),
            [](const PlotTick& a, const PlotTick& b) { return a.value < b.value; });
  return ticks;
}

}  // namespace

std::vector<PlotTick> ComputeTicks(double min, double max, PlotScale scale, int max_labels) {
  const PlotRange r = SanitizeRange(min, max, scale);
  max_labels = std::clamp(max_labels, 2, 50);
  if (scale == PlotScale::Log) return LogTicks(r.min, r.max, max_labels);
  return LinearTicks(r.min, r.max, max_labels);
}

// [SECTION] Mapping and hit tests

double MapToPixel(const AxisMap& map, double value) {
  const PlotRange r = SanitizeRange(map.min, map.max, map.scale);
  if (std::isnan(value)) return map.p0;
  const double a = Transform(map.scale, r.min);
  const double b = Transform(map.scale, r.max);
  // Clamp to a few thousand plot sizes: far off-screen, still finite for ImDrawList.
  const double t = std::clamp((Transform(map.scale, value) - a) / (b - a), -1e4, 1e4);
  return map.p0 + t * (map.p1 - map.p0);
}

double MapFromPixel(const AxisMap& map, double pixel) {
  const PlotRange r = SanitizeRange(map.min, map.max, map.scale);
  const double span = map.p1 - map.p0;
  const double t = (span == 0.0 || !std::isfinite(pixel)) ? 0.0 : (pixel - map.p0) / span;
  const double a = Transform(map.scale, r.min);
  const double b = Transform(map.scale, r.max);
  return Untransform(map.scale, a + t * (b - a));
}

PlotHit FindNearestPoint(const LinePlot& plot, const AxisMap& x_map, const AxisMap& y_map,
                         ImVec2 mouse, double radius) {
  PlotHit best;
  double best_d2 = radius * radius;
  for (size_t s = 0; s < plot.series.size(); ++s) {
    const PlotSeries& series = plot.series[s];
    const size_t n = std::min(series.x.size(), series.y.size());
    for (size_t i = 0; i < n; ++i) {
      if (!Plottable(series.x[i], x_map.scale) || !Plottable(series.y[i], y_map.scale)) continue;
      const double dx = MapToPixel(x_map, series.x[i]) - mouse.x;
      const double dy = MapToPixel(y_map, series.y[i]) - mouse.y;
      const double d2 = dx * dx + dy * dy;
      if (d2 <= best_d2) {
        best_d2 = d2;
        best = {static_cast<int>(s), static_cast<int>(i)};
      }
    }
  }
  return best;
}

std::string PointTooltip(const LinePlot& plot, PlotHit hit) {
  if (hit.series < 0 || hit.series >= static_cast<int>(plot.series.size())) return "";
  const PlotSeries& s = plot.series[static_cast<size_t>(hit.series)];
  const size_t i = static_cast<size_t>(hit.index);
  if (hit.index < 0 || i >= s.x.size() || i >= s.y.size()) return "";
  const std::string x_name = plot.x.label.empty() ? "x" : plot.x.label;
  const std::string y_name = plot.y.label.empty() ? "y" : plot.y.label;
  return s.name + "\n" + x_name + " = " + FormatExact(s.x[i]) + "\n" + y_name + " = " +
         FormatExact(s.y[i]);
}

void FitAxes(LinePlot& plot) {
  std::vector<double> xs, ys;
  for (const PlotSeries& s : plot.series) {
    const size_t n = std::min(s.x.size(), s.y.size());
    for (size_t i = 0; i < n; ++i) {
      // Only points drawable on both axes decide the ranges.
      if (!Plottable(s.x[i], plot.x.scale) || !Plottable(s.y[i], plot.y.scale)) continue;
      xs.push_back(s.x[i]);
      ys.push_back(s.y[i]);
    }
  }
  for (const PlotMarker& m : plot.markers) {
    xs.push_back(m.x);
    ys.push_back(m.y);
  }
  if (plot.x.auto_fit) {
    // The x range is the sampled domain: no headroom, so the curve spans the frame.
    double lo = kNaN, hi = kNaN;
    for (double v : xs) {
      if (!Plottable(v, plot.x.scale)) continue;
      lo = std::isnan(lo) ? v : std::min(lo, v);
      hi = std::isnan(hi) ? v : std::max(hi, v);
    }
    plot.x.range = SanitizeRange(lo, hi, plot.x.scale);
  } else {
    plot.x.range = SanitizeRange(plot.x.range.min, plot.x.range.max, plot.x.scale);
  }
  plot.y.range = plot.y.auto_fit ? FitRange(ys, plot.y.scale, false)
                                 : SanitizeRange(plot.y.range.min, plot.y.range.max, plot.y.scale);
}

void FitAxes(BarChart& chart) {
  std::vector<double> tops;
  for (const BarStack& bar : chart.bars) {
    double sum = 0.0;
    for (const BarSegment& seg : bar.segments) {
      if (!std::isfinite(seg.value) || seg.value <= 0.0) continue;
      // On a log axis the first segment's own value is the lowest thing worth showing.
      if (sum == 0.0) tops.push_back(seg.value);
      sum += seg.value;
      tops.push_back(sum);
    }
  }
  chart.y.range = chart.y.auto_fit
                      ? FitRange(tops, chart.y.scale, chart.y.scale == PlotScale::Linear)
                      : SanitizeRange(chart.y.range.min, chart.y.range.max, chart.y.scale);
}

// [SECTION] Drawing helpers

ImVec2 PlaceLegend(ImVec2 frame_min, ImVec2 frame_max, ImVec2 size,
                   const std::vector<ImVec2>& points, float pad) {
  const ImVec2 corners[] = {{frame_min.x + pad, frame_min.y + pad},
                            {frame_max.x - pad - size.x, frame_min.y + pad},
                            {frame_max.x - pad - size.x, frame_max.y - pad - size.y},
                            {frame_min.x + pad, frame_max.y - pad - size.y}};
  ImVec2 best = corners[0];
  size_t best_count = SIZE_MAX;
  for (const ImVec2& c : corners) {
    size_t count = 0;
    for (const ImVec2& p : points) {
      count += (p.x >= c.x && p.x <= c.x + size.x && p.y >= c.y && p.y <= c.y + size.y) ? 1 : 0;
    }
    // Strictly fewer: on a tie the earlier corner (top-left first) wins.
    if (count < best_count) {
      best_count = count;
      best = c;
    }
  }
  return best;
}

namespace {

// Minor grid lines only where a decade is tall enough for them not to blur together.
bool ShowMinorTicks(const AxisMap& map) {
  if (map.scale == PlotScale::Linear) return true;
  const double decades = std::log10(map.max / map.min);
  return decades <= 0.0 || std::fabs(map.p1 - map.p0) / decades >= ImGui::GetFontSize() * 2.5;
}

struct Frame {
  ImVec2 min;  // the plotting area, inside the tick labels
  ImVec2 max;
  std::vector<PlotTick> y_ticks;
};

float Round(double v) {
  return static_cast<float>(std::floor(v + 0.5));
}

// Reserves the widget's rectangle, draws the title, the y axis with its ticks and grid,
// and returns the plotting area. Sizes derive from the font so projector fonts fit.
Frame BeginFrame(const char* id, const std::string& title, const PlotAxis& y, ImVec2& size,
                 bool& hovered, float bottom_rows) {
  const float fs = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0.0f) size.x = avail.x;
  if (size.y <= 0.0f) size.y = fs * 14.0f;
  size.x = std::max(size.x, fs * 6.0f);
  size.y = std::max(size.y, fs * 6.0f);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  hovered = ImGui::IsItemHovered();

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  // The y axis names the quantity, so it leads; the title qualifies it.
  std::string heading = y.label;
  if (!title.empty()) heading += (heading.empty() ? "" : "   ") + title;
  dl->AddText(pos, text, heading.c_str());

  Frame f;
  const float plot_h = size.y - fs * (1.4f + 1.3f * bottom_rows);
  const int max_y_labels = std::max(2, static_cast<int>(plot_h / (fs * 2.2f)));
  f.y_ticks = ComputeTicks(y.range.min, y.range.max, y.scale, max_y_labels);
  float label_w = fs;
  for (const PlotTick& t : f.y_ticks) {
    if (!t.label.empty()) label_w = std::max(label_w, ImGui::CalcTextSize(t.label.c_str()).x);
  }
  f.min = ImVec2(pos.x + label_w + fs * 0.6f, pos.y + fs * 1.4f);
  f.max = ImVec2(pos.x + size.x - fs * 0.8f, pos.y + size.y - fs * 1.3f * bottom_rows);
  if (f.max.x - f.min.x < fs) f.max.x = f.min.x + fs;
  if (f.max.y - f.min.y < fs) f.max.y = f.min.y + fs;

  dl->AddRectFilled(f.min, f.max, ImGui::GetColorU32(ImGuiCol_FrameBg));
  const AxisMap ym{y.range.min, y.range.max, y.scale, f.max.y, f.min.y};
  const bool minor = ShowMinorTicks(ym);
  for (const PlotTick& t : f.y_ticks) {
    if (!t.major && !minor) continue;
    const float py = Round(MapToPixel(ym, t.value));
    if (py < f.min.y - 0.5f || py > f.max.y + 0.5f) continue;
    dl->AddLine(ImVec2(f.min.x, py), ImVec2(f.max.x, py),
                ImGui::GetColorU32(ImGuiCol_Text, t.major ? 0.18f : 0.07f));
    if (t.label.empty()) continue;
    const ImVec2 ts = ImGui::CalcTextSize(t.label.c_str());
    dl->AddText(ImVec2(f.min.x - fs * 0.3f - ts.x, py - ts.y * 0.5f), text, t.label.c_str());
  }
  return f;
}

void EndFrame(const Frame& f) {
  ImGui::GetWindowDrawList()->AddRect(f.min, f.max, ImGui::GetColorU32(ImGuiCol_Border));
}

struct LegendEntry {
  const std::string* name;
  ImU32 colour;
};

// A legend box in the frame's top-left corner: a colour swatch and the name per entry.
ImVec2 LegendSize(const std::vector<LegendEntry>& entries) {
  const float fs = ImGui::GetFontSize();
  float w = 0.0f;
  for (const LegendEntry& e : entries) w = std::max(w, ImGui::CalcTextSize(e.name->c_str()).x);
  return ImVec2(w + fs * 1.6f, entries.size() * fs * 1.15f + fs * 0.3f);
}

// A legend box at `p0`: a colour swatch and the name per entry. Returns its rectangle.
LegendRect DrawLegend(const std::vector<LegendEntry>& entries, ImVec2 p0) {
  if (entries.empty()) return LegendRect{p0, p0};
  const float fs = ImGui::GetFontSize();
  const float pad = fs * 0.3f;
  const ImVec2 size = LegendSize(entries);
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_WindowBg, 0.85f));
  dl->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border));
  float y = p0.y + pad * 0.5f;
  const ImU32 outline = CurrentPalette().swatch_outline;
  for (const LegendEntry& e : entries) {
    const ImVec2 a(p0.x + pad, y + fs * 0.25f), b(p0.x + pad + fs * 0.8f, y + fs * 0.85f);
    dl->AddRectFilled(a, b, e.colour);
    if (outline != 0) dl->AddRect(a, b, outline);
    dl->AddText(ImVec2(p0.x + fs * 1.3f, y), ImGui::GetColorU32(ImGuiCol_Text), e.name->c_str());
    y += fs * 1.15f;
  }
  return LegendRect{p0, p1};
}

}  // namespace

// [SECTION] Line plot

namespace {

// The x axis: grid lines at every tick (minor ones when they are far enough apart), the
// labels that do not overlap, and the axis label below.
void DrawXAxis(ImDrawList* dl, const Frame& f, const LinePlot& plot, const AxisMap& xm) {
  const float fs = ImGui::GetFontSize();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const int max_x_labels = std::max(2, static_cast<int>((f.max.x - f.min.x) / (fs * 5.0f)));
  float last_label_end = -1e30f;
  const bool minor = ShowMinorTicks(xm);
  for (const PlotTick& t :
       ComputeTicks(plot.x.range.min, plot.x.range.max, plot.x.scale, max_x_labels)) {
    if (!t.major && !minor) continue;
    const float px = Round(MapToPixel(xm, t.value));
    if (px < f.min.x - 0.5f || px > f.max.x + 0.5f) continue;
    dl->AddLine(ImVec2(px, f.min.y), ImVec2(px, f.max.y),
                ImGui::GetColorU32(ImGuiCol_Text, t.major ? 0.18f : 0.07f));
    if (t.label.empty()) continue;
    const ImVec2 ts = ImGui::CalcTextSize(t.label.c_str());
    const float lx = std::clamp(px - ts.x * 0.5f, f.min.x - fs, f.max.x + fs * 0.8f - ts.x);
    if (lx < last_label_end + fs * 0.5f) continue;  // never let labels overlap
    dl->AddText(ImVec2(lx, f.max.y + fs * 0.15f), text, t.label.c_str());
    last_label_end = lx + ts.x;
  }
  if (!plot.x.label.empty()) {
    const ImVec2 ts = ImGui::CalcTextSize(plot.x.label.c_str());
    dl->AddText(ImVec2((f.min.x + f.max.x - ts.x) * 0.5f, f.max.y + fs * 1.35f), text,
                plot.x.label.c_str());
  }
}

// The series as polylines (broken where a point cannot be plotted), then the markers.
void DrawSeriesAndMarkers(ImDrawList* dl, const Frame& f, const LinePlot& plot, const AxisMap& xm,
                          const AxisMap& ym) {
  const float fs = ImGui::GetFontSize();
  dl->PushClipRect(f.min, f.max, true);
  const float thickness = std::max(1.5f, fs * 0.14f);
  for (const PlotSeries& s : plot.series) {
    const size_t n = std::min(s.x.size(), s.y.size());
    std::vector<ImVec2> run;
    auto flush = [&]() {
      if (run.size() >= 2)
        dl->AddPolyline(run.data(), static_cast<int>(run.size()), s.colour, 0, thickness);
      else if (run.size() == 1)
        dl->AddCircleFilled(run[0], thickness * 1.5f, s.colour);
      run.clear();
    };
    for (size_t i = 0; i < n; ++i) {
      if (!Plottable(s.x[i], plot.x.scale) || !Plottable(s.y[i], plot.y.scale)) {
        flush();  // a gap: the layer is invalid at this x
        continue;
      }
      run.emplace_back(static_cast<float>(MapToPixel(xm, s.x[i])),
                       static_cast<float>(MapToPixel(ym, s.y[i])));
    }
    flush();
  }
  for (const PlotMarker& m : plot.markers) {
    if (!Plottable(m.x, plot.x.scale) || !Plottable(m.y, plot.y.scale)) continue;
    const ImVec2 c(static_cast<float>(MapToPixel(xm, m.x)),
                   static_cast<float>(MapToPixel(ym, m.y)));
    // A dark ring around the fill keeps the marker visible on light and dark themes.
    dl->AddCircleFilled(c, fs * 0.5f, CurrentPalette().marker_ring);
    dl->AddCircleFilled(c, fs * 0.36f, m.colour);
  }
  dl->PopClipRect();
}

// The legend of the series and the labelled markers, placed where it covers the fewest
// points.
LegendRect DrawLineLegend(const Frame& f, const LinePlot& plot, const AxisMap& xm,
                          const AxisMap& ym) {
  const float fs = ImGui::GetFontSize();
  std::vector<LegendEntry> legend;
  for (const PlotSeries& s : plot.series) legend.push_back({&s.name, s.colour});
  for (const PlotMarker& m : plot.markers) {
    if (!m.label.empty()) legend.push_back({&m.label, m.colour});
  }
  std::vector<ImVec2> points;
  for (const PlotSeries& s : plot.series) {
    const size_t n = std::min(s.x.size(), s.y.size());
    for (size_t i = 0; i < n; ++i) {
      if (!Plottable(s.x[i], plot.x.scale) || !Plottable(s.y[i], plot.y.scale)) continue;
      points.emplace_back(static_cast<float>(MapToPixel(xm, s.x[i])),
                          static_cast<float>(MapToPixel(ym, s.y[i])));
    }
  }
  for (const PlotMarker& m : plot.markers) {
    points.emplace_back(static_cast<float>(MapToPixel(xm, m.x)),
                        static_cast<float>(MapToPixel(ym, m.y)));
  }
  return DrawLegend(legend, PlaceLegend(f.min, f.max, LegendSize(legend), points, fs * 0.3f));
}

// Under the mouse: the nearest point circled with its tooltip, else the coordinates.
void ShowLineTooltip(ImDrawList* dl, const Frame& f, const LinePlot& plot, const AxisMap& xm,
                     const AxisMap& ym) {
  const float fs = ImGui::GetFontSize();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const PlotHit hit = FindNearestPoint(plot, xm, ym, mouse, fs * 1.2);
  if (hit.series >= 0) {
    const PlotSeries& s = plot.series[static_cast<size_t>(hit.series)];
    const size_t i = static_cast<size_t>(hit.index);
    dl->AddCircle(ImVec2(static_cast<float>(MapToPixel(xm, s.x[i])),
                         static_cast<float>(MapToPixel(ym, s.y[i]))),
                  fs * 0.45f, text, 0, std::max(1.0f, fs * 0.1f));
    ImGui::SetTooltip("%s", PointTooltip(plot, hit).c_str());
  } else if (mouse.x >= f.min.x && mouse.x <= f.max.x && mouse.y >= f.min.y && mouse.y <= f.max.y) {
    ImGui::SetTooltip("%s = %s\n%s = %s", plot.x.label.empty() ? "x" : plot.x.label.c_str(),
                      FormatExact(MapFromPixel(xm, mouse.x)).c_str(),
                      plot.y.label.empty() ? "y" : plot.y.label.c_str(),
                      FormatExact(MapFromPixel(ym, mouse.y)).c_str());
  }
}

}  // namespace

LegendRect DrawLinePlot(const char* id, LinePlot& plot, ImVec2 size) {
  FitAxes(plot);
  bool hovered = false;
  const float bottom_rows = plot.x.label.empty() ? 1.0f : 2.0f;
  const Frame f = BeginFrame(id, plot.title, plot.y, size, hovered, bottom_rows);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const AxisMap xm{plot.x.range.min, plot.x.range.max, plot.x.scale, f.min.x, f.max.x};
  const AxisMap ym{plot.y.range.min, plot.y.range.max, plot.y.scale, f.max.y, f.min.y};
  DrawXAxis(dl, f, plot, xm);
  DrawSeriesAndMarkers(dl, f, plot, xm, ym);
  EndFrame(f);
  const LegendRect legend_rect = DrawLineLegend(f, plot, xm, ym);
  if (hovered) ShowLineTooltip(dl, f, plot, xm, ym);
  return legend_rect;
}

// [SECTION] Bar chart

void DrawBarChart(const char* id, BarChart& chart, ImVec2 size) {
  FitAxes(chart);
  const float fs = ImGui::GetFontSize();
  bool hovered = false;
  const Frame f = BeginFrame(id, chart.title, chart.y, size, hovered, 1.0f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const AxisMap ym{chart.y.range.min, chart.y.range.max, chart.y.scale, f.max.y, f.min.y};
  const ImVec2 mouse = ImGui::GetIO().MousePos;

  // Legend first in the corner, bars start to its right so they never hide under it.
  std::vector<LegendEntry> legend;
  float legend_w = 0.0f;
  for (const BarStack& bar : chart.bars) {
    for (const BarSegment& seg : bar.segments) {
      const bool seen = std::any_of(legend.begin(), legend.end(),
                                    [&](const LegendEntry& e) { return *e.name == seg.name; });
      if (seen) continue;
      legend.push_back({&seg.name, seg.colour});
      legend_w = std::max(legend_w, ImGui::CalcTextSize(seg.name.c_str()).x + fs * 2.2f);
    }
  }
  const float left = f.min.x + legend_w;
  const size_t n = std::max<size_t>(chart.bars.size(), 1);
  const float slot = (f.max.x - left) / static_cast<float>(n);
  int hover_bar = -1;
  const BarSegment* hover_segment = nullptr;
  double hover_total = 0.0;

  dl->PushClipRect(f.min, f.max, true);
  for (size_t b = 0; b < chart.bars.size(); ++b) {
    const BarStack& bar = chart.bars[b];
    const float x0 = left + slot * (b + 0.2f);
    const float x1 = left + slot * (b + 0.8f);
    double sum = 0.0;
    for (const BarSegment& seg : bar.segments) {
      if (!std::isfinite(seg.value) || seg.value <= 0.0) continue;
      // A log axis has no zero: the first segment starts at the bottom of the frame.
      const double base = (sum == 0.0 && chart.y.scale == PlotScale::Log) ? chart.y.range.min : sum;
      const float y0 = static_cast<float>(MapToPixel(ym, base));
      const float y1 = static_cast<float>(MapToPixel(ym, sum + seg.value));
      dl->AddRectFilled(ImVec2(x0, y1), ImVec2(x1, y0), seg.colour);
      dl->AddRect(ImVec2(x0, y1), ImVec2(x1, y0), ImGui::GetColorU32(ImGuiCol_WindowBg));
      if (hovered && mouse.x >= x0 && mouse.x <= x1 && mouse.y >= y1 && mouse.y <= y0) {
        hover_bar = static_cast<int>(b);
        hover_segment = &seg;
      }
      sum += seg.value;
    }
    if (hover_bar == static_cast<int>(b)) hover_total = sum;
    if (sum > 0.0) {
      const std::string total = FormatMagnitude(sum);
      const ImVec2 ts = ImGui::CalcTextSize(total.c_str());
      const float ty = std::max(static_cast<float>(MapToPixel(ym, sum)) - ts.y * 1.05f, f.min.y);
      dl->AddText(ImVec2((x0 + x1 - ts.x) * 0.5f, ty), text, total.c_str());
    }
  }
  dl->PopClipRect();
  for (size_t b = 0; b < chart.bars.size(); ++b) {
    const std::string& label = chart.bars[b].label;
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    dl->AddText(ImVec2(left + slot * (b + 0.5f) - ts.x * 0.5f, f.max.y + fs * 0.15f), text,
                label.c_str());
  }
  EndFrame(f);
  DrawLegend(legend, ImVec2(f.min.x + fs * 0.3f, f.min.y + fs * 0.3f));
  if (hover_segment != nullptr) {
    ImGui::SetTooltip("%s\n%s = %s\ntotal = %s",
                      chart.bars[static_cast<size_t>(hover_bar)].label.c_str(),
                      hover_segment->name.c_str(), FormatExact(hover_segment->value).c_str(),
                      FormatExact(hover_total).c_str());
  }
}

}  // namespace sepconv::app
