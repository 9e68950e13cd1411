// Command-line options of sepconv-lab: the image, the layer, and scripted runs
// (--screenshot after --frames at --size) for tests, docs and teachers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lesson.h"
#include "state/app_state.h"

namespace sepconv::app {

struct Options {
  std::string image;
  std::vector<std::string> more_files;  // further files on the command line: added to Recent
  std::string screenshot;               // non-empty: scripted run, write this PNG and exit
  std::string layout_json;              // scripted run: also write the panel rectangles (for tests)
  std::string stats_json;               // scripted run: also write frame times and texture bytes
  int frames = 5;  // frames to draw before the screenshot (after the job finished)
  int width = 1280, height = 720;
  bool size_given = false;
  double timeout = 120;  // scripted run: give up waiting for the job after this many s
  float ui_scale = 0;    // 0 = keep the remembered scale
  std::string theme;     // "dark" or "light"; empty = keep the remembered theme
  std::string view;      // open the channel viewer, e.g. "standard:0" or "input:2"
  float zoom = 0;        // viewer zoom (screen pixels per value); 0 = fit
  bool show_intermediate = false;
  std::string tab;  // "costs", "animation" or "kernels": the lesson tab shown first
  bool lesson_large = false;
  // --anim-clock / --anim-jump / --anim-play / --anim-speed: applied once the first
  // result arrives, as a lesson step's animation is.
  LessonAnimation animation;
  bool animation_given = false;
  LayerChoice choice;
  std::string save_outputs;  // non-empty: scripted run, save the computed files here and exit
  bool overwrite = false;    // --save-outputs may replace existing files
  std::string lesson;        // --lesson: open this lesson or session file
  int lesson_step = 1;       // --lesson-step, counting from 1
  std::string state_json;    // scripted run: write the view as a session file here
  bool present = false;      // presentation mode
  bool reveal = false;       // --reveal: answer the step's question once it is computed
  // --export-animation: scripted run, record the animation into this .mp4, .gif or
  // folder once computed, and exit (the choices of File > Export animation).
  std::string export_animation;
  double export_seconds = 5;
  int export_fps = 30;
  std::string export_range = "here";      // here, output, row or layer
  std::string export_of = "standard";     // whose output or row
  std::string export_area = "animation";  // animation (the tab alone) or window
  int export_width = 1920, export_height = 1080;
};

// Parses argv; returns nullopt after printing help or an error (exit code in *exit_code).
std::optional<Options> ParseOptions(int argc, char** argv, int* exit_code);

}  // namespace sepconv::app
