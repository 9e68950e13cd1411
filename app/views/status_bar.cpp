// The status bar: the background job's progress with a Cancel button, or the last
// job's outcome (times, refusals with their numbers).
#include <cstdio>

#include "views/views.h"
#include "widgets/theme.h"

namespace sepconv::app {

FrameRequests DrawStatusBar(const Document& doc, const UiState& ui) {
  FrameRequests asked;
  if (doc.job.running) {
    if (ImGui::Button("Cancel")) asked.cancel_job = true;
    ImGui::SameLine();
    char overlay[64];
    const double p = doc.job.progress;
    std::snprintf(overlay, sizeof overlay, "computing %s %.0f%%", JobStageAt(p), p * 100.0);
    ImGui::ProgressBar(float(doc.job.progress), ImVec2(ImGui::GetContentRegionAvail().x * 0.4f, 0),
                       overlay);
    ImGui::SameLine();
  }
  if (ui.exporting.running) {
    if (ImGui::Button("Cancel export")) asked.cancel_export = true;
    ImGui::SameLine();
    char overlay[48];
    std::snprintf(overlay, sizeof overlay, "saving outputs %.0f%%", ui.exporting.progress * 100.0);
    ImGui::ProgressBar(float(ui.exporting.progress),
                       ImVec2(ImGui::GetContentRegionAvail().x * 0.3f, 0), overlay);
    ImGui::SameLine();
  }
  if (ui.recording.running) {
    if (ImGui::Button("Cancel recording")) asked.cancel_recording = true;
    ImGui::SameLine();
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "recording the animation: frame %d of %d",
                  ui.recording.frames_done, ui.recording.frames_total);
    ImGui::ProgressBar(float(ui.recording.progress),
                       ImVec2(ImGui::GetContentRegionAvail().x * 0.3f, 0), overlay);
    ImGui::SameLine();
  }
  if (doc.job.refused && doc.job.fitting_megapixels > 0) {
    // Not a dead end: offer the largest working size that fits the memory budget.
    char offer[64];
    std::snprintf(offer, sizeof offer, "Compute at %g MP", doc.job.fitting_megapixels);
    if (ImGui::Button(offer)) asked.working_megapixels = doc.job.fitting_megapixels;
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(
          "Shrink the image to %g megapixels for this layer (--working-size %gMP);\n"
          "Parameters > Working size sets it back to full.",
          doc.job.fitting_megapixels, doc.job.fitting_megapixels);
    }
    ImGui::SameLine();
  }
  if (doc.job.refused) ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().warning_text);
  ImGui::TextUnformatted(doc.job.message.c_str());
  if (doc.job.refused) ImGui::PopStyleColor();
  // One line only: the whole message is a hover away (and in the Outputs panel).
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetIO().DisplaySize.x * 0.6f);
    ImGui::TextUnformatted(doc.job.message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  return asked;
}

}  // namespace sepconv::app
