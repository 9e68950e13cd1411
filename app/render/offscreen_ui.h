// An ImGui frame drawn into a framebuffer object of a chosen size and read back, for the
// animation export: its own ImGui context and font atlas (the window's fonts at the
// window's size), so neither the window's size nor its frame rate changes the picture.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "imgui.h"
#include "state/outcome.h"

namespace sepconv::app {

class OffscreenUi {
 public:
  OffscreenUi() = default;
  ~OffscreenUi();
  OffscreenUi(const OffscreenUi&) = delete;
  OffscreenUi& operator=(const OffscreenUi&) = delete;

  // A width x height RGBA8 framebuffer and the context, drawn with `style`. Call with the
  // window's GL context current. Fails with why not (the size the GL cannot make).
  Outcome Init(int width, int height, float font_size, const ImGuiStyle& style);

  // One ImGui frame: `draw` builds it inside this context (the window's context is
  // restored afterwards), cleared to `clear`, rendered and read back into *rgba as
  // width * height * 4 bytes, the bottom row first (glReadPixels order).
  void Render(const std::function<void()>& draw, const ImVec4& clear, float seconds_per_frame,
              std::vector<uint8_t>* rgba);

  int Width() const { return width_; }
  int Height() const { return height_; }

 private:
  void Release();

  ImGuiContext* context_ = nullptr;
  unsigned fbo_ = 0, colour_ = 0;
  int width_ = 0, height_ = 0;
};

}  // namespace sepconv::app
