// File > Export animation: the file (its extension picks MP4, GIF or a PNG folder), what
// stretch of the animation to record, its length, frame rate, picture and size, the plan
// that gives (frames and clock), and a question before an existing file is replaced.
// The recording itself runs in the platform layer (render/animation_recorder.h).
#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <utility>

#include "export/animation_writer.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "text_format.h"
#include "views/layout_record.h"
#include "views/views.h"
#include "widgets/fit_text.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

constexpr int kRates[] = {10, 15, 24, 25, 30, 50, 60};
constexpr std::pair<int, int> kSizes[] = {{1280, 720}, {1920, 1080}, {2560, 1440}, {3840, 2160}};

// Beside the photo: "DIR/photo_animation.mp4".
std::string DefaultPath(const std::string& image_path) {
  if (image_path.empty()) return "sepconv_animation.mp4";
  const fs::path p(image_path);
  return (p.parent_path() / (p.stem().string() + "_animation.mp4")).string();
}

// What the extension makes of the path, or why it is refused.
std::string FormatLine(const std::string& path, bool* ok) {
  *ok = true;
  try {
    switch (AnimationFormatFor(path)) {
      case AnimationFormat::Mp4:
        return "MP4 (H.264): for slides and video players.";
      case AnimationFormat::Gif:
        return "GIF: for course pages; one palette of 256 colours, at most 50 frames/s.";
      case AnimationFormat::PngSequence:
        return "A folder of PNG frames (frame_00000.png ...): for editing.";
    }
  } catch (const std::exception& e) {
    *ok = false;
    return e.what();
  }
  return "";
}

// A line in the warning colour: a refusal, or the question before replacing a file.
void WarningText(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().warning_text);
  TextWrappedAtSpaces("%s", text.c_str());
  ImGui::PopStyleColor();
}

bool TargetExists(const std::string& path) {
  std::error_code ec;
  if (AnimationFormatFor(path) == AnimationFormat::PngSequence)
    return fs::exists(fs::path(path) / "frame_00000.png", ec);
  return fs::exists(path, ec);
}

void DrawRangeChoice(AnimationExportChoice& x, const AnimationModel& m) {
  RecordRequest& r = x.request;
  const char* ranges[] = {"From here, at the current speed", "The current output",
                          "The current row", "The whole layer"};
  int range = int(r.range);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  if (ImGui::Combo("record", &range, ranges, IM_ARRAYSIZE(ranges))) r.range = RecordRange(range);
  if (r.range == RecordRange::Output || r.range == RecordRange::Row) {
    ImGui::SameLine();
    const char* paths[] = {"standard", "depthwise", "pointwise"};
    int path = int(r.path);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::Combo("path", &path, paths, IM_ARRAYSIZE(paths))) r.path = AnimPath(path);
  }
  double seconds = r.seconds;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::InputDouble("seconds", &seconds, 1.0, 10.0, "%.1f"))
    r.seconds = std::clamp(seconds, 0.1, 3600.0);
  if (r.range == RecordRange::FromHere) {
    char speed[64];
    std::snprintf(speed, sizeof speed, "(at most; %s mults/s)",
                  format_thousands(int64_t(m.speed)).c_str());
    TextDisabledAfter({speed});
  }
  ImGui::SameLine();
  int rate = int(std::find(std::begin(kRates), std::end(kRates), r.fps) - std::begin(kRates));
  char rate_text[16];
  std::snprintf(rate_text, sizeof rate_text, "%d", r.fps);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  if (ImGui::BeginCombo("frames/s", rate_text)) {
    for (int i = 0; i < IM_ARRAYSIZE(kRates); ++i) {
      char label[16];
      std::snprintf(label, sizeof label, "%d", kRates[i]);
      if (ImGui::Selectable(label, i == rate)) r.fps = kRates[i];
    }
    ImGui::EndCombo();
  }
}

