// GLFW + ImGui setup and the per-frame platform calls; see window.h.
#include "platform/window.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <glad/gl.h>

#include <cmath>
#include <cstdio>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"
#include "widgets/app_fonts.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

// While the window is being made, GLFW's reason is kept and joins Init's one-line error;
// later errors are printed as they come.
std::string* g_startup_reason = nullptr;

void ErrorCallback(int code, const char* description) {
  if (g_startup_reason) {
    *g_startup_reason = description ? description : "";
    return;
  }
  std::fprintf(stderr, "sepconv-lab: GLFW error %d: %s\n", code, description);
}

std::string WithReason(const std::string& what, const std::string& reason) {
  return reason.empty() ? what : what + " (" + reason + ")";
}

Window* Self(GLFWwindow* w) {
  return static_cast<Window*>(glfwGetWindowUserPointer(w));
}

}  // namespace

Window::~Window() {
  if (imgui_ready_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  if (window_) glfwDestroyWindow(window_);
  glfwTerminate();
}

Outcome Window::Init(const WindowOptions& options) {
  std::string reason;
  g_startup_reason = &reason;
  const Outcome made = CreateContextWindow(options, reason);
  g_startup_reason = nullptr;
  return made.ok() ? FinishInit(options) : made;
}

// `reason`: what GLFW's error callback said while the window was being made.
Outcome Window::CreateContextWindow(const WindowOptions& options, const std::string& reason) {
  glfwSetErrorCallback(ErrorCallback);
  if (!glfwInit()) {
    return Outcome::Failure(
        WithReason("cannot initialise GLFW (is there a display? try xvfb-run)", reason));
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  window_ = glfwCreateWindow(options.width, options.height, "SepConv Lab", nullptr, nullptr);
  if (!window_) {
    return Outcome::Failure(
        WithReason("cannot create a window with an OpenGL 3.3 core context", reason));
  }
  return {};
}

Outcome Window::FinishInit(const WindowOptions& options) {
  const int x = options.x, y = options.y;
  if (x >= 0 && y >= 0) glfwSetWindowPos(window_, x, y);
  glfwMakeContextCurrent(window_);
  if (!gladLoadGL(glfwGetProcAddress)) return Outcome::Failure("cannot load OpenGL 3.3 functions");
  glfwSwapInterval(1);  // vsync: no faster than the display, no tearing on the projector
  glfwSetWindowUserPointer(window_, this);
  glfwSetDropCallback(
      window_, [](GLFWwindow* win, int n, const char** paths) { Self(win)->OnDrop(n, paths); });
  // Installed before the ImGui backend, which chains to them: any input wakes the loop.
  glfwSetCursorPosCallback(window_, [](GLFWwindow* win, double, double) { Self(win)->OnInput(); });
  glfwSetMouseButtonCallback(window_, [](GLFWwindow* win, int, int, int) { Self(win)->OnInput(); });
  glfwSetScrollCallback(window_, [](GLFWwindow* win, double, double) { Self(win)->OnInput(); });
  glfwSetKeyCallback(window_, [](GLFWwindow* win, int, int, int, int) { Self(win)->OnInput(); });
  glfwSetCharCallback(window_, [](GLFWwindow* win, unsigned) { Self(win)->OnInput(); });
  glfwSetWindowSizeCallback(window_, [](GLFWwindow* win, int, int) { Self(win)->OnInput(); });

  float sx = 1, sy = 1;
  glfwGetWindowContentScale(window_, &sx, &sy);
  content_scale_ = sx > 0 ? sx : 1.0f;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is computed, nothing to remember
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  imgui_ready_ = true;
  theme_ = options.theme;
  SetTheme(theme_);
  ApplyScale(options.ui_scale);
  return {};
}

void Window::ApplyScale(float ui_scale) {
  ui_scale_ = ui_scale;
  const float scale = content_scale_ * ui_scale;
  font_size_ = std::round(kBaseFontSize * scale);
  AddAppFonts(ImGui::GetIO().Fonts, font_size_);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  ApplyStyle();
}

void Window::ApplyTheme(ThemeKind theme) {
  theme_ = theme;
  SetTheme(theme);
  ApplyStyle();
}

void Window::ApplyStyle() {
  ImGuiStyle style;
  FillStyle(theme_, &style);
  style.ScaleAllSizes(content_scale_ * ui_scale_);
  ImGui::GetStyle() = style;
}

bool Window::ShouldClose() const {
  return glfwWindowShouldClose(window_);
}
void Window::RequestClose() {
  glfwSetWindowShouldClose(window_, GLFW_TRUE);
}

void Window::WaitOrPoll(double timeout) {
  if (glfwGetWindowAttrib(window_, GLFW_ICONIFIED)) {
    glfwWaitEventsTimeout(1.0);  // minimised: nothing to draw
  } else if (timeout <= 0 || input_frames_ > 0) {
    glfwPollEvents();
    if (input_frames_ > 0) --input_frames_;
  } else {
    glfwWaitEventsTimeout(timeout);
  }
}

void Window::BeginFrame(bool ignore_mouse) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (ignore_mouse) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
}

void Window::EndFrame() {
  int w, h;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(CurrentPalette().clear);
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::FramebufferSize(int* w, int* h) const {
  glfwGetFramebufferSize(window_, w, h);
}

void Window::OnDrop(int count, const char** paths) {
  for (int i = 0; i < count; ++i) drops_.emplace_back(paths[i]);
  input_frames_ = 3;
}

std::vector<std::string> Window::TakeDrops() {
  std::vector<std::string> out;
  out.swap(drops_);
  return out;
}

bool Window::Fullscreen() const {
  return glfwGetWindowMonitor(window_) != nullptr;
}

void Window::ToggleFullscreen() {
  if (glfwGetWindowMonitor(window_)) {
    glfwSetWindowMonitor(window_, nullptr, windowed_[0], windowed_[1], windowed_[2], windowed_[3],
                         0);
    return;
  }
  glfwGetWindowPos(window_, &windowed_[0], &windowed_[1]);
  glfwGetWindowSize(window_, &windowed_[2], &windowed_[3]);
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  if (!monitor) return;
  const GLFWvidmode* mode = glfwGetVideoMode(monitor);
  glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
}

bool Window::Geometry(int* x, int* y, int* w, int* h) const {
  if (!window_ || glfwGetWindowMonitor(window_)) return false;
  glfwGetWindowPos(window_, x, y);
  glfwGetWindowSize(window_, w, h);
  return true;
}

}  // namespace sepconv::app
