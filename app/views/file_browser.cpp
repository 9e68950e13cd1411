// The in-app file browser (used when neither zenity nor kdialog exists): folders,
// image files filtered by extension, parent, a typed path and recent files.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "views/views.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

bool IsImageFile(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (const char* e : {".png", ".jpg", ".jpeg", ".bmp", ".tga", ".gif", ".psd", ".hdr", ".pnm",
                        ".ppm", ".pgm", ".pic"}) {
    if (ext == e) return true;
  }
  return false;
}

// Reads the folder once per visit (not every frame); errors are shown, not thrown.
void Refresh(FileBrowserState& b) {
  if (b.listed_folder == b.folder) return;
  b.listed_folder = b.folder;
  b.folders.clear();
  b.files.clear();
  b.error.clear();
  std::error_code ec;
  for (fs::directory_iterator it(b.folder, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      b.folders.push_back(name);
    } else if (IsImageFile(p)) {
      b.files.push_back(name);
    }
  }
  if (ec) b.error = b.folder + ": " + ec.message();
  std::sort(b.folders.begin(), b.folders.end());
  std::sort(b.files.begin(), b.files.end());
}

}  // namespace

FrameRequests DrawFileBrowser(FileBrowserState& b) {
  FrameRequests asked;
  if (!b.open) return asked;
  if (b.folder.empty()) {
    std::error_code ec;
    b.folder = fs::current_path(ec).string();
  }
  Refresh(b);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize(ImVec2(display.x * 0.5f, display.y * 0.6f), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  if (!ImGui::Begin("Open image", &b.open, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return asked;
  }
  if (ImGui::Button("Parent")) b.folder = fs::path(b.folder).parent_path().string();
  ImGui::SameLine();
  ImGui::TextUnformatted(b.folder.c_str());
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Open").x - 4 * ImGui::GetStyle().FramePadding.x);
  const bool enter = ImGui::InputTextWithHint("##typed", "type a path and press Enter",
                                              &b.typed_path, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || enter) && !b.typed_path.empty()) {
    std::error_code ec;
    if (fs::is_directory(b.typed_path, ec)) {
      b.folder = b.typed_path;
    } else {
      asked.load_path = b.typed_path;
      b.open = false;
    }
  }
  if (!b.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().error_text);
    ImGui::TextUnformatted(b.error.c_str());
    ImGui::PopStyleColor();
  }
  if (!b.recent.empty() && ImGui::CollapsingHeader("Recent files")) {
    for (const std::string& r : b.recent) {
      if (ImGui::Selectable(r.c_str())) {
        asked.load_path = r;
        b.open = false;
      }
    }
  }
  ImGui::BeginChild("entries", ImVec2(0, 0), true);
  std::string next_folder;
  for (const std::string& d : b.folders) {
    if (ImGui::Selectable((d + "/").c_str())) next_folder = (fs::path(b.folder) / d).string();
  }
  for (const std::string& f : b.files) {
    if (ImGui::Selectable(f.c_str(), false, ImGuiSelectableFlags_AllowDoubleClick)) {
      asked.load_path = (fs::path(b.folder) / f).string();
      b.open = false;
    }
  }
  if (b.folders.empty() && b.files.empty() && b.error.empty()) {
    ImGui::TextDisabled("no folders or image files here");
  }
  ImGui::EndChild();
  if (!next_folder.empty()) b.folder = next_folder;
  ImGui::End();
  return asked;
}

}  // namespace sepconv::app
