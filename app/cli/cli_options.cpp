// The CLI's command line: the layer option table plus the CLI's own options.
#include "cli/cli_options.h"

#include <map>

#include "flags/layer_flags.h"
#include "layer_run.h"

namespace sepconv::cli {

bool runs_standard(PathSelection p) {
  return p == PathSelection::Standard || p == PathSelection::All;
}
bool runs_separable_stages(PathSelection p) {
  return p != PathSelection::Standard && p != PathSelection::Spatial;
}
bool runs_spatial(PathSelection p, const sepconv::LayerChoice& choice) {
  return p == PathSelection::Spatial ||
         (p == PathSelection::All && sepconv::spatial_requested(choice));
}

int parse_options(int argc, char** argv, Options* o) {
  CLI::App app{
      "sepconv: compute standard and depthwise separable convolutions on an image and "
      "report their costs and times"};
  app.set_help_all_flag("--help-all");
  sepconv::flags::AddVersionFlag(app, "sepconv");
  app.add_option("--image", o->image, "input image (PNG, JPEG, BMP, TGA, GIF, PSD, HDR, PNM)")
      ->required();
  sepconv::flags::AddLayerFlags(app, o->choice);
  std::string path = "all";
  app.add_option(
         "--path", path,
         "standard, depthwise, pointwise, separable, spatial (the depthwise kernels as column x "
         "row; each must be rank 1) or all (the first four, and spatial with "
         "--separable spatial)")
      ->capture_default_str();
  app.add_option("--save-input", o->save_input, "write the exact input tensor used as .npy");
  app.add_option("--out-dir", o->out_dir,
                 "write the input, outputs and weights as .npy, PNG previews and report.json");
  app.add_flag("--overwrite", o->overwrite, "replace existing output files");
  app.add_flag("--json", o->json, "print one JSON object instead of a table");
  if (const int code = sepconv::flags::ParseCommandLine(app, argc, argv, "sepconv"); code >= 0)
    return code;
  const std::map<std::string, PathSelection> paths = {
      {"standard", PathSelection::Standard},   {"depthwise", PathSelection::Depthwise},
      {"pointwise", PathSelection::Pointwise}, {"separable", PathSelection::Separable},
      {"spatial", PathSelection::Spatial},     {"all", PathSelection::All}};
  if (!paths.count(path)) {
    return sepconv::flags::FailCommandLine(
        "sepconv",
        "--path '" + path + "' must be standard, depthwise, pointwise, separable, spatial or all");
  }
  o->path = paths.at(path);
  return -1;
}

}  // namespace sepconv::cli
