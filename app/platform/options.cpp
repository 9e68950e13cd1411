// CLI11 parsing of the sepconv-lab command line; see options.h.
#include "platform/options.h"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "flags/layer_flags.h"
#include "state/lesson_player.h"
#include "state/ui_limits.h"

namespace sepconv::app {

namespace {

// What the parser reads as text or with a "not given" value, checked after parsing.
struct RawOptions {
  std::vector<std::string> files;
  std::string size, export_size;
  int64_t anim_clock = -1;
  std::string anim_jump;
  double anim_speed = 0;
};

// The files to open, the scripted run, the window and what it shows first.
void AddWindowOptions(CLI::App& cli, Options& o, RawOptions& raw) {
  cli.add_option("files", raw.files,
                 "images to open (PNG, JPEG, BMP, TGA, GIF, PSD, HDR, PNM) or a lesson (.json): "
                 "the first is opened, the others go to File > Recent");
  cli.add_option("--screenshot", o.screenshot, "write a PNG of the window and exit");
  cli.add_option("--layout-json", o.layout_json, "with --screenshot: write panel rectangles");
  cli.add_option("--stats-json", o.stats_json,
                 "with --screenshot or --save-outputs: write frame times, the time to the first "
                 "result and texture bytes");
  cli.add_option("--frames", o.frames, "frames to draw before the screenshot")
      ->check(CLI::Range(1, 100000));
  cli.add_option("--size", raw.size, "window size WxH, e.g. 1920x1080");
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
}

// Where the animation starts and how fast it plays.
void AddAnimationOptions(CLI::App& cli, Options& o, RawOptions& raw) {
  CLI::Option* clock_opt =
      cli.add_option("--anim-clock", raw.anim_clock,
                     "animation: multiplications done when the result arrives (exact pictures)")
          ->check(CLI::NonNegativeNumber);
  cli.add_option("--anim-jump", raw.anim_jump,
                 "animation: start at an output, standard|depthwise|pointwise:c,y,x")
      ->excludes(clock_opt);
  cli.add_flag("--anim-play", o.animation.play, "animation: start playing");
  cli.add_option("--anim-speed", raw.anim_speed, "animation: speed in multiplications per second")
      ->check(CLI::Range(0.01, 1e12));
}

// Lessons, sessions and presentation mode.
void AddLessonOptions(CLI::App& cli, Options& o) {
  cli.add_option("--lesson", o.lesson, "open a lesson or session file (.json, docs/lessons.md)");
  cli.add_option("--lesson-step", o.lesson_step, "with --lesson: the step shown first, from 1")
      ->check(CLI::Range(1, 100000));
  cli.add_option("--state-json", o.state_json,
                 "with --screenshot: also write the view as a session file (docs/lessons.md)");
  cli.add_flag("--reveal", o.reveal,
               "with --lesson: reveal the step's answer once computed (pictures of a reveal)");
  cli.add_flag("--present", o.present,
               "presentation mode: full screen, menus and parameters hidden, captions large");
}

// Files written once computed: the outputs, or a recording of the animation.
void AddOutputOptions(CLI::App& cli, Options& o, RawOptions& raw) {
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
  cli.add_option("--export-size", raw.export_size,
                 "with --export-animation: frame size WxH (even for MP4), default 1920x1080");
}

// The checks CLI11 cannot make, and the values that follow from the text.
void FinishOptions(Options& o, const RawOptions& raw) {
  if (!raw.size.empty()) {
    if (std::sscanf(raw.size.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 ||
        o.height < 240 || o.width > 8192 || o.height > 8192) {
      throw CLI::ValidationError("--size",
                                 "expected WxH between 320x240 and 8192x8192, got " + raw.size);
    }
    o.size_given = true;
  }
  if (!raw.export_size.empty() &&
      (std::sscanf(raw.export_size.c_str(), "%dx%d", &o.export_width, &o.export_height) != 2 ||
       o.export_width < 16 || o.export_height < 16 || o.export_width > 8192 ||
       o.export_height > 8192)) {
    throw CLI::ValidationError("--export-size",
                               "expected WxH between 16x16 and 8192x8192, got " + raw.export_size);
  }
  // Several files (a file manager's selection): the first opens, the rest are recent.
  if (!raw.files.empty()) {
    o.image = raw.files.front();
    o.more_files.assign(raw.files.begin() + 1, raw.files.end());
  }
  // `sepconv-lab lesson.json` (a file manager's "Open with") opens the lesson.
  if (o.lesson.empty() && IsLessonFile(o.image)) std::swap(o.lesson, o.image);
  if (raw.anim_clock >= 0) o.animation.clock = raw.anim_clock;
  if (raw.anim_speed > 0) o.animation.speed = raw.anim_speed;
  if (!raw.anim_jump.empty()) {
    OutputPosition position;
    const std::string why = parse_output_position(raw.anim_jump, &position);
    if (!why.empty()) throw CLI::ValidationError("--anim-jump", why);
    o.animation.jump = raw.anim_jump;
  }
  o.animation_given =
      o.animation.clock || !o.animation.jump.empty() || o.animation.play || o.animation.speed;
}

}  // namespace

std::optional<Options> ParseOptions(int argc, char** argv, int* exit_code) {
  Options o;
  RawOptions raw;
  CLI::App cli{"SepConv Lab: depthwise separable convolutions, computed on your own images"};
  flags::AddVersionFlag(cli, "sepconv-lab");
  AddWindowOptions(cli, o, raw);
  AddAnimationOptions(cli, o, raw);
  AddLessonOptions(cli, o);
  // The layer: every flag of the CLI's option table, same names and defaults.
  flags::AddLayerFlags(cli, o.choice);
  AddOutputOptions(cli, o, raw);
  try {
    cli.parse(argc, argv);
    FinishOptions(o, raw);
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
