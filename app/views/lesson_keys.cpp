// Lesson keys, for keyboards and presenter clickers (docs/app.md lists the mapping):
// PageDown/PageUp step through the lesson, B or . blanks the screen and any key brings
// it back; in presentation mode Left/Right step too, since some clickers send arrows.
// No key fires while a text field has focus.
#include "views/views.h"

namespace sepconv::app {
namespace {

bool Pressed(ImGuiKey key, bool repeat = true) {
  const int index = ImGui::GetKeyIndex(key);
  return index >= 0 && ImGui::IsKeyPressed(index, repeat);
}

// Any key or click this frame: the blank screen's way back.
bool AnyInput() {
  const ImGuiIO& io = ImGui::GetIO();
  for (int key = 0; key < IM_ARRAYSIZE(io.KeysDown); ++key) {
    if (ImGui::IsKeyPressed(key, false)) return true;
  }
  return !io.InputQueueCharacters.empty() || ImGui::IsMouseClicked(ImGuiMouseButton_Left);
}

// B, b or . typed this frame (as characters, so any keyboard layout works).
bool BlankKeyTyped() {
  for (ImWchar c : ImGui::GetIO().InputQueueCharacters) {
    if (c == 'b' || c == 'B' || c == '.') return true;
  }
  return false;
}

}  // namespace

FrameRequests HandleLessonKeys(const LessonPlayer& lesson, bool presenting, bool& blanked) {
  FrameRequests asked;
  const ImGuiIO& io = ImGui::GetIO();
  if (blanked) {
    if (AnyInput()) blanked = false;
    return asked;  // the key that brings the screen back does nothing else
  }
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || !lesson.open()) return asked;
  const bool arrows = presenting;
  if (Pressed(ImGuiKey_PageDown) || (arrows && Pressed(ImGuiKey_RightArrow)))
    asked.go_to_step = lesson.step + 1;
  if (Pressed(ImGuiKey_PageUp) || (arrows && Pressed(ImGuiKey_LeftArrow)))
    asked.go_to_step = std::max(lesson.step - 1, 0);
  if (BlankKeyTyped()) blanked = true;
  return asked;
}

}  // namespace sepconv::app
