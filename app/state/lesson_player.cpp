// Lesson mode's state changes; see lesson_player.h.
#include "state/lesson_player.h"

#include <algorithm>
#include <filesystem>

#include "error.h"
#include "layer_options.h"
#include "layer_run.h"
#include "npy_io.h"
#include "state/app_state.h"
#include "state/asset_dirs.h"
#include "state/image_loader.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

const char* TabName(LessonTab tab) {
  switch (tab) {
    case LessonTab::Animation:
      return "animation";
    case LessonTab::Kernels:
      return "kernels";
    default:
      return "costs";
  }
}

LessonTab TabNamed(const std::string& name) {
  if (name == "animation") return LessonTab::Animation;
  if (name == "kernels") return LessonTab::Kernels;
  return LessonTab::Costs;
}

std::string ViewerText(const ViewerState& v) {
  if (!v.open) return "";
  const char* what = v.source == TensorSource::Input          ? "input"
                     : v.source == TensorSource::Separable    ? "separable"
                     : v.source == TensorSource::Intermediate ? "depthwise"
                     : v.source == TensorSource::Spatial      ? "spatial"
                                                              : "standard";
  return std::string(what) + ":" + std::to_string(v.channel);
}

std::string Stem(const std::string& path) {
  const fs::path p(path);
  return (p.parent_path() / p.stem()).string();
}

}  // namespace

LessonContext AssetContext() {
  return LessonContext{AssetDirs(), true};
}

std::vector<std::string> BundledLessons() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const std::string& dir : AssetDirs()) {
    for (const auto& entry : fs::directory_iterator(fs::path(dir) / "lessons", ec)) {
      if (entry.path().extension() == ".json") out.push_back(entry.path().string());
    }
    if (!out.empty()) break;
  }
  std::sort(out.begin(), out.end());
  return out;
}

Outcome OpenLesson(AppState& state, ImageLoader& loader, const std::string& path, int step) {
  Lesson lesson;
  try {
    lesson = read_lesson(path, AssetContext());
  } catch (const Error& e) {
    state.ui.banner = Banner{e.what(), true};
    return Outcome::Failure(e.what());
  } catch (const std::bad_alloc&) {
    state.ui.banner = Banner{path + ": not enough memory to read it", true};
    return Outcome::Failure(state.ui.banner.text);
  }
  AddRecent(state.ui.browser.recent_lessons, path);
  if (lesson.steps.size() == 1 && lesson.steps[0].caption.empty() && !lesson.steps[0].question) {
    // A session (one step, nothing to read or answer) restores the view; a strip saying
    // "Step 1 of 1" would only take room.
    CloseLesson(state);
    state.ui.banner = Banner{};
    ApplyLessonState(state, loader, lesson.steps[0].state);
    return {};
  }
  LessonPlayer& p = state.doc.lesson;
  p.path = path;
  p.lesson = std::move(lesson);
  p.answers.assign(p.lesson.steps.size(), QuestionAnswer{});
  for (size_t i = 0; i < p.lesson.steps.size(); ++i) {
    if (const auto& q = p.lesson.steps[i].question; q && q->kind == LessonQuestion::Kind::Choice)
      p.answers[i].hands.assign(q->choices.size(), 0);
  }
  p.blanked = false;
  state.ui.banner = Banner{};
  GoToStep(state, loader, step);
  return {};
}

void CloseLesson(AppState& state) {
  state.doc.lesson = LessonPlayer{};
  state.ui.highlight.clear();
}

void GoToStep(AppState& state, ImageLoader& loader, int k) {
  LessonPlayer& p = state.doc.lesson;
  if (!p.open()) return;
  p.step = std::clamp(k, 0, int(p.lesson.steps.size()) - 1);
  ApplyLessonState(state, loader, p.current()->state);
}

void ApplyLessonState(AppState& state, ImageLoader& loader, const LessonState& s) {
  // Against what will be on screen: a load on its way (a quick Next then Back) counts.
  const std::string& shown =
      state.doc.input.requested.empty() ? state.doc.input.path : state.doc.input.requested;
  if (!s.image_path.empty() && s.image_path != shown) RequestLoad(state, loader, s.image_path);
  // The reader validated the layer against the image's header, so it applies as is; a
  // step that keeps the shown image is checked against it like an edit.
  state.doc.edit = s.layer;
  if (s.image_path.empty()) {
    ApplyEdits(state);
  } else if (!same_choice(state.doc.applied, s.layer) || s.image_path != shown) {
    state.doc.applied = s.layer;
    state.doc.param_error.clear();
    state.doc.dirty.layer = true;
  }
  state.requests.select_tab = state.ui.shown_tab = TabNamed(s.view.tab);
  state.ui.lesson_large = s.view.large_lesson;
  state.ui.show_intermediate = s.view.show_depthwise;
  state.ui.viewer = ViewerState{};
  if (!s.view.view.empty()) (void)ParseViewerTarget(s.view.view, &state.ui.viewer);
  state.ui.viewer.zoom = float(s.view.zoom);
  state.ui.highlight = s.view.highlight;
  state.doc.pending_animation = s.animation;
  state.doc.pending_animation_source = "this step's animation jump";
}

