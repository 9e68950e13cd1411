// GL side of the renderer; see renderer.h. All passes draw one full-screen triangle
// into a texture-sized viewport of an offscreen framebuffer.
#include "renderer.h"

#include <glad/gl.h>

#include <algorithm>

#include "channel_tiles.h"
#include "colormap.h"
#include "shader_sources.h"

namespace sepconv::app {
namespace {

GLuint Compile(GLenum type, const char* source, const char* name, std::string* error) {
  const GLuint shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    *error += std::string(name) + ": " + log;
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

GLuint Link(const char* vs_source, const char* fs_source, const char* fs_name, std::string* error) {
  const GLuint vs = Compile(GL_VERTEX_SHADER, vs_source, "fullscreen.vert", error);
  const GLuint fs = Compile(GL_FRAGMENT_SHADER, fs_source, fs_name, error);
  if (!vs || !fs) {
    if (vs) glDeleteShader(vs);
    if (fs) glDeleteShader(fs);
    return 0;
  }
  const GLuint program = glCreateProgram();
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048] = {};
    glGetProgramInfoLog(program, sizeof log, nullptr, log);
    *error += std::string("link ") + fs_name + ": " + log;
    glDeleteProgram(program);
    return 0;
  }
  return program;
}

GLuint NewTexture(GLenum internal_format, int w, int h, GLenum format, GLenum type,
                  const void* data, bool mipmaps) {
  GLuint tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(internal_format), w, h, 0, format, type, data);
  // Nearest when magnified: each tensor value stays a crisp square when zoomed in.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER,
                  mipmaps ? GL_LINEAR_MIPMAP_LINEAR : GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  return tex;
}

ImTextureID Handle(GLuint tex) {
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex));
}

void SetStops(GLuint program, const std::array<Rgb, kColourStops>& stops) {
  float flat[3 * kColourStops];
  for (int i = 0; i < kColourStops; ++i) {
    flat[3 * i] = stops[size_t(i)].r;
    flat[3 * i + 1] = stops[size_t(i)].g;
    flat[3 * i + 2] = stops[size_t(i)].b;
  }
  glUniform3fv(glGetUniformLocation(program, "stops"), kColourStops, flat);
}

// Saves and restores what the passes change, so ImGui's backend sees its own state.
struct SavedState {
  GLint fbo = 0, viewport[4] = {}, program = 0, vao = 0, texture = 0, active = 0;
  GLboolean blend = GL_FALSE, scissor = GL_FALSE;
  SavedState() {
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &fbo);
    glGetIntegerv(GL_VIEWPORT, viewport);
    glGetIntegerv(GL_CURRENT_PROGRAM, &program);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &active);
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &texture);
    blend = glIsEnabled(GL_BLEND);
    scissor = glIsEnabled(GL_SCISSOR_TEST);
  }
  ~SavedState() {
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(fbo));
    glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
    glUseProgram(GLuint(program));
    glBindVertexArray(GLuint(vao));
    glActiveTexture(GLenum(active));
    glBindTexture(GL_TEXTURE_2D, GLuint(texture));
    if (blend) glEnable(GL_BLEND);
    if (scissor) glEnable(GL_SCISSOR_TEST);
  }
};

}  // namespace

Renderer::~Renderer() {
  Release(image_raw_);
  Release(input_);
  Release(standard_);
  Release(separable_);
  Release(intermediate_);
  if (image_rgb_) glDeleteTextures(1, &image_rgb_);
  if (colormap_program_) glDeleteProgram(colormap_program_);
  if (composite_program_) glDeleteProgram(composite_program_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
}

bool Renderer::Init() {
  error_.clear();
  colormap_program_ =
      Link(kShader_fullscreen_vert, kShader_colormap_frag, "colormap.frag", &error_);
  composite_program_ =
      Link(kShader_fullscreen_vert, kShader_composite_frag, "composite.frag", &error_);
  glGenVertexArrays(1, &vao_);  // core profile draws need a VAO even with no attributes
  glGenFramebuffers(1, &fbo_);
  return error_.empty();
}

void Renderer::Release(TextureSet& set) {
  for (ChannelTexture& t : set) {
    if (t.raw) glDeleteTextures(1, &t.raw);
    if (t.colour) glDeleteTextures(1, &t.colour);
  }
  set.clear();
}

void Renderer::ColourMap(unsigned raw, unsigned target, int w, int h,
                         const ChannelColouring& colouring) {
  if (!colormap_program_) return;
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target, 0);
  glViewport(0, 0, w, h);
  glUseProgram(colormap_program_);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, raw);
  glUniform1i(glGetUniformLocation(colormap_program_, "channel"), 0);
  glUniform1i(glGetUniformLocation(colormap_program_, "diverging"), colouring.diverging ? 1 : 0);
  glUniform1f(glGetUniformLocation(colormap_program_, "range"), colouring.range);
  SetStops(colormap_program_, colouring.diverging ? kDivergingStops : kSequentialStops);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindTexture(GL_TEXTURE_2D, target);
  glGenerateMipmap(GL_TEXTURE_2D);
}

