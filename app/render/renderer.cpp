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

// Bytes of one texture as the driver stores it: 4 per pixel (R32F or RGBA8), a third
// more with mipmaps.
int64_t TextureSizeBytes(int w, int h, bool mipmaps) {
  const int64_t base = int64_t{4} * w * h;
  return mipmaps ? base + base / 3 + 4 : base;
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
  Release(image_rgb_);
  Release(input_);
  Release(standard_);
  Release(separable_);
  Release(intermediate_);
  Release(viewer_);
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

int64_t Renderer::TextureBoundBytes() {
  const int64_t preview = TextureSizeBytes(kPreviewLongSide, kPreviewLongSide, true);
  const int64_t overview = TextureSizeBytes(kOverviewLongSide, kOverviewLongSide, true) +
                           3 * TextureSizeBytes(kOverviewLongSide, kOverviewLongSide, false);
  return 4 * kMaxShownChannels * preview + overview + 8 * kMaxRegionPixels;
}

void Renderer::Release(TextureSet& set) {
  for (ChannelTexture& t : set) {
    if (t.colour) glDeleteTextures(1, &t.colour);
    texture_bytes_ -= t.bytes;
  }
  set.clear();
}

unsigned Renderer::NewColourTexture(int w, int h, bool mipmaps, int64_t* bytes) {
  *bytes = TextureSizeBytes(w, h, mipmaps);
  texture_bytes_ += *bytes;
  peak_texture_bytes_ = std::max(peak_texture_bytes_, texture_bytes_);
  return NewTexture(GL_RGBA8, w, h, GL_RGBA, GL_UNSIGNED_BYTE, nullptr, mipmaps);
}

unsigned Renderer::NewRawTexture(int w, int h, const float* values) {
  // Alive only while a pass reads it; counted at its peak.
  peak_texture_bytes_ =
      std::max(peak_texture_bytes_, texture_bytes_ + TextureSizeBytes(w, h, false));
  return NewTexture(GL_R32F, w, h, GL_RED, GL_FLOAT, values, false);
}

void Renderer::ColourMap(unsigned raw, unsigned target, int w, int h,
                         const ChannelColouring& colouring, bool mipmaps) {
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
  if (mipmaps) {
    glBindTexture(GL_TEXTURE_2D, target);
    glGenerateMipmap(GL_TEXTURE_2D);
  }
}

void Renderer::UploadSet(const JobResult& result, TensorSource source, TextureSet& set,
                         std::vector<ImTextureID>& handles) {
  Release(set);
  handles.clear();
  // The display copy, never the full-resolution tensor: texture memory stays bounded.
  const Tensor* t = PreviewFor(result, source);
  if (!t || t->rank() != 3) return;
  const int count = std::min(t->dim(0), kMaxTiles);
  const int h = t->dim(1), w = t->dim(2);
  for (int c = 0; c < count; ++c) {
    ChannelTexture ct;
    const GLuint raw = NewRawTexture(w, h, t->plane(c));
    ct.colour = NewColourTexture(w, h, true, &ct.bytes);
    ColourMap(raw, ct.colour, w, h, ColouringFor(result, source, c, robust_), true);
    glDeleteTextures(1, &raw);
    set.push_back(ct);
    handles.push_back(Handle(ct.colour));
  }
}

void Renderer::Sync(AppState& state, ViewTextures& textures) {
  const bool new_image = state.input.revision != image_revision_;
  // A change of colour range re-maps the same result.
  const bool new_result = state.dirty.results || state.robust_range != robust_;
  robust_ = state.robust_range;
  const bool new_viewer =
      state.viewer.region != viewer_image_ || (viewer_image_ && viewer_robust_ != robust_);
  if (!new_image && !new_result && !new_viewer) return;
  SavedState saved;
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glBindVertexArray(vao_);

  if (new_image) {
    image_revision_ = state.input.revision;
    Release(image_rgb_);
    textures.image_rgb = nullptr;
    // The loader's overview, at most kOverviewLongSide on its long side.
    if (state.input.overview && composite_program_) {
      const Tensor& px = *state.input.overview;
      const int c = px.dim(0), h = px.dim(1), w = px.dim(2);
      std::vector<GLuint> raw;
      for (int k = 0; k < c; ++k) raw.push_back(NewRawTexture(w, h, px.plane(k)));
      ChannelTexture rgb;
      rgb.colour = NewColourTexture(w, h, true, &rgb.bytes);
      glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
      glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, rgb.colour, 0);
      glViewport(0, 0, w, h);
      glUseProgram(composite_program_);
      const char* names[3] = {"red", "green", "blue"};
      for (int k = 0; k < 3; ++k) {
        glActiveTexture(GLenum(GL_TEXTURE0 + k));
        glBindTexture(GL_TEXTURE_2D, raw[size_t(std::min(k, c - 1))]);
        glUniform1i(glGetUniformLocation(composite_program_, names[k]), k);
      }
      glUniform1i(glGetUniformLocation(composite_program_, "grey"), c < 3 ? 1 : 0);
      glDrawArrays(GL_TRIANGLES, 0, 3);
      glActiveTexture(GL_TEXTURE0);
      glBindTexture(GL_TEXTURE_2D, rgb.colour);
      glGenerateMipmap(GL_TEXTURE_2D);
      for (GLuint t : raw) glDeleteTextures(1, &t);
      image_rgb_.push_back(rgb);
      textures.image_rgb = Handle(rgb.colour);
    }
  }
  UploadViewer(state, textures);
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

void Renderer::UploadViewer(AppState& state, ViewTextures& textures) {
  const bool stale = state.viewer.region != viewer_image_ || viewer_robust_ != robust_;
  if (!stale) return;
  viewer_image_ = state.viewer.region;
  viewer_robust_ = robust_;
  Release(viewer_);
  textures.viewer = nullptr;
  textures.viewer_request = RegionRequest{};
  if (!viewer_image_ || !viewer_image_->request.result) return;
  const RegionRequest& q = viewer_image_->request;
  const GLuint raw = NewRawTexture(q.size.w, q.size.h, viewer_image_->values.data());
  ChannelTexture ct;
  ct.colour = NewColourTexture(q.size.w, q.size.h, false, &ct.bytes);
  ColourMap(raw, ct.colour, q.size.w, q.size.h,
            ColouringFor(*q.result, q.source, q.channel, robust_), false);
  glDeleteTextures(1, &raw);
  viewer_.push_back(ct);
  textures.viewer = Handle(ct.colour);
  textures.viewer_request = q;
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