LessonAnimation RevealAnimation(const LessonStep& step) {
  if (step.question && step.question->reveal) return *step.question->reveal;
  const std::string q = step.question ? step.question->quantity : "";
  const std::string path = q.substr(0, q.find('.'));
  LessonAnimation a = step.state.animation;
  // The step's own animation, when it already shows that path (a chosen output).
  const std::string shown = a.jump.substr(0, a.jump.find(':'));
  const bool step_shows_path =
      !shown.empty() && (shown == path || (path == "separable" && shown != "standard"));
  if (!step_shows_path &&
      (path == "standard" || path == "depthwise" || path == "pointwise" || path == "separable")) {
    a = LessonAnimation{};
    a.jump = (path == "separable" ? std::string("depthwise") : path) + ":0,0,0";
    a.play = true;
    a.speed = step.state.animation.speed;
  }
  a.play = true;  // a reveal always plays
  return a;
}

void RevealAnswer(AppState& state) {
  LessonPlayer& p = state.doc.lesson;
  if (!p.question_pending()) return;
  p.answers[size_t(p.step)].revealed = true;
  state.doc.pending_animation = RevealAnimation(*p.current());
  state.doc.pending_animation_source = "the question's reveal jump";
  // A path's animation is played where the class can see it.
  state.requests.select_tab = state.doc.pending_animation->jump.empty()
                                  ? TabNamed(p.current()->state.view.tab)
                                  : LessonTab::Animation;
}

LessonState CaptureState(const AppState& state, const AnimationNow& animation) {
  LessonState s;
  s.image_path = state.doc.input.path;
  s.layer = state.doc.applied;  // what is on screen (an edit that did not validate is not)
  s.view.tab = TabName(state.ui.shown_tab);
  s.view.large_lesson = state.ui.lesson_large;
  s.view.show_depthwise = state.ui.show_intermediate;
  s.view.view = ViewerText(state.ui.viewer);
  s.view.zoom = state.ui.viewer.open ? state.ui.viewer.zoom : 0;
  s.view.highlight = state.ui.highlight;
  s.animation.clock = animation.clock;
  s.animation.play = animation.playing;
  s.animation.speed = animation.speed;
  return s;
}

void WriteEditedWeights(LayerChoice& layer, const std::string& stem) {
  if (has_fitting_edits(layer)) {
    const LayerWeights w = separable_weights_for(layer);
    if (layer.custom_dw && layer.custom_dw->shape() == w.depthwise.shape()) {
      layer.files.depthwise = stem + ".depthwise_conv.weight.npy";
      write_npy(layer.files.depthwise, w.depthwise);
    }
    if (layer.custom_pw && layer.custom_pw->shape() == w.pointwise.shape()) {
      layer.files.pointwise = stem + ".pointwise_conv.weight.npy";
      write_npy(layer.files.pointwise, w.pointwise);
    }
  }
  layer.custom_dw.reset();
  layer.custom_pw.reset();
}

Outcome SaveSession(const AppState& state, const AnimationNow& animation, const std::string& path) {
  try {
    LessonStep step;
    step.title = fs::path(state.doc.input.path).filename().string();
    step.state = CaptureState(state, animation);
    WriteEditedWeights(step.state.layer, Stem(path));
    Lesson lesson;
    lesson.title = "Session";
    lesson.steps.push_back(std::move(step));
    write_lesson(lesson, path, AssetContext());
  } catch (const std::exception& e) {  // Error, or a file system's own failure
    return Outcome::Failure(e.what());
  }
  return {};
}

std::vector<std::string> SessionFiles(const Document& doc, const std::string& path) {
  std::vector<std::string> files = {path};
  if (has_fitting_edits(doc.applied)) {
    files.push_back(Stem(path) + ".depthwise_conv.weight.npy");
    files.push_back(Stem(path) + ".pointwise_conv.weight.npy");
  }
  return files;
}

