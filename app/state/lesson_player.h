// Lesson mode without drawing: the open lesson, its current step, the class's answers to
// each step's question, and the moves between the app's state and a lesson step (apply a
// step; capture the current view as a step for sessions, "Add this view to a lesson" and
// the copied command line). No GL or ImGui here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lesson.h"
#include "state/outcome.h"

namespace sepconv::app {

struct AppState;
struct Document;
class ImageLoader;

// The class's answer to one step's question.
struct QuestionAnswer {
  double guess = 0;        // a number question's guess
  bool guessed = false;    // the teacher typed one (0 is a guess too)
  std::vector<int> hands;  // a choice question: the show-of-hands count of each choice
  bool revealed = false;
};

struct LessonPlayer {
  std::string path;  // the file it came from; "" when no lesson is open
  Lesson lesson;
  int step = 0;                         // 0-based
  std::vector<QuestionAnswer> answers;  // one per step
  bool blanked = false;                 // B or .: the screen is black until any key
  bool open() const { return !lesson.steps.empty(); }
  const LessonStep* current() const { return open() ? &lesson.steps[size_t(step)] : nullptr; }
  // The current step asks a question the class has not seen answered yet.
  bool question_pending() const {
    return open() && current()->question && !answers[size_t(step)].revealed;
  }
};

// What the animation shows now (the model lives with the views; these are its values).
struct AnimationNow {
  int64_t clock = 0;
  bool playing = false;
  double speed = 20;
};

// The bundled assets' folders (asset_dirs.h) as a lesson reader's context.
LessonContext AssetContext();
// The bundled lessons (assets/lessons/*.json), sorted.
std::vector<std::string> BundledLessons();

// Reads `path` and goes to `step` (0-based, clamped); a session (one step with no caption
// and no question) just restores its view, without the lesson strip. On a bad file
// returns the message (and shows it in the banner); the app keeps everything it had.
Outcome OpenLesson(AppState& state, ImageLoader& loader, const std::string& path, int step = 0);
void CloseLesson(AppState& state);
// Moves to step k (clamped) and applies its whole view.
void GoToStep(AppState& state, ImageLoader& loader, int k);
// Applies a step's image, layer, view and animation.
void ApplyLessonState(AppState& state, ImageLoader& loader, const LessonState& s);
// Shows the current question's answer and plays its animation.
void RevealAnswer(AppState& state);
// The animation that shows a question's answer, always playing: the question's own;
// else the step's when it already shows the quantity's path (a chosen output); else the
// path's from its first output (standard..., depthwise..., pointwise...; separable
// starts with the depthwise stage); else the step's.
LessonAnimation RevealAnimation(const LessonStep& step);

// The current view as a lesson step's state (hand-edited weights still in memory).
LessonState CaptureState(const AppState& state, const AnimationNow& animation);
// Writes hand-edited weights that fit the layer as `<stem>.depthwise_conv.weight.npy` /
// `<stem>.pointwise_conv.weight.npy` and names them in the layer, so a file can hold
// them. Throws Error(FileWrite).
void WriteEditedWeights(LayerChoice& layer, const std::string& stem);

// File > Save session: the view as a one-step lesson at `path`; weights beside it.
// Fails with why not.
Outcome SaveSession(const AppState& state, const AnimationNow& animation, const std::string& path);
// The files Save session writes for the view: the JSON and, with hand edits, the
// weights beside it (the dialog asks before replacing any of them).
std::vector<std::string> SessionFiles(const Document& doc, const std::string& path);
// File > Add this view to a lesson: appends a step to `path` (created when missing).
// Fails with why not (an existing file that is not a lesson is left alone).
Outcome AddViewToLesson(const AppState& state, const AnimationNow& animation,
                        const std::string& path, const std::string& title,
                        const std::string& caption);
// The sepconv-lab command that reproduces the view. Hand edits are written under
// `weights_stem` first. Throws Error(FileWrite).
std::string CommandLineFor(const AppState& state, const AnimationNow& animation,
                           const std::string& weights_stem);

// The lesson requests of this frame (open, step, reveal, close, save, add a step);
// presentation and the clipboard are the platform's.
void HandleLessonRequests(AppState& state, ImageLoader& loader, const AnimationNow& animation);

// A .json file, opened as a lesson or session wherever a file can be given (a drop, the
// command line, a dialog).
bool IsLessonFile(const std::string& path);

// Single quotes for a POSIX shell, only when needed.
std::string ShellWord(const std::string& word);

}  // namespace sepconv::app