void DrawPictureChoice(AnimationExportChoice& x) {
  int area = x.whole_window ? 1 : 0;
  ImGui::RadioButton("Animation tab", &area, 0);
  ImGui::SameLine();
  ImGui::RadioButton("Whole window", &area, 1);
  x.whole_window = area == 1;
  ImGui::SameLine();
  const ImVec2 window = ImGui::GetIO().DisplaySize;
  // H.264 wants even sizes: the window's own size is rounded down to them.
  const int window_w = int(window.x) & ~1, window_h = int(window.y) & ~1;
  char current[48];
  std::snprintf(current, sizeof current, "%d x %d", x.width, x.height);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::BeginCombo("size", current)) {
    for (const auto& [w, h] : kSizes) {
      char label[32];
      std::snprintf(label, sizeof label, "%d x %d", w, h);
      if (ImGui::Selectable(label, x.width == w && x.height == h)) x.width = w, x.height = h;
    }
    char label[48];
    std::snprintf(label, sizeof label, "%d x %d (this window)", window_w, window_h);
    if (ImGui::Selectable(label, x.width == window_w && x.height == window_h))
      x.width = window_w, x.height = window_h;
    ImGui::EndCombo();
  }
}

}  // namespace

void DrawAnimationExportDialog(const Document& doc, bool recording, ViewContext& ctx) {
  AnimationExportChoice& x = ctx.animation_export;
  if (!x.dialog_open || !doc.result) return;
  if (x.path.empty()) x.path = DefaultPath(doc.input.path);
  // The plan reads the animation's position; the tab attaches it when drawn, and it may
  // not have been shown yet.
  if (ctx.animation.model.result != doc.result) AttachResult(ctx.animation.model, doc.result);
  ImGui::OpenPopup("Export animation");
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  // Height 0 on every frame: the dialog grows when the question or a refusal appears,
  // so its buttons never fall below its edge.
  ImGui::SetNextWindowSize(
      ImVec2(std::min(std::max(display.x * 0.5f, ImGui::GetFontSize() * 34), display.x), 0),
      ImGuiCond_Always);
  if (!ImGui::BeginPopupModal("Export animation", &x.dialog_open)) return;
  BeginTextCapture(ctx);
  ImGui::TextUnformatted("File (.mp4, .gif, or a folder for PNG frames)");
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::InputText("##animation_path", &x.path)) x.confirm_replace = false;
  bool format_ok = true;
  const std::string format = FormatLine(x.path, &format_ok);
  if (format_ok)
    TextWrappedAtSpaces("%s", format.c_str());
  else
    WarningText(format);

  DrawRangeChoice(x, ctx.animation.model);
  DrawPictureChoice(x);

  RecordPlan plan;
  const Outcome planned = PlanRecording(ctx.animation.model, x.request, &plan);
  if (planned.ok()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    TextWrappedAtSpaces(
        "%d frames (%.1f s at %d frames/s), multiplications %s to %s, %.1f per frame.", plan.frames,
        double(plan.frames) / x.request.fps, x.request.fps, format_thousands(plan.first).c_str(),
        format_thousands(plan.last).c_str(), plan.step);
    ImGui::PopStyleColor();
  } else {
    WarningText(planned.why());
  }
  const bool can_start = format_ok && planned.ok() && !recording;
  if (x.confirm_replace) {
    WarningText(x.path + " already exists. Replace it?");
    if (ImGui::Button("Replace")) {
      x.start = true;
      x.overwrite = true;
      x.dialog_open = false;
    }
    RecordLastItem(ctx.rects, "AnimExportReplace");
    ImGui::SameLine();
    if (ImGui::Button("Keep it")) x.confirm_replace = false;
  } else {
    if (!can_start) ImGui::BeginDisabled();
    if (ImGui::Button("Export")) {
      if (TargetExists(x.path)) {
        x.confirm_replace = true;
      } else {
        x.start = true;
        x.overwrite = false;
        x.dialog_open = false;
      }
    }
    RecordLastItem(ctx.rects, "AnimExportButton");
    if (!can_start) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) x.dialog_open = false;
  }
  EndTextCapture(ctx);
  if (!x.dialog_open) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace sepconv::app