Outcome AddViewToLesson(const AppState& state, const AnimationNow& animation,
                        const std::string& path, const std::string& title,
                        const std::string& caption) {
  try {
    Lesson lesson;
    std::error_code ec;
    if (fs::exists(path, ec)) {
      lesson = read_lesson(path, AssetContext());  // a file that is not a lesson stays as it is
    } else {
      lesson.title = fs::path(path).stem().string();
    }
    // Refused before anything is written: no weight files are left behind.
    if (lesson.steps.size() >= size_t(LessonLimits::kMaxSteps)) {
      return Outcome::Failure(path + ": already has " + std::to_string(LessonLimits::kMaxSteps) +
                              " steps, the most a lesson can hold");
    }
    for (const std::string* text : {&title, &caption}) {
      if (text->size() > LessonLimits::kMaxTextBytes) {
        return Outcome::Failure("the title or caption has " + std::to_string(text->size()) +
                                " bytes, above the limit of " +
                                std::to_string(LessonLimits::kMaxTextBytes));
      }
    }
    LessonStep step;
    step.title = title;
    step.caption = caption;
    step.state = CaptureState(state, animation);
    WriteEditedWeights(step.state.layer,
                       Stem(path) + ".step" + std::to_string(lesson.steps.size() + 1));
    lesson.steps.push_back(std::move(step));
    write_lesson(lesson, path, AssetContext());
  } catch (const std::exception& e) {  // Error, or a file system's own failure
    return Outcome::Failure(e.what());
  }
  return {};
}

void HandleLessonRequests(AppState& state, ImageLoader& loader, const AnimationNow& animation) {
  FrameRequests& r = state.requests;
  if (!r.open_lesson.empty()) {
    if (OpenLesson(state, loader, r.open_lesson).ok())
      state.doc.job.message = "opened " + r.open_lesson;
    r.open_lesson.clear();
  }
  if (r.go_to_step >= 0) GoToStep(state, loader, r.go_to_step);
  r.go_to_step = -1;
  if (r.reveal) RevealAnswer(state);
  r.reveal = false;
  if (r.close_lesson) CloseLesson(state);
  r.close_lesson = false;
  if (!r.save_session.empty()) {
    const Outcome saved = SaveSession(state, animation, r.save_session);
    if (saved.ok()) {
      state.doc.job.message = "session saved: " + r.save_session;
      AddRecent(state.ui.browser.recent_lessons, r.save_session);
    } else {
      state.ui.banner = Banner{"Could not save the session: " + saved.why(), true};
    }
    r.save_session.clear();
  }
  if (r.add_to_lesson) {
    const LessonDialog& d = state.ui.lesson_dialog;
    const Outcome added = AddViewToLesson(state, animation, d.path, d.title, d.caption);
    if (added.ok()) {
      state.doc.job.message = "added the view to " + d.path;
      AddRecent(state.ui.browser.recent_lessons, d.path);
    } else {
      state.ui.banner = Banner{"Could not add the view to the lesson: " + added.why(), true};
    }
    r.add_to_lesson = false;
  }
}

bool IsLessonFile(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".json";
}

std::string ShellWord(const std::string& word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string("-_./:=,+").find(c) != std::string::npos;
  });
  if (plain) return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string CommandLineFor(const AppState& state, const AnimationNow& animation,
                           const std::string& weights_stem) {
  LessonState s = CaptureState(state, animation);
  WriteEditedWeights(s.layer, weights_stem);
  std::string cmd = "sepconv-lab";
  if (!s.image_path.empty()) cmd += " " + ShellWord(s.image_path);
  for (const LayerFlagValue& v : layer_flag_values(s.layer)) {
    cmd += " " + v.name;
    if (find_layer_option(v.name)->value_name) cmd += " " + ShellWord(v.text);
  }
  cmd += " --tab " + s.view.tab;
  if (s.view.large_lesson) cmd += " --large-lesson";
  if (s.view.show_depthwise) cmd += " --show-depthwise";
  if (!s.view.view.empty()) cmd += " --view " + s.view.view;
  if (s.view.zoom > 0) cmd += " --zoom " + std::to_string(s.view.zoom);
  if (s.animation.clock && *s.animation.clock > 0)
    cmd += " --anim-clock " + std::to_string(*s.animation.clock);
  if (s.animation.speed) cmd += " --anim-speed " + std::to_string(*s.animation.speed);
  if (s.animation.play) cmd += " --anim-play";
  if (state.ui.theme != ThemeKind::Dark)
    cmd += std::string(" --theme ") + ThemeName(state.ui.theme);
  return cmd;
}

}  // namespace sepconv::app
