// The frame loop's actions that need the platform or the loop's workers: the keyboard
// shortcuts, the lesson requests that need the window or the clipboard, and the
// animation recording's start, its frames and its end.
#pragma once

#include <string>

#include "platform/window.h"
#include "render/animation_recorder.h"
#include "state/app_state.h"
#include "state/lesson_player.h"
#include "views/view_context.h"

namespace sepconv::app {

// The keyboard's shortcuts (GLFW key codes through ImGui's key state) and the lesson keys:
// what they ask for, and the scale, help and viewer they change; `blanked` is the
// lesson's blank screen.
FrameRequests HandleShortcuts(const Document& doc, UiState& ui, bool& blanked);

// Where the animation is now, for sessions and copied command lines.
AnimationNow AnimationNowOf(const ViewContext& ctx);

// The lesson requests that need the platform: full screen and the clipboard.
void HandlePlatformLessonRequests(AppState& state, const ViewContext& ctx, bool scripted,
                                  Window& window);

// File > Export animation's request from the dialog (or the scripted run): starts the
// recorder, or says why not. `scripted`: --export-animation, whose run then ends.
void StartRequestedRecording(AppState& state, ViewContext& ctx, AnimationRecorder& recorder,
                             bool scripted, bool* script_done);

// After the window's frame: stops a recording whose picture changed under it, else draws
// its next frames; then what the status bar shows.
void PumpRecording(AppState& state, const ViewContext& ctx, AnimationRecorder& recorder);

// The finished recording's outcome: the status line, or the banner (and the scripted
// run's first failure).
void FinishRecording(AppState& state, AnimationRecorder& recorder, bool scripted,
                     std::string* script_failure, bool* script_done);

}  // namespace sepconv::app
