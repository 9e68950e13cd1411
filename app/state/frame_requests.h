// FrameRequests: what the user asked for this frame, carried out once by the frame loop.
#pragma once

#include <string>

#include "state/lesson_tab.h"

namespace sepconv::app {

// This frame's one-shot requests, from the views (and the keyboard) to the platform
// layer and the state's update: each is cleared by the one place that carries it out.
struct FrameRequests {
  bool open_dialog = false;  // Ctrl+O: desktop dialog or the in-app browser
  bool screenshot = false;   // Ctrl+S
  bool quit = false;
  bool toggle_fullscreen = false;
  bool cancel_job = false;
  std::string load_path;      // load this file (from the browser, samples or a drop)
  bool start_export = false;  // File > Export outputs: write export.folder
  bool export_overwrite = false;
  std::string export_weights_folder;  // Kernels tab > Export: the weights into this folder
  std::string import_weights_folder;  // Kernels tab > Import: the weights of this folder
  bool cancel_export = false;
  bool cancel_recording = false;  // the status bar's Cancel for File > Export animation
  double working_megapixels = 0;  // > 0: compute at this working size (the refusal's offer)
  // Lesson mode.
  std::string open_lesson;  // open this lesson or session file
  int go_to_step = -1;      // 0-based step to show
  bool reveal = false;      // show the current question's answer
  bool close_lesson = false;
  bool toggle_presentation = false;
  std::string save_session;    // write the view as a session file here
  bool add_to_lesson = false;  // append the view to lesson_dialog.path
  bool copy_command = false;   // put the reproducing command line on the clipboard
  bool open_lesson_dialog = false;
  LessonTab select_tab = LessonTab::None;  // the lesson tab to bring forward
  bool ui_scale_changed = false;           // the platform rebuilds the fonts
  bool theme_changed = false;              // the platform applies the theme
  // Set by a view during the frame when something moves (e.g. the animation plays), so
  // the platform keeps drawing at full rate instead of waiting for input.
  bool animating = false;
  // A panel changed the layer as edited (state.doc.edit): validate and apply it now, before
  // the next panel reads it (DrawApp's TakeRequests, the one place that does).
  bool apply_edits = false;
};

// Adds what a panel asked for this frame (its return value) to the frame's requests: a
// flag set stays set, a named file or step replaces the earlier one, and the overwrite
// choice travels with the export it belongs to. apply_edits is not added: it is carried
// out as soon as the panel returns.
void AddRequests(FrameRequests& into, const FrameRequests& asked);

}  // namespace sepconv::app
