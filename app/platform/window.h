// The platform layer: a GLFW window with a GL 3.3 core context, glad, ImGui with the
// glfw/opengl3 backends, DPI-aware fonts, the colour theme, drops, idle waiting.
#pragma once

#include <string>
#include <vector>

#include "state/outcome.h"
#include "state/theme_kind.h"

struct GLFWwindow;

namespace sepconv::app {

struct WindowOptions {
  int width = 1280, height = 720;
  int x = -1, y = -1;  // the remembered position; < 0: wherever the window manager puts it
  float ui_scale = 1.0f;
  ThemeKind theme = ThemeKind::Dark;
};

class Window {
 public:
  Window() = default;
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Fails with a readable reason (no display, no GL 3.3, ...).
  Outcome Init(const WindowOptions& options);
  bool ShouldClose() const;
  void RequestClose();
  // Sleeps until input arrives or `timeout` seconds pass (0: just poll). Right after
  // input it polls for a few frames, because ImGui settles over two or three frames.
  void WaitOrPoll(double timeout);
  // `ignore_mouse`: scripted runs draw as if no pointer were over the window, so a
  // stray cursor never leaves hover highlights or tooltips in a screenshot.
  void BeginFrame(bool ignore_mouse = false);
  void EndFrame();  // renders ImGui's draw data and swaps
  void FramebufferSize(int* w, int* h) const;
  // Sets the fonts and style for the monitor's content scale times `ui_scale`.
  void ApplyScale(float ui_scale);
  // Switches the palette and ImGui's colours (the fonts stay).
  void ApplyTheme(ThemeKind theme);
  float FontSize() const { return font_size_; }
  std::vector<std::string> TakeDrops();
  void ToggleFullscreen();
  bool Fullscreen() const;
  // Position and size of the window to remember; false in full screen (the windowed
  // geometry is what a restart should bring back, and it is not known here then).
  bool Geometry(int* x, int* y, int* w, int* h) const;
  GLFWwindow* handle() const { return window_; }

  // Called from GLFW callbacks.
  void OnDrop(int count, const char** paths);
  void OnInput() { input_frames_ = 3; }

 private:
  // Init's two halves: GLFW and a window with a 3.3 core context (`reason` holds GLFW's
  // own words when that fails), then GL functions, callbacks and ImGui.
  Outcome CreateContextWindow(const WindowOptions& options, const std::string& reason);
  Outcome FinishInit(const WindowOptions& options);
  void ApplyStyle();

  GLFWwindow* window_ = nullptr;
  bool imgui_ready_ = false;
  float content_scale_ = 1.0f;
  float font_size_ = 16.0f;
  float ui_scale_ = 1.0f;
  ThemeKind theme_ = ThemeKind::Dark;
  int input_frames_ = 3;  // frames still to draw after input (ImGui settles over a few)
  int windowed_[4] = {100, 100, 1280, 720};
  std::vector<std::string> drops_;
};

}  // namespace sepconv::app
