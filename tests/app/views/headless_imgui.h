// An ImGui context with no backend, as imgui's example_null sets one up, for the tests
// that drive views frame by frame: no imgui.ini, a fixed display size and frame time,
// and the font atlas built (nothing uploads it).
#pragma once

#include <imgui.h>

inline ImGuiContext* CreateHeadlessImGui(ImVec2 display_size) {
  ImGuiContext* context = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = display_size;
  io.DeltaTime = 1.0f / 60.0f;
  // As the app's OpenGL 3 backend declares: a window may hold more than 64K vertices.
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  return context;
}
