// CLI11 parsing of the sepconv-lab command line; see options.h.
#include "options.h"

#include <CLI/CLI.hpp>

#include <cstdio>

namespace sepconv::app {

std::optional<Options> ParseOptions(int argc, char** argv, int* exit_code) {
  Options o;
  LayerSpec& s = o.choice.spec;
  CLI::App cli{"SepConv Lab: depthwise separable convolutions, computed on your own images"};
  cli.add_option("image", o.image, "image to open (PNG, JPEG, BMP, TGA, GIF, PSD, HDR, PNM)");
  cli.add_option("--screenshot", o.screenshot, "write a PNG of the window and exit");
  cli.add_option("--layout-json", o.layout_json, "with --screenshot: write panel rectangles");
  cli.add_option("--frames", o.frames, "frames to draw before the screenshot")
      ->check(CLI::Range(1, 100000));
  std::string size;
  cli.add_option("--size", size, "window size WxH, e.g. 1920x1080");
  cli.add_option("--timeout", o.timeout, "seconds to wait for the computation in scripted runs");
  cli.add_option("--ui-scale", o.ui_scale, "UI scale for projectors, e.g. 1.5")
      ->check(CLI::Range(0.5, 4.0));
  cli.add_option("--view", o.view, "open the channel viewer: input|standard|separable|depthwise:C");
  cli.add_option("--zoom", o.zoom, "channel viewer zoom in screen pixels per value");
  cli.add_flag("--show-depthwise", o.show_intermediate, "show the depthwise output column");
  cli.add_option("--tab", o.tab, "lesson tab shown first: costs, animation or kernels")
      ->check(CLI::IsMember({"costs", "animation", "kernels"}));
  cli.add_flag("--large-lesson", o.lesson_large, "give the costs/animation area more room");
  int64_t anim_clock = -1;
  std::string anim_jump;
  CLI::Option* clock_opt =
      cli.add_option("--anim-clock", anim_clock,
                     "animation: multiplications done when the result arrives (exact pictures)")
          ->check(CLI::NonNegativeNumber);
  cli.add_option("--anim-jump", anim_jump,
                 "animation: start at an output, standard|depthwise|pointwise:c,y,x")
      ->excludes(clock_opt);
  cli.add_flag("--anim-play", o.animation.play, "animation: start playing");
  cli.add_option("--dk", s.dk, "kernel size Dk");
  cli.add_option("--m", s.m, "input channels M");
  cli.add_option("--n", s.n, "output channels N");
  cli.add_option("--stride", s.stride, "stride");
  cli.add_option("--dilation", s.dilation, "dilation");
  std::string pad = "same", pad_mode = "zero", kernel = "sobel-x", mix = "random";
  std::string standard = "composed", engine = "fast";
  cli.add_option("--padding,--pad", pad, "padding: same, valid or a number per side");
  cli.add_option("--pad-mode", pad_mode, "zero, reflect or replicate");
  cli.add_option("--groups", s.groups, "groups of the standard path");
  cli.add_option("--multiplier", s.depth_multiplier, "depth multiplier K");
  cli.add_option("--kernel", kernel,
                 "kernel preset (identity, box, gaussian, sharpen, sobel-x, ...)");
  cli.add_option("--mix", mix, "pointwise preset (identity, grayscale, swap, random)");
  cli.add_option("--seed", o.choice.seed, "seed of the random presets");
  cli.add_option("--standard", standard, "composed (outputs match) or independent");
  cli.add_option("--engine", engine, "fast or reference");
  cli.add_option("--threads", o.choice.threads, "engine threads (0 = all)")
      ->check(CLI::Range(0, 256));
  cli.add_flag("--convolution", s.flip_kernel, "true convolution (flip the kernel)");
  try {
    cli.parse(argc, argv);
    if (!size.empty()) {
      if (std::sscanf(size.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 ||
          o.height < 240 || o.width > 8192 || o.height > 8192) {
        throw CLI::ValidationError("--size",
                                   "expected WxH between 320x240 and 8192x8192, got " + size);
      }
      o.size_given = true;
    }
    if (anim_clock >= 0) o.animation.clock = anim_clock;
    if (!anim_jump.empty()) {
      AnimJump jump;
      std::string why;
      if (!ParseAnimJump(anim_jump, &jump, &why)) throw CLI::ValidationError("--anim-jump", why);
      o.animation.jump = jump;
    }
    if (pad == "same") {
      s.pad_policy = PadPolicy::Same;
    } else if (pad == "valid") {
      s.pad_policy = PadPolicy::Valid;
    } else {
      s.pad_policy = PadPolicy::Explicit;
      try {
        s.pad_amount = std::stoi(pad);
      } catch (...) {
        throw CLI::ValidationError("--pad", "expected same, valid or a number, got " + pad);
      }
    }
    if (!parse_pad_mode(pad_mode, &s.pad_mode)) throw CLI::ValidationError("--pad-mode", pad_mode);
    if (!parse_kernel_preset(kernel, &o.choice.kernel))
      throw CLI::ValidationError("--kernel", kernel);
    if (!parse_mix_preset(mix, &o.choice.mix)) throw CLI::ValidationError("--mix", mix);
    if (standard != "composed" && standard != "independent") {
      throw CLI::ValidationError("--standard", "expected composed or independent, got " + standard);
    }
    o.choice.mode = standard == "composed" ? StandardMode::Composed : StandardMode::Independent;
    if (engine != "fast" && engine != "reference") throw CLI::ValidationError("--engine", engine);
    o.choice.engine = engine == "fast" ? EngineKind::Fast : EngineKind::Reference;
  } catch (const CLI::ParseError& e) {
    *exit_code = cli.exit(e);
    return std::nullopt;
  }
  return o;
}

}  // namespace sepconv::app
