// Fitting items and labels into the window's width (see fit_text.h).
#include "widgets/fit_text.h"

#include <imgui.h>

#include <cstdarg>
#include <cstdio>

namespace app {
namespace {
// Pixels from the end of the last item (plus spacing) to the window's right edge.
float RoomAfterLastItem(float spacing = -1.0f) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float gap = spacing >= 0 ? spacing : ImGui::GetStyle().ItemSpacing.x;
  return right - (ImGui::GetItemRectMax().x + gap);
}
}  // namespace

void SameLineIfFits(float width, float spacing) {
  if (width <= RoomAfterLastItem(spacing)) ImGui::SameLine(0, spacing);
}

float ButtonWidth(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

float CheckboxWidth(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
         ImGui::CalcTextSize(label, nullptr, true).x;
}

const char* LongestThatFits(float width, std::initializer_list<const char*> variants) {
  const char* chosen = nullptr;
  for (const char* text : variants) {
    chosen = text;
    if (ImGui::CalcTextSize(text).x <= width) break;
  }
  return chosen ? chosen : "";
}

void TextDisabledAfter(std::initializer_list<const char*> variants) {
  const float room = RoomAfterLastItem();
  const char* text = LongestThatFits(room, variants);
  if (ImGui::CalcTextSize(text).x <= room) {
    ImGui::SameLine();
  } else {
    text = LongestThatFits(ImGui::GetContentRegionAvail().x, variants);
  }
  ImGui::TextDisabled("%s", text);
}

std::string BreakAtSpaces(const std::string& text, float width) {
  std::string out, line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    const std::string longer = line.empty() ? word : line + " " + word;
    if (!line.empty() && ImGui::CalcTextSize(longer.c_str()).x > width) {
      out += line + "\n";
      line = word;
    } else {
      line = longer;
    }
    start = end + 1;
  }
  return out + line;
}

void TextWrappedAtSpaces(const char* fmt, ...) {
  char text[1024];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(text, sizeof text, fmt, args);
  va_end(args);
  const std::string lines = BreakAtSpaces(text, ImGui::GetContentRegionAvail().x);
  ImGui::TextUnformatted(lines.c_str(), lines.c_str() + lines.size());
}

void TextDisabledWrapped(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  TextWrappedAtSpaces("%s", text);
  ImGui::PopStyleColor();
}

}  // namespace app
