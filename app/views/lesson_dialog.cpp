// The lesson file dialogs: File > Save session, File > Add this view to a lesson, and
// Open lesson or session when the desktop has no file dialog. Paths are typed (with the
// bundled and recent lessons one click away); a session never replaces a file unasked.
#include <filesystem>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "views/views.h"
#include "widgets/fit_text.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

const char* TitleOf(LessonDialog::Kind kind) {
  switch (kind) {
    case LessonDialog::Kind::SaveSession:
      return "Save session";
    case LessonDialog::Kind::AddToLesson:
      return "Add this view to a lesson";
    case LessonDialog::Kind::OpenLesson:
      return "Open lesson or session";
    default:
      return "";
  }
}

void PathList(const char* label, const std::vector<std::string>& paths, LessonDialog& d) {
  if (paths.empty()) return;
  ImGui::TextUnformatted(label);
  for (const std::string& path : paths) {
    if (ImGui::Selectable(fs::path(path).filename().string().c_str(), d.path == path))
      d.path = path;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.c_str());
  }
}

}  // namespace

FrameRequests DrawLessonDialog(const Document& doc, const std::vector<std::string>& recent_lessons,
                               LessonDialog& d, const ViewContext& ctx) {
  FrameRequests asked;
  if (d.kind == LessonDialog::Kind::None) return asked;
  const char* title = TitleOf(d.kind);
  ImGui::OpenPopup(title);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(display.x * 0.5f, 0), ImGuiCond_Appearing);
  bool open = true;
  if (!ImGui::BeginPopupModal(title, &open)) return asked;
  BeginTextCapture(ctx);
  bool done = false;
  if (d.kind == LessonDialog::Kind::AddToLesson) {
    TextWrappedAtSpaces(
        "Appends what is on screen (image, layer, tab, animation) as a new step. The file is "
        "created if it does not exist.");
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##title", "step title", &d.title);
    ImGui::InputTextMultiline("##caption", &d.caption,
                              ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 4));
  }
  ImGui::TextUnformatted("Lesson file (.json)");
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::InputText("##path", &d.path)) d.confirm_overwrite = false;
  if (d.kind == LessonDialog::Kind::OpenLesson) {
    PathList("Bundled lessons", BundledLessons(), d);
    PathList("Recent", recent_lessons, d);
  }
  if (!d.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().warning_text);
    TextWrappedAtSpaces("%s", d.error.c_str());
    ImGui::PopStyleColor();
  }
  std::error_code ec;
  // Save session writes the JSON and, with hand edits, the weights beside it: asked
  // before any of them is replaced.
  bool exists = false;
  if (!d.path.empty() && d.kind == LessonDialog::Kind::SaveSession) {
    for (const std::string& f : SessionFiles(doc, d.path)) exists = exists || fs::exists(f, ec);
  }
  if (d.confirm_overwrite) {
    TextWrappedAtSpaces("%s (or its weight files) already exists. Replace?", d.path.c_str());
    if (ImGui::Button("Replace")) {
      asked.save_session = d.path;
      done = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep it")) d.confirm_overwrite = false;
  } else {
    const char* action = d.kind == LessonDialog::Kind::SaveSession   ? "Save"
                         : d.kind == LessonDialog::Kind::AddToLesson ? "Add step"
                                                                     : "Open";
    ImGui::BeginDisabled(d.path.empty() ||
                         (d.kind == LessonDialog::Kind::AddToLesson && d.title.empty()));
    if (ImGui::Button(action)) {
      if (d.kind == LessonDialog::Kind::SaveSession && exists) {
        d.confirm_overwrite = true;
      } else if (d.kind == LessonDialog::Kind::SaveSession) {
        asked.save_session = d.path;
        done = true;
      } else if (d.kind == LessonDialog::Kind::AddToLesson) {
        asked.add_to_lesson = true;
        done = true;
      } else {
        asked.open_lesson = d.path;
        done = true;
      }
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) open = false;
  }
  EndTextCapture(ctx);
  if (done || !open) {
    // AddToLesson reads the fields when the request is handled after this frame.
    if (!done)
      d = LessonDialog{};
    else
      d.kind = LessonDialog::Kind::None;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return asked;
}

}  // namespace sepconv::app
