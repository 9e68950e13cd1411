// The main menu bar: File (open, samples, recent, screenshot, quit), View (UI scale,
// theme, full screen, depthwise intermediate) and Help. Shortcuts are handled by the platform.
#include <cstdio>
#include <filesystem>
#include <utility>

#include "ui_limits.h"
#include "views.h"

namespace sepconv::app {
namespace {

// Beside the image: "DIR/photo_session.json".
std::string DefaultLessonPath(const AppState& state, const char* suffix) {
  const std::filesystem::path p(state.doc.input.path);
  return (p.parent_path() / (p.stem().string() + suffix)).string();
}

// Bundled lessons are read-only material: new steps go into a file of one's own.
bool IsBundled(const std::string& path) {
  for (const std::string& b : BundledLessons())
    if (b == path) return true;
  return false;
}

}  // namespace

void DrawMainMenu(AppState& state, ViewContext& ctx) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open image...", "Ctrl+O")) state.requests.open_dialog = true;
    if (ImGui::MenuItem("Browse in app...")) state.ui.browser.open = true;
    if (ImGui::BeginMenu("Samples", !state.doc.samples.empty())) {
      for (const std::string& path : state.doc.samples) {
        if (ImGui::MenuItem(std::filesystem::path(path).filename().string().c_str())) {
          state.requests.load_path = path;
        }
      }
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Recent", !state.ui.browser.recent.empty())) {
      for (const std::string& path : state.ui.browser.recent) {
        if (ImGui::MenuItem(path.c_str())) state.requests.load_path = path;
      }
      ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Open lesson or session...")) state.requests.open_lesson_dialog = true;
    const std::vector<std::string> lessons = BundledLessons();
    if (ImGui::BeginMenu("Lessons", !lessons.empty())) {
      for (const std::string& path : lessons) {
        if (ImGui::MenuItem(std::filesystem::path(path).stem().string().c_str()))
          state.requests.open_lesson = path;
      }
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Recent lessons", !state.ui.browser.recent_lessons.empty())) {
      for (const std::string& path : state.ui.browser.recent_lessons) {
        if (ImGui::MenuItem(path.c_str())) state.requests.open_lesson = path;
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Save session...", nullptr, false, state.doc.input.image != nullptr)) {
      state.ui.lesson_dialog = LessonDialog{};
      state.ui.lesson_dialog.kind = LessonDialog::Kind::SaveSession;
      state.ui.lesson_dialog.path = DefaultLessonPath(state, "_session.json");
    }
    if (ImGui::MenuItem("Add this view to a lesson...", nullptr, false,
                        state.doc.input.image != nullptr)) {
      state.ui.lesson_dialog = LessonDialog{};
      state.ui.lesson_dialog.kind = LessonDialog::Kind::AddToLesson;
      state.ui.lesson_dialog.path = state.doc.lesson.open() && !IsBundled(state.doc.lesson.path)
                                        ? state.doc.lesson.path
                                        : DefaultLessonPath(state, "_lesson.json");
    }
    if (ImGui::MenuItem("Copy command line")) state.requests.copy_command = true;
    if (ImGui::MenuItem("Close lesson", nullptr, false, state.doc.lesson.open()))
      state.requests.close_lesson = true;
    ImGui::Separator();
    if (ImGui::MenuItem("Save screenshot", "Ctrl+S")) state.requests.screenshot = true;
    if (ImGui::MenuItem("Export outputs...", nullptr, false,
                        state.doc.result != nullptr && !state.ui.exporting.running)) {
      state.ui.exporting.dialog_open = true;
      state.ui.exporting.existing.clear();
    }
    if (ImGui::MenuItem("Export animation...", nullptr, false,
                        state.doc.result != nullptr && !state.ui.recording.running)) {
      ctx.animation_export.dialog_open = true;
      ctx.animation_export.confirm_replace = false;
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) state.requests.quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::BeginMenu("UI scale (projector)")) {
      for (float s : kUiScaleChoices) {
        char label[16];
        std::snprintf(label, sizeof label, "%.0f%%", double(s * 100));
        if (ImGui::MenuItem(label, nullptr, state.ui.ui_scale == s)) {
          state.ui.ui_scale = s;
          state.requests.ui_scale_changed = true;
        }
      }
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Theme")) {
      const std::pair<ThemeKind, const char*> themes[] = {{ThemeKind::Dark, "Dark"},
                                                          {ThemeKind::Light, "Light (projector)"}};
      for (const auto& [kind, label] : themes) {
        if (ImGui::MenuItem(label, nullptr, state.ui.theme == kind) && state.ui.theme != kind) {
          state.ui.theme = kind;
          state.requests.theme_changed = true;
        }
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Full screen", "F11")) state.requests.toggle_fullscreen = true;
    if (ImGui::MenuItem("Presentation", "F5", state.ui.presenting))
      state.requests.toggle_presentation = true;
    ImGui::MenuItem("Show depthwise output (intermediate)", nullptr, &state.ui.show_intermediate);
    ImGui::MenuItem("Large lesson area (costs, animation)", nullptr, &state.ui.lesson_large);
    ImGui::MenuItem("Robust colour range for outputs", nullptr, &state.ui.robust_range);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts", "F1")) state.ui.show_help = true;
    if (ImGui::MenuItem("About SepConv Lab")) state.ui.show_about = true;
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

}  // namespace sepconv::app
