// AppState: the app's state in three parts (the document, the UI state and this frame's
// requests) and the per-frame step that turns edits into background jobs. No GL or
// ImGui here.
#pragma once

#include <string>
#include <vector>

#include "state/document.h"
#include "state/frame_requests.h"
#include "state/image_loader.h"
#include "state/job_runner.h"
#include "state/ui_state.h"

namespace sepconv::app {

struct AppState {
  Document doc;
  UiState ui;
  FrameRequests requests;
};

// "standard:0", "input:2", ...: the channel viewer's target (--view, lesson views).
bool ParseViewerTarget(const std::string& text, ViewerState* viewer);

// Validates state.doc.edit against the loaded image and applies it when valid and
// different (marks dirty.layer); otherwise leaves state.doc.applied and sets param_error.
void ApplyEdits(AppState& state);

// Per-frame step on the UI thread: takes finished loads and jobs, and starts a job
// when something is dirty and the memory estimate fits the budget.
void UpdateJobs(AppState& state, JobRunner& runner, ImageLoader& loader);

// Starts loading `path`; the result arrives through UpdateJobs.
void RequestLoad(AppState& state, ImageLoader& loader, const std::string& path);

void AddRecent(std::vector<std::string>& recent, const std::string& path);

}  // namespace sepconv::app
