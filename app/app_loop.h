// The desktop app's life: set up from the command line and the remembered settings, then
// one frame after another (wait, take the platform's input, upload, draw the UI, carry out
// what the views asked for, run the workers, record, swap), and at the end the settings
// and the exit code. A scripted run (--screenshot, --save-outputs, --export-animation)
// decides each frame whether it is done.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <string>

#include "platform/file_dialog.h"
#include "platform/options.h"
#include "platform/window.h"
#include "render/animation_recorder.h"
#include "render/renderer.h"
#include "script_files.h"
#include "settings/settings.h"
#include "state/app_state.h"
#include "state/display_tiles.h"
#include "state/export_job.h"
#include "views/view_context.h"

namespace sepconv::app {

class AppLoop {
 public:
  explicit AppLoop(const Options& opt);

  // The state from the options, the window, the renderer and the first load. Returns 0,
  // or the exit code when the app cannot start (a bad --view, no window).
  int Start();
  bool Running() const;
  void Frame();
  // Saves the settings (not for scripted runs) and returns the exit code: 1 with one line
  // on stderr when a scripted run could not do what it was asked.
  int Finish();

 private:
  using Clock = std::chrono::steady_clock;

  // The scripted run's progress through what it was asked to do.
  struct Script {
    bool export_requested = false, export_done = false, finished = false;
    bool record_requested = false, record_done = false;
    std::string failure;  // the first reason it failed (exit 1)
  };

  int SetUpState();
  void OpenFirstFiles();
  void WaitForWork();
  void TakePlatformInput();
  void SyncWithTheScreen();
  void DrawUi();
  void CarryOutViewRequests();
  void UpdateWorkers();
  void UpdateRecolour();
  void UpdateFileExport();
  void TakeScreenshotIfAsked(int fw, int fh);
  // The status line on success, the banner with the reason on failure.
  void ShowScreenshot(const std::string& path, const Outcome& written);
  void StepScript(int fw, int fh);
  void RequestScriptedRecording();
  void FinishScript(int fw, int fh);
  void Swap(double frame_ms);

  const Options& opt_;
  const bool scripted_;
  std::filesystem::path settings_path_;
  Settings settings_;
  AppState state_;
  Window window_;
  Renderer renderer_;
  ViewContext ctx_;
  JobRunner runner_;
  ImageLoader loader_;
  RegionWorker regions_;
  ExportJob exporter_;
  bool exporting_weights_ = false;  // what the export worker is writing: weights or outputs
  AnimationRecorder recorder_;
  RegionRequest requested_region_;
  std::future<std::shared_ptr<const DisplayTiles>> recolour_;
  FrameStats stats_;
  Script script_;
  DesktopFileDialog dialog_;

  Clock::time_point start_;
  int frame_ = 0, settled_frames_ = 0;
  uint64_t titled_revision_ = 0;
  // This frame's: when its work began, and what the scripted run waits on.
  Clock::time_point frame_start_;
  bool computing_ = false, had_new_result_ = false, script_applied_now_ = false;
};

}  // namespace sepconv::app
