// CLI11 parsing of the sepconv-lab command line; see options.h.
#include "platform/options.h"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "flags/layer_flags.h"
#include "state/lesson_player.h"
#include "state/ui_limits.h"

namespace sepconv::app {

std::optional<Options> ParseOptions(int argc, char** argv, int* exit_code) {
  Options o;
  CLI::App cli{"SepConv Lab: depthwise separable convolutions, computed on your own images"};
  flags::AddVersionFlag(cli, "sepconv-lab");
  std::vector<std::string> files;
  cli.add_option("files", files,
                 "images to open (PNG, JPEG, BMP, TGA, GIF, PSD, HDR, PNM) or a lesson (.json): "
                 "the first is opened, the others go to File > Recent");
  cli.add_option("--screenshot", o.screenshot, "write a PNG of the window and exit");
  cli.add_option("--layout-json", o.layout_json, "with --screenshot: write panel rectangles");
  cli.add_option("--stats-json", o.stats_json,
                 "with --screenshot or --save-outputs: write frame times, the time to the first "
                 "result and texture bytes");
  cli.add_option("--frames", o.frames, "frames to draw before the screenshot")
      ->check(CLI::Range(1, 100000));
  std::string size;
  cli.add_option("--size", size, "window size WxH, e.g. 1920x1080");
  cli.add_option("--timeout", o.timeout, "seconds to wait for the computation in scripted runs");
  cli.add_option("--ui-scale", o.ui_scale, "UI scale for projectors, e.g. 1.5")
      ->check(CLI::Range(double{kMinUiScale}, double{kMaxUiScale}));
  cli.add_option("--theme", o.theme, "colours: dark, or light (high contrast, for projectors)")
      ->check(CLI::IsMember({"dark", "light"}));
  cli.add_option("--view", o.view,
                 "open the channel viewer: input|standard|separable|depthwise|spatial:C");
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
  double anim_speed = 0;
  cli.add_option("--anim-speed", anim_speed, "animation: speed in multiplications per second")
      ->check(CLI::Range(0.01, 1e12));
  cli.add_option("--lesson", o.lesson, "open a lesson or session file (.json, docs/lessons.md)");
  cli.add_option("--lesson-step", o.lesson_step, "with --lesson: the step shown first, from 1")
      ->check(CLI::Range(1, 100000));
  cli.add_option("--state-json", o.state_json,
                 "with --screenshot: also write the view as a session file (docs/lessons.md)");
  cli.add_flag("--reveal", o.reveal,
               "with --lesson: reveal the step's answer once computed (pictures of a reveal)");
  cli.add_flag("--present", o.present,
               "presentation mode: full screen, menus and parameters hidden, captions large");
  // The layer: every flag of the CLI's option table, same names and defaults.
  flags::AddLayerFlags(cli, o.choice);
  cli.add_option("--save-outputs", o.save_outputs,
                 "write the input, outputs, weights, previews and report.json into this folder "
                 "(the CLI's --out-dir files) once computed, and exit");
  cli.add_flag("--overwrite", o.overwrite,
               "with --save-outputs or --export-animation: replace existing files");
  cli.add_option("--export-animation", o.export_animation,
                 "record the animation into OUT.mp4, OUT.gif or a folder of PNG frames once "
                 "computed, and exit (File > Export animation)");
  cli.add_option("--export-seconds", o.export_seconds,
                 "with --export-animation: length in seconds (here: at most)")
      ->check(CLI::Range(0.1, 3600.0));
  cli.add_option("--export-fps", o.export_fps, "with --export-animation: frames per second")
      ->check(CLI::Range(1, 60));
  cli.add_option("--export-range", o.export_range,
                 "with --export-animation: here (from the start position at --anim-speed), "
                 "output, row, or layer (the whole animation in --export-seconds)")
      ->check(CLI::IsMember({"here", "output", "row", "layer"}));
  cli.add_option("--export-of", o.export_of,
                 "with --export-range output or row: whose, standard|depthwise|pointwise")
      ->check(CLI::IsMember({"standard", "depthwise", "pointwise"}));
  cli.add_option("--export-area", o.export_area,
                 "with --export-animation: animation (the tab alone) or window")
      ->check(CLI::IsMember({"animation", "window"}));
  std::string export_size;
  cli.add_option("--export-size", export_size,
                 "with --export-animation: frame size WxH (even for MP4), default 1920x1080");
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
    if (!export_size.empty() &&
        (std::sscanf(export_size.c_str(), "%dx%d", &o.export_width, &o.export_height) != 2 ||
         o.export_width < 16 || o.export_height < 16 || o.export_width > 8192 ||
         o.export_height > 8192)) {
      throw CLI::ValidationError("--export-size",
                                 "expected WxH between 16x16 and 8192x8192, got " + export_size);
    }
    // Several files (a file manager's selection): the first opens, the rest are recent.
    if (!files.empty()) {
      o.image = files.front();
      o.more_files.assign(files.begin() + 1, files.end());
    }
    // `sepconv-lab lesson.json` (a file manager's "Open with") opens the lesson.
    if (o.lesson.empty() && IsLessonFile(o.image)) std::swap(o.lesson, o.image);
    if (anim_clock >= 0) o.animation.clock = anim_clock;
    if (anim_speed > 0) o.animation.speed = anim_speed;
    if (!anim_jump.empty()) {
      OutputPosition position;
      const std::string why = parse_output_position(anim_jump, &position);
      if (!why.empty()) throw CLI::ValidationError("--anim-jump", why);
      o.animation.jump = anim_jump;
    }
    o.animation_given =
        o.animation.clock || !o.animation.jump.empty() || o.animation.play || o.animation.speed;
  } catch (const CLI::CallForHelp&) {
    std::printf("%s", cli.help().c_str());
    *exit_code = 0;
    return std::nullopt;
  } catch (const CLI::CallForVersion& e) {
    std::printf("%s\n", e.what());
    *exit_code = 0;
    return std::nullopt;
  } catch (const CLI::ParseError& e) {
    *exit_code = flags::FailCommandLine("sepconv-lab", std::string(e.what()) + " (see --help)");
    return std::nullopt;
  }
  return o;
}

}  // namespace sepconv::app
