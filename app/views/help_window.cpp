// F1 help: the keyboard shortcuts (lesson and clicker keys included) and what each panel
// shows.
#include "views/views.h"

namespace sepconv::app {

void DrawTextTable(const char* id, const std::vector<TextRow>& rows) {
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg)) return;
  for (const TextRow& row : rows) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(row.left);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(row.right);
  }
  ImGui::EndTable();
}

void DrawHelpWindow(bool& open) {
  if (!open) return;
  ImGui::SetNextWindowPos(
      ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f),
      ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::Begin("Help", &open,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    {
      const std::vector<TextRow> rows = {
          {"Ctrl+O", "open an image (desktop dialog or in-app browser)"},
          {"Ctrl+S", "save a screenshot (PNG) in the current folder"},
          {"F11", "full screen"},
          {"Ctrl+= / Ctrl+-", "UI scale up / down (projector)"},
          {"Esc", "cancel the computation; close the viewer; leave presentation"},
          {"F5", "presentation mode"},
          {"PageDown / PageUp", "next / previous lesson step"},
          {"Right / Left", "next / previous step while presenting"},
          {"B or .", "blank the screen; any key brings it back"},
          {"F1", "this help"},
          {"Ctrl+Q", "quit"}};
      DrawTextTable("keys", rows);
    }
    ImGui::TextUnformatted("Drop an image file on the window to open it.");
    ImGui::TextUnformatted("Click any channel tile to enlarge it; zoom in to see pixel values.");
  }
  ImGui::End();
}

}  // namespace sepconv::app
