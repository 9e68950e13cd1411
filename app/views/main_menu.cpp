// The main menu bar: File (open, samples, recent, screenshot, quit), View (UI scale,
// theme, full screen, depthwise intermediate) and Help. Shortcuts are handled by the platform.
#include <cstdio>
#include <filesystem>
#include <utility>

#include "state/ui_limits.h"
#include "views/views.h"

namespace sepconv::app {
namespace {

// Beside the image: "DIR/photo_session.json".
std::string DefaultLessonPath(const std::string& image_path, const char* suffix) {
  const std::filesystem::path p(image_path);
  return (p.parent_path() / (p.stem().string() + suffix)).string();
}

// Bundled lessons are read-only material: new steps go into a file of one's own.
bool IsBundled(const std::string& path) {
  for (const std::string& b : BundledLessons())
    if (b == path) return true;
  return false;
}

// How a file is named in a menu.
enum class Shown { WholePath, FileName, Stem };

// A submenu of files (greyed out when there are none): the one clicked, or "".
std::string PathMenu(const char* title, const std::vector<std::string>& paths, Shown shown) {
  std::string chosen;
  if (!ImGui::BeginMenu(title, !paths.empty())) return chosen;
  for (const std::string& path : paths) {
    const std::filesystem::path p(path);
    const std::string label = shown == Shown::FileName ? p.filename().string()
                              : shown == Shown::Stem   ? p.stem().string()
                                                       : path;
    if (ImGui::MenuItem(label.c_str())) chosen = path;
  }
  ImGui::EndMenu();
  return chosen;
}

void Take(std::string& request, const std::string& chosen) {
  if (!chosen.empty()) request = chosen;
}

// File: images, lessons and sessions, screenshots and exports, quit.
FrameRequests DrawFileMenu(const Document& doc, UiState& ui, ViewContext& ctx) {
  FrameRequests asked;
  if (ImGui::MenuItem("Open image...", "Ctrl+O")) asked.open_dialog = true;
  if (ImGui::MenuItem("Browse in app...")) ui.browser.open = true;
  Take(asked.load_path, PathMenu("Samples", doc.samples, Shown::FileName));
  Take(asked.load_path, PathMenu("Recent", ui.browser.recent, Shown::WholePath));
  ImGui::Separator();
  if (ImGui::MenuItem("Open lesson or session...")) asked.open_lesson_dialog = true;
  Take(asked.open_lesson, PathMenu("Lessons", BundledLessons(), Shown::Stem));
  Take(asked.open_lesson, PathMenu("Recent lessons", ui.browser.recent_lessons, Shown::WholePath));
  if (ImGui::MenuItem("Save session...", nullptr, false, doc.input.image != nullptr)) {
    ui.lesson_dialog = LessonDialog{};
    ui.lesson_dialog.kind = LessonDialog::Kind::SaveSession;
    ui.lesson_dialog.path = DefaultLessonPath(doc.input.path, "_session.json");
  }
  if (ImGui::MenuItem("Add this view to a lesson...", nullptr, false, doc.input.image != nullptr)) {
    ui.lesson_dialog = LessonDialog{};
    ui.lesson_dialog.kind = LessonDialog::Kind::AddToLesson;
    ui.lesson_dialog.path = doc.lesson.open() && !IsBundled(doc.lesson.path)
                                ? doc.lesson.path
                                : DefaultLessonPath(doc.input.path, "_lesson.json");
  }
  if (ImGui::MenuItem("Copy command line")) asked.copy_command = true;
  if (ImGui::MenuItem("Close lesson", nullptr, false, doc.lesson.open())) asked.close_lesson = true;
  ImGui::Separator();
  if (ImGui::MenuItem("Save screenshot", "Ctrl+S")) asked.screenshot = true;
  if (ImGui::MenuItem("Export outputs...", nullptr, false,
                      doc.result != nullptr && !ui.exporting.running)) {
    ui.exporting.dialog_open = true;
    ui.exporting.existing.clear();
  }
  if (ImGui::MenuItem("Export animation...", nullptr, false,
                      doc.result != nullptr && !ui.recording.running)) {
    ctx.animation_export.dialog_open = true;
    ctx.animation_export.confirm_replace = false;
  }
  ImGui::Separator();
  if (ImGui::MenuItem("Quit", "Ctrl+Q")) asked.quit = true;
  return asked;
}

// View: the projector's scale and theme, full screen, presentation, what is shown.
FrameRequests DrawViewMenu(UiState& ui) {
  FrameRequests asked;
  if (ImGui::BeginMenu("UI scale (projector)")) {
    for (float s : kUiScaleChoices) {
      char label[16];
      std::snprintf(label, sizeof label, "%.0f%%", double(s * 100));
      if (ImGui::MenuItem(label, nullptr, ui.ui_scale == s)) {
        ui.ui_scale = s;
        asked.ui_scale_changed = true;
      }
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Theme")) {
    const std::pair<ThemeKind, const char*> themes[] = {{ThemeKind::Dark, "Dark"},
                                                        {ThemeKind::Light, "Light (projector)"}};
    for (const auto& [kind, label] : themes) {
      if (ImGui::MenuItem(label, nullptr, ui.theme == kind) && ui.theme != kind) {
        ui.theme = kind;
        asked.theme_changed = true;
      }
    }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Full screen", "F11")) asked.toggle_fullscreen = true;
  if (ImGui::MenuItem("Presentation", "F5", ui.presenting)) asked.toggle_presentation = true;
  ImGui::MenuItem("Show depthwise output (intermediate)", nullptr, &ui.show_intermediate);
  ImGui::MenuItem("Large lesson area (costs, animation)", nullptr, &ui.lesson_large);
  ImGui::MenuItem("Robust colour range for outputs", nullptr, &ui.robust_range);
  return asked;
}

}  // namespace

FrameRequests DrawMainMenu(const Document& doc, UiState& ui, ViewContext& ctx) {
  FrameRequests asked;
  if (!ImGui::BeginMainMenuBar()) return asked;
  if (ImGui::BeginMenu("File")) {
    asked = DrawFileMenu(doc, ui, ctx);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    AddRequests(asked, DrawViewMenu(ui));
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts", "F1")) ui.show_help = true;
    if (ImGui::MenuItem("About SepConv Lab")) ui.show_about = true;
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
  return asked;
}

}  // namespace sepconv::app
