// UiState: how the app is shown (views, dialogs, scale, theme, presentation, the banner
// and the background work's progress lines), kept across frames. No GL or ImGui here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "state/display_types.h"
#include "state/lesson_tab.h"
#include "state/region_worker.h"
#include "state/theme_kind.h"

namespace sepconv::app {

struct Banner {
  std::string text;  // empty: no banner
  bool error = true;
  bool cleared_by_load = false;  // an image that failed to load: the next good one clears it
};

// File > Save session and File > Add this view to a lesson: the dialog's fields.
struct LessonDialog {
  enum class Kind { None, SaveSession, AddToLesson, OpenLesson };
  Kind kind = Kind::None;
  std::string path, title, caption;
  bool confirm_overwrite = false;  // Save session onto an existing file: asked first
  std::string error;
};

// File > Export outputs: the dialog's folder and the export running in the background.
struct ExportView {
  bool dialog_open = false;
  std::string folder;
  std::vector<std::string> existing;  // files the export would replace: ask first
  bool running = false;
  double progress = 0;
};

// File > Export animation while it runs (its choices live in the views' context): what
// the status bar shows.
struct RecordingStatus {
  bool running = false;
  std::string path;
  int frames_done = 0, frames_total = 0;
  double progress = 0;  // frames encoded over frames asked for
};

struct ViewerState {
  bool open = false;
  TensorSource source = TensorSource::Standard;
  int channel = 0;
  float zoom = 0;       // screen pixels per tensor pixel; 0 = fit on next frame
  float center_x = -1;  // tensor coordinates at the view centre; < 0: the middle
  float center_y = -1;
  // The sharp picture of the visible region the view asks for (the platform passes it to
  // the region worker) and the newest one made, which the renderer uploads.
  RegionRequest wanted;
  std::shared_ptr<const RegionImage> region;
};

struct FileBrowserState {
  bool open = false;
  std::string folder;
  std::string typed_path;
  std::vector<std::string> recent;          // newest first
  std::vector<std::string> recent_lessons;  // lessons and sessions, newest first (remembered)
  // The listing of `listed_folder`, cached so the folder is read once, not every frame.
  std::string listed_folder;
  std::vector<std::string> folders, files;
  std::string error;
};

struct UiState {
  Banner banner;
  ViewerState viewer;
  FileBrowserState browser;
  ExportView exporting;
  RecordingStatus recording;
  LessonDialog lesson_dialog;

  float ui_scale = 1.0f;              // the user's projector scale, on top of the monitor's
  ThemeKind theme = ThemeKind::Dark;  // View > Theme; Light is for projectors
  bool show_help = false;
  bool show_about = false;  // Help > About
  bool show_intermediate = false;
  bool lesson_large = false;  // the Costs/Animation area takes most of the right side
  bool robust_range = true;   // outputs coloured over the 99.5% range (see JobResult)
  std::string shader_error;   // the renderer's compile/link log, shown in a banner

  bool presenting = false;  // presentation mode: menus and parameters hidden
  // Lesson captions in the large font: presenting, and the strip then takes at most a
  // quarter of the window (set by the layout each frame).
  bool large_captions = false;
  LessonTab shown_tab = LessonTab::Costs;  // the lesson tab on screen (sessions save it)
  // Formula terms the current step points at ("dk2", "m", "n", "do2"), drawn marked in
  // the Costs tab and the animation's counters.
  std::vector<std::string> highlight;
};

}  // namespace sepconv::app
