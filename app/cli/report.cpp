// JSON and text reports. Every number comes from the cost model or the engine's counts.
#include "cli/report.h"

#include "text_format.h"

#include <cstdio>
#include <sstream>

namespace cli {
namespace {

nlohmann::json path_json(const PathRun& r) {
  if (!r.ran) return nullptr;
  return {{"mults", r.cost.mults},
          {"mults_counted", r.counts.mults},
          {"mults_on_padding", r.counts.padded_mults},
          {"adds", r.cost.adds},
          {"adds_counted", r.counts.adds},
          {"params", r.cost.params},
          {"bytes", r.cost.bytes()},
          {"ms", r.info.ms},
          {"engine", sepconv::to_string(r.info.kind)},
          {"kernel", r.info.kernel},
          {"threads", r.info.threads}};
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

double measured_ratio(const LayerRun& run) {
  if (!run.standard.ran || !run.separable.ran || run.standard.info.ms <= 0) return -1;
  return run.separable.info.ms / run.standard.info.ms;
}

}  // namespace

nlohmann::json to_json(const Options& o, const LayerRun& run) {
  const sepconv::LayerSpec& s = o.spec;
  const sepconv::Shape3 out = run.costs.separable.out;
  const sepconv::Padding pad =
      sepconv::standard_params(s, run.input.dim(1), run.input.dim(2)).padding;
  nlohmann::json j;
  j["input"] = {{"image", o.image},
                {"image_channels", run.image_channels},
                {"channels", run.input.dim(0)},
                {"height", run.input.dim(1)},
                {"width", run.input.dim(2)},
                {"channel_names", run.channel_names}};
  j["output"] = {{"channels", out.c}, {"height", out.h}, {"width", out.w}};
  j["params"] = {{"dk", s.dk},
                 {"m", s.m},
                 {"n", s.n},
                 {"stride", s.stride},
                 {"dilation", s.dilation},
                 {"groups", s.groups},
                 {"depth_multiplier", s.depth_multiplier},
                 {"padding",
                  {{"policy", sepconv::to_string(s.pad_policy)},
                   {"mode", sepconv::to_string(s.pad_mode)},
                   {"top", pad.top},
                   {"bottom", pad.bottom},
                   {"left", pad.left},
                   {"right", pad.right}}},
                 {"operation", s.flip_kernel ? "convolution" : "cross-correlation"}};
  j["standard"] = path_json(run.standard);
  j["depthwise"] = path_json(run.depthwise);
  j["pointwise"] = path_json(run.pointwise);
  j["separable"] = path_json(run.separable);
  const double measured = measured_ratio(run);
  j["ratio"] = {{"predicted", run.costs.ratio},
                {"identity", run.costs.ratio_identity},
                {"identity_applies", run.costs.identity_applies},
                {"measured", measured >= 0 ? nlohmann::json(measured) : nlohmann::json(nullptr)}};
  j["standard_kernel"] =
      run.standard_composed ? "composed from the separable weights" : "independent";
  if (run.max_abs_difference >= 0)
    j["max_abs_difference_standard_vs_separable"] = run.max_abs_difference;
  return j;
}

std::string to_text(const Options& o, const LayerRun& run) {
  std::ostringstream t;
  const sepconv::Shape3 out = run.costs.separable.out;
  t << "input   " << run.input.dim(0) << " x " << run.input.dim(1) << " x " << run.input.dim(2)
    << "  (" << o.image << ", " << run.image_channels << " image channels)\n";
  t << "output  " << out.c << " x " << out.h << " x " << out.w << "\n";
  t << "layer   Dk=" << o.spec.dk << " M=" << o.spec.m << " N=" << o.spec.n
    << " stride=" << o.spec.stride << " dilation=" << o.spec.dilation << " groups=" << o.spec.groups
    << " K=" << o.spec.depth_multiplier << " padding=" << sepconv::to_string(o.spec.pad_policy)
    << "/" << sepconv::to_string(o.spec.pad_mode) << " ("
    << (o.spec.flip_kernel ? "convolution" : "cross-correlation") << ")\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-10s %18s %18s %14s %10s  %s\n", "path", "mults (formula)",
                "mults (counted)", "params", "ms", "kernel");
  t << line;
  const std::pair<const char*, const PathRun*> rows[] = {{"standard", &run.standard},
                                                         {"depthwise", &run.depthwise},
                                                         {"pointwise", &run.pointwise},
                                                         {"separable", &run.separable}};
  for (const auto& [name, r] : rows) {
    if (!r->ran) continue;
    std::snprintf(line, sizeof line, "%-10s %18s %18s %14s %10s  %s x%d\n", name,
                  sepconv::format_thousands(r->cost.mults).c_str(),
                  sepconv::format_thousands(r->counts.mults).c_str(),
                  sepconv::format_thousands(r->cost.params).c_str(), fixed(r->info.ms, 2).c_str(),
                  r->info.kernel.c_str(), r->info.threads);
    t << line;
  }
  t << "\nseparable / standard mults  " << fixed(run.costs.ratio, 4)
    << "  (1/N + 1/Dk^2 = " << fixed(run.costs.ratio_identity, 4)
    << (run.costs.identity_applies ? ")" : "; differs because groups or K is not 1)") << "\n";
  const double measured = measured_ratio(run);
  if (measured >= 0) {
    t << "separable / standard time   " << fixed(measured, 4) << "  (speed-up measured "
      << fixed(1 / measured, 2) << "x, predicted " << fixed(1 / run.costs.ratio, 2) << "x)\n";
  }
  if (run.max_abs_difference >= 0) {
    t << "standard kernel composed from the separable one: max |difference| = "
      << run.max_abs_difference << "\n";
  }
  return t.str();
}

}  // namespace cli
