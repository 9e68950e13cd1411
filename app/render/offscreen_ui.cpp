// ImGui frames drawn off screen for the animation export; see offscreen_ui.h.
#include "render/offscreen_ui.h"

#include <glad/gl.h>

#include "backends/imgui_impl_opengl3.h"
#include "widgets/app_fonts.h"

namespace sepconv::app {
namespace {

// Makes `context` current for a scope and gives the previous one back.
class ContextScope {
 public:
  explicit ContextScope(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(context);
  }
  ~ContextScope() { ImGui::SetCurrentContext(previous_); }
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;

 private:
  ImGuiContext* previous_;
};

}  // namespace

OffscreenUi::~OffscreenUi() {
  Release();
}

void OffscreenUi::Release() {
  if (context_) {
    {
      ContextScope scope(context_);
      ImGui_ImplOpenGL3_Shutdown();
    }
    ImGui::DestroyContext(context_);
    context_ = nullptr;
  }
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (colour_) glDeleteTextures(1, &colour_);
  fbo_ = colour_ = 0;
}

Outcome OffscreenUi::Init(int width, int height, float font_size, const ImGuiStyle& style) {
  Release();
  GLint max_size = 0;
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
  if (width < 16 || height < 16 || width > max_size || height > max_size) {
    return Outcome::Failure("a " + std::to_string(width) + " x " + std::to_string(height) +
                            " frame is outside what this GL can draw (16 to " +
                            std::to_string(max_size) + " pixels a side)");
  }
  width_ = width, height_ = height;
  GLint previous_fbo = 0, previous_texture = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous_fbo);
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous_texture);
  glGenTextures(1, &colour_);
  glBindTexture(GL_TEXTURE_2D, colour_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glGenFramebuffers(1, &fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colour_, 0);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous_fbo));
  glBindTexture(GL_TEXTURE_2D, GLuint(previous_texture));
  if (status != GL_FRAMEBUFFER_COMPLETE) {
    Release();
    return Outcome::Failure("the GL could not make a " + std::to_string(width) + " x " +
                            std::to_string(height) + " framebuffer");
  }
  // Its own atlas: the window's may be rebuilt (a new UI scale) while this one draws.
  context_ = ImGui::CreateContext();
  ContextScope scope(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(float(width), float(height));
  AddAppFonts(io.Fonts, font_size);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  ImGui::GetStyle() = style;
  return {};
}

void OffscreenUi::Render(const std::function<void()>& draw, const ImVec4& clear,
                         float seconds_per_frame, std::vector<uint8_t>* rgba) {
  {
    ContextScope scope(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(width_), float(height_));
    io.DeltaTime = seconds_per_frame > 0 ? seconds_per_frame : 1.0f / 30;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    GLint previous_fbo = 0, viewport[4];
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous_fbo);
    glGetIntegerv(GL_VIEWPORT, viewport);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, width_, height_);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    rgba->resize(size_t(width_) * size_t(height_) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, rgba->data());
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous_fbo));
    glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  }
}

}  // namespace sepconv::app
