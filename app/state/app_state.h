// AppState: the plain data every panel reads and edits, its dirty flags, and the
// per-frame step that turns edits into background jobs. No GL or ImGui here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compute.h"
#include "display_types.h"
#include "image_io.h"
#include "image_loader.h"
#include "job_runner.h"
#include "lesson_player.h"
#include "region_worker.h"
#include "theme_kind.h"

namespace sepconv::app {

// The tabs of the lesson area (bottom right), in their order.
enum class LessonTab { None = -1, Costs, Animation, Kernels };

struct ImageSlot {
  std::string path;       // as given; empty when nothing is loaded
  std::string requested;  // the load on its way ("" when none): what will be shown next
  std::shared_ptr<const LoadedImage> image;
  // The whole image shrunk to at most kOverviewLongSide (made by the loader's thread):
  // what the input panel and the animation's overview upload, whatever the photo's size.
  std::shared_ptr<const RgbaMips> overview;
  uint64_t revision = 0;  // bumps on every successful load (textures follow it)
  int channels() const { return image ? image->pixels.dim(0) : 0; }
  int height() const { return image ? image->pixels.dim(1) : 0; }
  int width() const { return image ? image->pixels.dim(2) : 0; }
};

// What changed since the last frame, so only that work is redone.
struct DirtyFlags {
  bool layer = false;    // applied layer choice changed: a new job is needed
  bool image = false;    // a new image arrived: a new job is needed
  bool results = false;  // a new result was swapped in: the renderer re-uploads textures
};

struct JobView {
  bool running = false;
  double progress = 0;
  std::string message;   // last outcome or refusal, shown in the status bar
  bool refused = false;  // the memory estimate was over budget
  bool failed = false;   // the last job ended with an error (message says which)
  // When refused for memory: the working size (megapixels) at which the layer fits, for
  // the button that offers it; 0 when none does.
  double fitting_megapixels = 0;
  double last_ms = 0;
};

struct Banner {
  std::string text;  // empty: no banner
  bool error = true;
  bool cleared_by_load = false;  // an image that failed to load: the next good one clears it
};

// One-shot requests from the views to the platform layer, cleared once handled.
struct Requests {
  bool open_dialog = false;  // Ctrl+O: desktop dialog or the in-app browser
  bool screenshot = false;   // Ctrl+S
  bool quit = false;
  bool toggle_fullscreen = false;
  bool cancel_job = false;
  std::string load_path;      // load this file (from the browser, samples or a drop)
  bool start_export = false;  // File > Export outputs: write export.folder
  bool export_overwrite = false;
  std::string export_weights_folder;  // Kernels tab > Export: the weights into this folder
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

// Rectangles (screen pixels, top-left origin) of the regions tests look at.
struct LayoutRect {
  std::string name;
  float x = 0, y = 0, w = 0, h = 0;
};

struct AppState {
  ImageSlot input;
  LayerChoice edit;         // what the parameters panel shows and edits
  LayerChoice applied;      // the last valid choice; jobs run on this
  std::string param_error;  // why `edit` is not applied ("" when it is)

  std::shared_ptr<const JobResult> result;  // the newest complete result, swapped whole
  // Its display copies coloured for the current colour range (the job's, or recoloured on
  // a worker when the user switches the range); the renderer uploads these.
  std::shared_ptr<const DisplayTiles> tiles;
  // Set when the shown result was let go to make room for the next job: the platform
  // drops the views' own references to it (the animation's) too.
  bool released_result = false;
  // A job held back because an export still holds the shown result: started after it.
  bool retry_after_export = false;
  JobView job;
  Banner banner;
  DirtyFlags dirty;
  Requests requests;
  ViewerState viewer;
  FileBrowserState browser;
  ExportView exporting;
  RecordingStatus recording;
  std::vector<std::string> samples;  // bundled sample images found in assets/

  float ui_scale = 1.0f;  // the user's projector scale, on top of the monitor's
  bool ui_scale_changed = false;
  ThemeKind theme = ThemeKind::Dark;  // View > Theme; Light is for projectors
  bool theme_changed = false;
  bool show_help = false;
  bool show_about = false;  // Help > About
  bool show_intermediate = false;
  // Set by a view during the frame when something moves (e.g. the animation plays), so
  // the platform keeps drawing at full rate instead of waiting for input.
  bool animating = false;
  bool lesson_large = false;               // the Costs/Animation area takes most of the right side
  LessonTab select_tab = LessonTab::None;  // one-shot: the lesson tab to bring forward
  bool robust_range = true;                // outputs coloured over the 99.5% range (see JobResult)
  std::string shader_error;                // the renderer's compile/link log, shown in a banner
  std::vector<LayoutRect> layout;          // filled by the views every frame

  LessonPlayer lesson;  // the open lesson (if any) and the class's answers
  LessonDialog lesson_dialog;
  bool presenting = false;  // presentation mode: menus and parameters hidden
  // Lesson captions in the large font: presenting, and the strip then takes at most a
  // quarter of the window (set by the layout each frame).
  bool large_captions = false;
  LessonTab shown_tab = LessonTab::Costs;  // the lesson tab on screen (sessions save it)
  // Formula terms the current step points at ("dk2", "m", "n", "do2"), drawn marked in
  // the Costs tab and the animation's counters.
  std::vector<std::string> highlight;
  // An animation position to apply once the next result is on screen (a lesson step, the
  // command line's --anim-* flags, a question's reveal).
  std::optional<LessonAnimation> pending_animation;
  // Who asked for it, for the message when its jump lies outside the output.
  std::string pending_animation_source = "--anim-jump";
};

// "standard:0", "input:2", ...: the channel viewer's target (--view, lesson views).
bool ParseViewerTarget(const std::string& text, ViewerState* viewer);

// Validates state.edit against the loaded image and applies it when valid and
// different (marks dirty.layer); otherwise leaves state.applied and sets param_error.
void ApplyEdits(AppState& state);

// Per-frame step on the UI thread: takes finished loads and jobs, and starts a job
// when something is dirty and the memory estimate fits the budget.
void UpdateJobs(AppState& state, JobRunner& runner, ImageLoader& loader);

// Starts loading `path`; the result arrives through UpdateJobs.
void RequestLoad(AppState& state, ImageLoader& loader, const std::string& path);

void AddRecent(std::vector<std::string>& recent, const std::string& path);
void RecordRect(AppState& state, const std::string& name, float x, float y, float w, float h);

}  // namespace sepconv::app
