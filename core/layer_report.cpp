// JSON and text reports of a LayerRun.
#include "layer_report.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "layer_options.h"
#include "rank1.h"
#include "text_format.h"

namespace sepconv {
namespace {

struct PathView {
  const char* name;
  bool ran;
  const OpCost* cost;
  const OpCounts* counts;
  const RunInfo* info;
};

std::vector<PathView> paths(const LayerRun& r) {
  return {{"standard", r.ran_standard, &r.costs.standard, &r.std_counts, &r.std_info},
          {"depthwise", r.ran_separable, &r.costs.depthwise, &r.dw_counts, &r.dw_info},
          {"pointwise", r.ran_separable, &r.costs.pointwise, &r.pw_counts, &r.pw_info},
          {"separable", r.ran_separable, &r.costs.separable, &r.sep_counts, &r.sep_info},
          {"spatial", r.ran_spatial, &r.costs.spatial, &r.spatial_counts, &r.spatial_info}};
}

nlohmann::json path_json(const PathView& p) {
  if (!p.ran) return nullptr;
  return {{"mults", p.cost->mults},
          {"mults_counted", p.counts->mults},
          {"mults_on_padding", p.counts->padded_mults},
          {"adds", p.cost->adds},
          {"adds_counted", p.counts->adds},
          {"params", p.cost->params},
          {"bytes", p.cost->bytes()},
          {"ms", p.info->ms},
          {"engine", to_string(p.info->kind)},
          {"kernel", p.info->kernel},
          {"threads", p.info->threads}};
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

double measured_ratio(const LayerRun& r) {
  if (!r.ran_standard || !r.ran_separable || r.std_info.ms <= 0) return -1;
  return r.sep_info.ms / r.std_info.ms;
}

}  // namespace

std::string measured_size_text(const LayerRun& r) {
  std::string s = std::to_string(r.work.w) + " x " + std::to_string(r.work.h);
  if (r.resized()) {
    s += " (working size " + working_size_text(r.choice.working_size) + " of " +
         std::to_string(r.image_w) + " x " + std::to_string(r.image_h) + ")";
  }
  return s;
}

std::string report_json(const LayerRun& r, const std::string& image, int indent) {
  const LayerSpec& s = r.choice.spec;
  const Shape3 out = r.costs.separable.out;
  const Padding pad = r.std_params.padding;
  nlohmann::json j;
  j["input"] = {{"image", image},
                {"image_channels", r.image_channels},
                {"image_height", r.image_h},
                {"image_width", r.image_w},
                {"working_size", working_size_text(r.choice.working_size)},
                {"channels", r.input->dim(0)},
                {"height", r.input->dim(1)},
                {"width", r.input->dim(2)},
                {"channel_names", r.input_names}};
  j["output"] = {{"channels", out.c}, {"height", out.h}, {"width", out.w}};
  j["params"] = {{"dk", s.dk},
                 {"m", s.m},
                 {"n", s.n},
                 {"stride", s.stride},
                 {"dilation", s.dilation},
                 {"groups", s.groups},
                 {"depth_multiplier", s.depth_multiplier},
                 {"padding",
                  {{"policy", to_string(s.pad_policy)},
                   {"mode", to_string(s.pad_mode)},
                   {"top", pad.top},
                   {"bottom", pad.bottom},
                   {"left", pad.left},
                   {"right", pad.right}}},
                 {"operation", s.flip_kernel ? "convolution" : "cross-correlation"},
                 {"kernel", to_string(r.choice.kernel)},
                 {"mix", to_string(r.choice.mix)},
                 {"separable", to_string(r.choice.separable)},
                 {"seed", r.choice.seed}};
  for (const PathView& p : paths(r)) j[p.name] = path_json(p);
  const double measured = measured_ratio(r);
  j["ratio"] = {{"predicted", r.costs.ratio},
                {"identity", r.costs.ratio_identity},
                {"identity_applies", r.costs.identity_applies},
                {"measured", measured >= 0 ? nlohmann::json(measured) : nlohmann::json(nullptr)}};
  if (r.ran_spatial) {
    // Channel 0's factors (every channel's are in the column and row .npy files).
    std::vector<float> column, row;
    for (int y = 0; y < r.spatial_columns.dim(2); ++y)
      column.push_back(r.spatial_columns.at(0, 0, y, 0));
    for (int x = 0; x < r.spatial_rows.dim(3); ++x) row.push_back(r.spatial_rows.at(0, 0, 0, x));
    j["spatial_factors"] = {{"column", column},
                            {"row", row},
                            {"relative_error", r.spatial_error},
                            {"worst_channel", r.spatial_worst_channel},
                            {"tolerance", kRank1Tolerance},
                            {"approximated", r.spatial_approximated}};
    j["ratio"]["spatial_vs_depthwise"] = r.costs.spatial_ratio;
    j["ratio"]["spatial_mults_per_output"] = r.costs.spatial_mults_per_output;
    j["ratio"]["two_dk"] = 2 * s.dk;
  }
  if (r.spatial_max_abs_diff >= 0)
    j["max_abs_difference_spatial_vs_depthwise"] = r.spatial_max_abs_diff;
  j["standard_kernel"] = r.standard_kernel;
  if (r.max_abs_diff >= 0) j["max_abs_difference_standard_vs_separable"] = r.max_abs_diff;
  j["memory"] = {{"estimate_bytes", r.memory.peak()}, {"budget_bytes", r.budget}};
  return j.dump(indent);
}

std::string report_text(const LayerRun& r, const std::string& image) {
  const LayerSpec& s = r.choice.spec;
  std::ostringstream t;
  const Shape3 out = r.costs.separable.out;
  t << "input   " << r.input->dim(0) << " x " << r.input->dim(1) << " x " << r.input->dim(2)
    << "  (" << image << ", " << r.image_channels << " image channels";
  if (r.resized()) t << "; " << measured_size_text(r);
  t << ")\n";
  t << "output  " << out.c << " x " << out.h << " x " << out.w << "\n";
  t << "layer   Dk=" << s.dk << " M=" << s.m << " N=" << s.n << " stride=" << s.stride
    << " dilation=" << s.dilation << " groups=" << s.groups << " K=" << s.depth_multiplier
    << " padding=" << to_string(s.pad_policy) << "/" << to_string(s.pad_mode) << " ("
    << (s.flip_kernel ? "convolution" : "cross-correlation") << ")\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-10s %18s %18s %14s %10s  %s\n", "path", "mults (formula)",
                "mults (counted)", "params", "ms", "kernel");
  t << line;
  for (const PathView& p : paths(r)) {
    if (!p.ran) continue;
    std::snprintf(line, sizeof line, "%-10s %18s %18s %14s %10s  %s x%d\n", p.name,
                  format_thousands(p.cost->mults).c_str(),
                  format_thousands(p.counts->mults).c_str(),
                  format_thousands(p.cost->params).c_str(), fixed(p.info->ms, 2).c_str(),
                  p.info->kernel.c_str(), p.info->threads);
    t << line;
  }
  t << "\nseparable / standard mults  " << fixed(r.costs.ratio, 4)
    << "  (1/N + 1/Dk^2 = " << fixed(r.costs.ratio_identity, 4)
    << (r.costs.identity_applies ? ")" : "; differs because groups or K is not 1)") << "\n";
  const double measured = measured_ratio(r);
  if (measured >= 0) {
    t << "separable / standard time   " << fixed(measured, 4) << "  (speed-up measured "
      << fixed(1 / measured, 2) << "x, predicted " << fixed(1 / r.costs.ratio, 2) << "x, on "
      << measured_size_text(r) << ")\n";
  }
  if (r.ran_spatial) {
    t << "spatial / depthwise mults   " << fixed(r.costs.spatial_ratio, 4) << "  ("
      << fixed(r.costs.spatial_mults_per_output, 3)
      << " mults per output against Dk^2 = " << s.dk * s.dk << "; about 2 Dk = " << 2 * s.dk
      << ")\n";
    t << "spatial factors: column x row, the closest rank-1 kernel "
      << percent_text(r.spatial_error) << " away"
      << (r.spatial_approximated ? " (approximated: not rank 1)" : "");
    if (r.spatial_max_abs_diff >= 0)
      t << "; max |spatial - depthwise| = " << r.spatial_max_abs_diff;
    t << "\n";
  }
  t << "standard kernel: " << r.standard_kernel;
  if (r.max_abs_diff >= 0) t << "; max |standard - separable| = " << r.max_abs_diff;
  t << "\n";
  return t.str();
}

}  // namespace sepconv
