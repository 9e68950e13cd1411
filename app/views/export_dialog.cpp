// File > Export outputs: the folder to write, the files that go there, and a question
// before any existing file is replaced. The writing itself runs on the export worker.
#include <cstdio>
#include <filesystem>

#include "layer_report.h"
#include "output_files.h"
#include "state/export_job.h"
#include "views/views.h"
#include "widgets/fit_text.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

// Beside the photo: "DIR/photo_sepconv".
std::string DefaultFolder(const ImageSlot& input) {
  if (input.path.empty()) return "sepconv_outputs";
  const fs::path p(input.path);
  return (p.parent_path() / (p.stem().string() + "_sepconv")).string();
}

}  // namespace

FrameRequests DrawExportDialog(const Document& doc, ExportView& x, const ViewContext& ctx) {
  FrameRequests asked;
  const JobResult* r = doc.result.get();
  if (!x.dialog_open || !r) return asked;
  if (x.folder.empty()) x.folder = DefaultFolder(doc.input);
  ImGui::OpenPopup("Export outputs");
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  // Height 0 on every frame: the dialog grows when the question appears, so Replace is
  // never below its edge.
  ImGui::SetNextWindowSize(ImVec2(display.x * 0.5f, 0), ImGuiCond_Always);
  if (!ImGui::BeginPopupModal("Export outputs", &x.dialog_open)) return asked;
  BeginTextCapture(ctx);
  TextWrappedAtSpaces(
      "Saves what was computed on %s: the input, the outputs and the weights as .npy "
      "(PyTorch shapes), PNG previews and report.json. The same files as the CLI's --out-dir.",
      measured_size_text(*r).c_str());
  ImGui::TextUnformatted("Folder (created if missing)");
  char buf[1024];
  std::snprintf(buf, sizeof buf, "%s", x.folder.c_str());
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::InputText("##folder", buf, sizeof buf)) {
    x.folder = buf;
    x.existing.clear();
  }
  const std::vector<std::string> names =
      output_file_names(r->choice, r->ran_standard, r->ran_separable, r->ran_spatial);
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  TextWrappedAtSpaces("%zu files: %s", names.size(), list.c_str());
  ImGui::PopStyleColor();
  if (!x.existing.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().warning_text);
    TextWrappedAtSpaces(
        "%zu of these files already exist in that folder (%s ...). "
        "Replace them?",
        x.existing.size(), x.existing.front().c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button("Replace")) {
      asked.start_export = true;
      asked.export_overwrite = true;
      x.dialog_open = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep them")) x.existing.clear();
  } else {
    const bool busy = x.running;
    if (busy) ImGui::BeginDisabled();
    if (ImGui::Button("Export")) {
      x.existing = ExistingExportFiles(*r, x.folder);
      if (x.existing.empty()) {
        asked.start_export = true;
        asked.export_overwrite = false;
        x.dialog_open = false;
      }
    }
    if (busy) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) x.dialog_open = false;
  }
  EndTextCapture(ctx);
  if (!x.dialog_open) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return asked;
}

}  // namespace sepconv::app
