// CLI11 option definitions; every value is checked here or by the core's validation.
#include "cli/options.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

namespace cli {
namespace {}  // namespace

bool runs_standard(PathSelection p) {
  return p == PathSelection::Standard || p == PathSelection::All;
}
bool runs_separable_stages(PathSelection p) {
  return p != PathSelection::Standard;
}

int parse_options(int argc, char** argv, Options* o) {
  CLI::App app{
      "sepconv: compute standard and depthwise separable convolutions on an image and "
      "report their costs and times"};
  app.set_help_all_flag("--help-all");
  std::string padding = "same", pad_mode = "zero", kernel = "sobel-x", mix = "random",
              std_kernel = "composed", engine = "fast";
  std::string path = "all";
  app.add_option("--image", o->image, "input image (PNG, JPEG, BMP, TGA, GIF, PSD, HDR, PNM)")
      ->required();
  app.add_option("--dk", o->spec.dk, "kernel size Dk")->capture_default_str();
  app.add_option("--m", o->spec.m,
                 "input channels M (1..256; beyond the image's channels a "
                 "feature stack is derived)")
      ->capture_default_str();
  app.add_option("--n", o->spec.n, "output channels N")->capture_default_str();
  app.add_option("--stride", o->spec.stride, "stride")->capture_default_str();
  app.add_option("--padding", padding, "same, valid, or a number of pixels per side")
      ->capture_default_str();
  app.add_option("--pad-mode", pad_mode, "zero, reflect or replicate")->capture_default_str();
  app.add_option("--dilation", o->spec.dilation, "dilation")->capture_default_str();
  app.add_option("--groups", o->spec.groups, "groups of the standard path (1..M, divides M and N)")
      ->capture_default_str();
  app.add_option("--multiplier", o->spec.depth_multiplier, "depth multiplier K")
      ->capture_default_str();
  app.add_flag("--convolution", o->spec.flip_kernel,
               "true convolution (flipped kernel) instead of cross-correlation");
  app.add_option("--path", path, "standard, depthwise, pointwise, separable or all")
      ->capture_default_str();
  app.add_option("--seed", o->weights.seed, "seed of random weights")->capture_default_str();
  app.add_option("--kernel", kernel, "depthwise kernel preset")->capture_default_str();
  app.add_option("--mix", mix, "pointwise preset: identity, grayscale, swap, random")
      ->capture_default_str();
  app.add_option("--std-kernel", std_kernel,
                 "standard kernel: 'composed' (from the separable one, outputs match) or a "
                 "kernel preset")
      ->capture_default_str();
  app.add_option("--std-weights", o->std_weights, "standard weights .npy [N, M/groups, Dk, Dk]");
  app.add_option("--dw-weights", o->dw_weights, "depthwise weights .npy [M*K, 1, Dk, Dk]");
  app.add_option("--pw-weights", o->pw_weights,
                 "pointwise weights .npy [N, M*K, 1, 1] or [N, M*K]");
  app.add_option("--bias-std", o->std_bias, "standard bias .npy [N]");
  app.add_option("--bias-dw", o->dw_bias, "depthwise bias .npy [M*K]");
  app.add_option("--bias-pw", o->pw_bias, "pointwise bias .npy [N]");
  app.add_option("--save-input", o->save_input, "write the exact input tensor used as .npy");
  app.add_option("--out-dir", o->out_dir, "write each path's output as .npy and a PNG preview");
  app.add_flag("--overwrite", o->overwrite, "replace existing output files");
  app.add_option("--threads", o->engine.threads, "threads for the fast engine (0 = all cores)")
      ->capture_default_str();
  app.add_option("--engine", engine, "fast or reference")->capture_default_str();
  app.add_flag("--json", o->json, "print one JSON object instead of a table");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "sepconv: " << e.what() << " (see --help)\n";
    return 2;
  }
  auto fail = [](const std::string& msg) {
    std::cerr << "sepconv: " << msg << "\n";
    return 2;
  };
  if (padding == "same")
    o->spec.pad_policy = sepconv::PadPolicy::Same;
  else if (padding == "valid")
    o->spec.pad_policy = sepconv::PadPolicy::Valid;
  else {
    try {
      size_t used = 0;
      o->spec.pad_amount = std::stoi(padding, &used);
      if (used != padding.size()) throw std::invalid_argument(padding);
      o->spec.pad_policy = sepconv::PadPolicy::Explicit;
    } catch (const std::exception&) {
      return fail("--padding '" + padding + "' must be same, valid or a number of pixels");
    }
  }
  if (!sepconv::parse_pad_mode(pad_mode, &o->spec.pad_mode))
    return fail("--pad-mode '" + pad_mode + "' must be zero, reflect or replicate");
  if (!sepconv::parse_kernel_preset(kernel, &o->weights.depthwise))
    return fail("--kernel '" + kernel +
                "' is not a kernel preset (identity, box, gaussian, "
                "sharpen, sobel-x, sobel-y, laplacian, emboss, random)");
  if (!sepconv::parse_mix_preset(mix, &o->weights.pointwise))
    return fail("--mix '" + mix + "' must be identity, grayscale, swap or random");
  o->weights.compose_standard = std_kernel == "composed";
  if (!o->weights.compose_standard &&
      !sepconv::parse_kernel_preset(std_kernel, &o->weights.standard))
    return fail("--std-kernel '" + std_kernel + "' must be 'composed' or a kernel preset");
  const std::map<std::string, PathSelection> paths = {{"standard", PathSelection::Standard},
                                                      {"depthwise", PathSelection::Depthwise},
                                                      {"pointwise", PathSelection::Pointwise},
                                                      {"separable", PathSelection::Separable},
                                                      {"all", PathSelection::All}};
  if (!paths.count(path))
    return fail("--path '" + path + "' must be standard, depthwise, pointwise, separable or all");
  o->path = paths.at(path);
  if (engine == "fast")
    o->engine.kind = sepconv::EngineKind::Fast;
  else if (engine == "reference")
    o->engine.kind = sepconv::EngineKind::Reference;
  else
    return fail("--engine '" + engine + "' must be fast or reference");
  if (o->engine.threads < 0)
    return fail("--threads = " + std::to_string(o->engine.threads) +
                " must be 0 (all cores) or more");
  return -1;
}

}  // namespace cli
