// Lessons and sessions: an ordered list of steps, each a whole view of the app (image,
// layer, tab, animation) with a title, a caption and perhaps a question. One JSON format
// ("sepconv-lab-lesson", version 1; docs/lessons.md): a session is a one-step lesson.
// The layer's keys are the CLI's flags (layer_options.h), so a lesson means what the
// same flags mean on the command line, with the same defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "layer_choice.h"

namespace sepconv {

// The tabs, views and formula terms a step can show. Keys are the app's scripted flag
// names without dashes (--large-lesson -> large_lesson).
struct LessonView {
  std::string tab = "costs";  // costs, animation or kernels
  bool large_lesson = false;
  bool show_depthwise = false;
  std::string view;  // the channel viewer, e.g. "standard:0"; "" = closed
  double zoom = 0;   // the viewer's zoom; 0 = fit
  // Terms of the cost formulas and the animation's counters the step points at:
  // "dk2" (Dk²), "m" (M), "n" (N), "do2" (Do² = Ho · Wo).
  std::vector<std::string> highlight;
  bool operator==(const LessonView&) const = default;
};

// Where the animation stands: a clock (multiplications done) or the start of one
// output ("depthwise:c,y,x"), playing or paused, at a speed; a range plays `play_for`
// multiplications from that position and pauses.
struct LessonAnimation {
  std::optional<int64_t> clock;
  std::string jump;
  bool play = false;
  std::optional<double> speed;      // multiplications per second
  std::optional<int64_t> play_for;  // multiplications to play, then pause
  bool operator==(const LessonAnimation&) const = default;
};

// A question asked before the step's numbers are shown. The answer is never stored: it
// is the `quantity` (a path into the CLI's report, e.g. "depthwise.mults") computed for
// the step's layer, so a lesson edited to other sizes stays right.
struct LessonQuestion {
  enum class Kind { Number, Choice };
  Kind kind = Kind::Number;
  std::string prompt;
  std::string quantity;
  double tolerance = 0.1;       // Number: a guess within this fraction of the answer is right
  std::vector<double> choices;  // Choice: the correct one is the nearest to the answer
  // Played on Reveal; without it the animation of the quantity's path plays.
  std::optional<LessonAnimation> reveal;
  bool operator==(const LessonQuestion&) const = default;
};

struct LessonState {
  // As in the file: "sample:NAME" or a path relative to the lesson; "" keeps the image.
  std::string image;
  std::string image_path;  // resolved: the file the app opens
  LayerChoice layer;       // weight file names resolved against the lesson's folder
  LessonView view;
  LessonAnimation animation;
};

struct LessonStep {
  std::string title, caption, notes;
  std::optional<LessonQuestion> question;
  LessonState state;
};

struct Lesson {
  std::string title;
  std::vector<LessonStep> steps;
};

// Where "sample:NAME" images are found (the bundled assets' folders, first match wins).
struct LessonContext {
  std::vector<std::string> sample_dirs;
  // Check that images exist and every layer validates against its image's size (read
  // from the header). Off only where files are not at hand (the fuzzer).
  bool check_files = true;
};

// Limits of the reader, so a hostile file cannot exhaust memory.
struct LessonLimits {
  static constexpr int64_t kMaxFileBytes = 4 << 20;
  static constexpr int kMaxSteps = 500;
  static constexpr size_t kMaxTextBytes = 16 << 10;  // a title, caption or notes
  static constexpr int kMaxChoices = 12;
};

// Parses a lesson; `path` is the file it came from (messages name it; relative paths are
// resolved against its folder). Throws Error(LessonFormat) with one line naming the file,
// the step and the key: `lessons/x.json: step 3 ("N kernels"): "layer.dk": --dk = 99 is
// outside 1..63`.
Lesson parse_lesson(const std::string& text, const std::string& path, const LessonContext& context);
Lesson read_lesson(const std::string& path, const LessonContext& context);

// The lesson as JSON, with images and weight files written relative to `path`'s folder
// (bundled samples as "sample:NAME"), and only the layer keys that differ from the CLI's
// defaults.
std::string lesson_json(const Lesson& lesson, const std::string& path,
                        const LessonContext& context);
// Writes it through a temporary file and a rename. Throws Error(FileWrite).
void write_lesson(const Lesson& lesson, const std::string& path, const LessonContext& context);

// "sample:NAME" when `image_path` is a bundled sample, else the path relative to the
// lesson's folder (absolute when on another branch of the tree).
std::string lesson_image_ref(const std::string& image_path, const std::string& lesson_path,
                             const LessonContext& context);

// An output of one path as "standard|depthwise|pointwise:c,y,x". Returns "" or why not.
struct OutputPosition {
  std::string path;
  int c = 0, y = 0, x = 0;
};
std::string parse_output_position(const std::string& text, OutputPosition* out);

}  // namespace sepconv