void Renderer::UploadSet(const JobResult& result, TensorSource source, TextureSet& set,
                         std::vector<ImTextureID>& handles) {
  Release(set);
  handles.clear();
  const Tensor* t = TensorFor(result, source);
  if (!t || t->rank() != 3) return;
  const int count = std::min(t->dim(0), kMaxTiles);
  const int h = t->dim(1), w = t->dim(2);
  for (int c = 0; c < count; ++c) {
    ChannelTexture ct;
    ct.raw = NewTexture(GL_R32F, w, h, GL_RED, GL_FLOAT, t->plane(c), false);
    ct.colour = NewTexture(GL_RGBA8, w, h, GL_RGBA, GL_UNSIGNED_BYTE, nullptr, true);
    ColourMap(ct.raw, ct.colour, w, h, ColouringFor(result, source, c, robust_));
    set.push_back(ct);
    handles.push_back(Handle(ct.colour));
  }
}

void Renderer::Sync(AppState& state, ViewTextures& textures) {
  const bool new_image = state.input.revision != image_revision_;
  // A change of colour range re-maps the same result.
  const bool new_result = state.dirty.results || state.robust_range != robust_;
  robust_ = state.robust_range;
  if (!new_image && !new_result) return;
  SavedState saved;
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glBindVertexArray(vao_);

  if (new_image) {
    image_revision_ = state.input.revision;
    Release(image_raw_);
    if (image_rgb_) glDeleteTextures(1, &image_rgb_);
    image_rgb_ = 0;
    textures.image_rgb = nullptr;
    if (state.input.image && composite_program_) {
      const Tensor& px = state.input.image->pixels;
      const int c = px.dim(0), h = px.dim(1), w = px.dim(2);
      for (int k = 0; k < c; ++k) {
        image_raw_.push_back({NewTexture(GL_R32F, w, h, GL_RED, GL_FLOAT, px.plane(k), false), 0});
      }
      image_rgb_ = NewTexture(GL_RGBA8, w, h, GL_RGBA, GL_UNSIGNED_BYTE, nullptr, true);
      glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
      glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, image_rgb_, 0);
      glViewport(0, 0, w, h);
      glUseProgram(composite_program_);
      const char* names[3] = {"red", "green", "blue"};
      for (int k = 0; k < 3; ++k) {
        glActiveTexture(GLenum(GL_TEXTURE0 + k));
        glBindTexture(GL_TEXTURE_2D, image_raw_[size_t(std::min(k, c - 1))].raw);
        glUniform1i(glGetUniformLocation(composite_program_, names[k]), k);
      }
      glUniform1i(glGetUniformLocation(composite_program_, "grey"), c < 3 ? 1 : 0);
      glDrawArrays(GL_TRIANGLES, 0, 3);
      glActiveTexture(GL_TEXTURE0);
      glBindTexture(GL_TEXTURE_2D, image_rgb_);
      glGenerateMipmap(GL_TEXTURE_2D);
      textures.image_rgb = Handle(image_rgb_);
    }
  }
  if (new_result) {
    state.dirty.results = false;
    if (const JobResult* r = state.result.get()) {
      UploadSet(*r, TensorSource::Input, input_, textures.input);
      UploadSet(*r, TensorSource::Standard, standard_, textures.standard);
      UploadSet(*r, TensorSource::Separable, separable_, textures.separable);
      UploadSet(*r, TensorSource::Intermediate, intermediate_, textures.intermediate);
    }
  }
}

std::vector<uint8_t> Renderer::ReadFramebuffer(int width, int height) {
  std::vector<uint8_t> bottom_up(size_t(width) * size_t(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
  // GL's origin is bottom-left; images are stored top row first.
  std::vector<uint8_t> top_down(bottom_up.size());
  const size_t row = size_t(width) * 4;
  for (int y = 0; y < height; ++y) {
    std::copy_n(bottom_up.begin() + std::ptrdiff_t(size_t(height - 1 - y) * row), row,
                top_down.begin() + std::ptrdiff_t(size_t(y) * row));
  }
  return top_down;
}

}  // namespace sepconv::app
