// GL side of the renderer; see renderer.h. All passes draw one full-screen triangle
// into a texture-sized viewport of an offscreen framebuffer.
#include "render/renderer.h"

#include <glad/gl.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "shader_sources.h"
#include "state/colormap.h"
#include "views/channel_tiles.h"

namespace sepconv::app {
namespace {

// Fault injection for the tests (docs/limits.md): SEPCONV_FAULT_SHADER=colormap.frag (or
// fullscreen.vert) compiles a broken source in that shader's place, as a damaged build
// or a driver that rejects it would.
const char* SourceOrInjectedFault(const char* source, const char* name) {
  const char* broken = std::getenv("SEPCONV_FAULT_SHADER");
  if (broken && std::strcmp(broken, name) == 0)
    return "#version 330 core\nvoid main() { this_does_not_compile; }\n";
  return source;
}

GLuint Compile(GLenum type, const char* source, const char* name, std::string* error) {
  source = SourceOrInjectedFault(source, name);
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

// Nearest when magnified, so each value stays a crisp square when zoomed in; trilinear
// when shrunk if the texture has mipmaps. For the texture bound to GL_TEXTURE_2D.
void SetSampling(int levels) {
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, levels - 1);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER,
                  levels > 1 ? GL_LINEAR_MIPMAP_LINEAR : GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

// A texture of one level from `data` (null: contents left to a render pass).
GLuint NewTexture(GLenum internal_format, int w, int h, GLenum format, GLenum type,
                  const void* data) {
  GLuint tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(internal_format), w, h, 0, format, type, data);
  SetSampling(1);
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

// The views' tile handles of each tensor, indexed by TensorSource like shown_.
std::array<std::vector<ImTextureID>*, kTensorSources> TileHandles(ViewTextures& textures) {
  return {&textures.input, &textures.standard, &textures.separable, &textures.intermediate,
          &textures.spatial};
}

}  // namespace

Renderer::~Renderer() {
  Release(image_rgb_);
  for (TextureSet& set : shown_) Release(set);
  Release(viewer_);
  if (colormap_program_) glDeleteProgram(colormap_program_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
}

Outcome Renderer::Init() {
  error_.clear();
  colormap_program_ =
      Link(kShader_fullscreen_vert, kShader_colormap_frag, "colormap.frag", &error_);
  glGenVertexArrays(1, &vao_);  // core profile draws need a VAO even with no attributes
  glGenFramebuffers(1, &fbo_);
  return error_.empty() ? Outcome{} : Outcome::Failure(error_);
}

int64_t Renderer::TextureBoundBytes() {
  const int64_t preview = TextureSizeBytes(kPreviewLongSide, kPreviewLongSide, true);
  const int64_t overview = TextureSizeBytes(kOverviewLongSide, kOverviewLongSide, true);
  // Four full sets (the depthwise and the spatial output share one, PreviewChannelLimit)
  // and one tile more while a new result replaces the shown one.
  return (4 * kMaxPreviewChannels + 1) * preview + overview + 8 * kMaxRegionPixels;
}

void Renderer::Release(TextureSet& set) {
  for (ChannelTexture& t : set) {
    if (t.colour) glDeleteTextures(1, &t.colour);
    texture_bytes_ -= t.bytes;
  }
  set.clear();
}

unsigned Renderer::NewColourTexture(int w, int h, int64_t* bytes) {
  *bytes = TextureSizeBytes(w, h, false);
  texture_bytes_ += *bytes;
  peak_texture_bytes_ = std::max(peak_texture_bytes_, texture_bytes_);
  return NewTexture(GL_RGBA8, w, h, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
}

unsigned Renderer::NewRawTexture(int w, int h, const float* values) {
  // Alive only while a pass reads it; counted at its peak.
  peak_texture_bytes_ =
      std::max(peak_texture_bytes_, texture_bytes_ + TextureSizeBytes(w, h, false));
  return NewTexture(GL_R32F, w, h, GL_RED, GL_FLOAT, values);
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
}

unsigned Renderer::UploadMips(const RgbaMips& m, int64_t* bytes) {
  GLuint tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  for (size_t level = 0; level < m.levels.size(); ++level) {
    glTexImage2D(GL_TEXTURE_2D, GLint(level), GL_RGBA8, m.widths[level], m.heights[level], 0,
                 GL_RGBA, GL_UNSIGNED_BYTE, m.levels[level].data());
  }
  SetSampling(static_cast<int>(m.levels.size()));
  *bytes = m.bytes();
  texture_bytes_ += *bytes;
  peak_texture_bytes_ = std::max(peak_texture_bytes_, texture_bytes_);
  return tex;
}

void Renderer::ReleaseResultTextures(ViewTextures& textures) {
  for (TextureSet& set : shown_) Release(set);
  for (auto* handles : TileHandles(textures)) handles->clear();
  shown_tiles_.reset();
  staging_tiles_.reset();
  staged_ = 0;
  Release(viewer_);
  viewer_image_.reset();
  textures.viewer = nullptr;
  textures.viewer_request = RegionRequest{};
}

bool Renderer::UploadTiles(const AppState& state, ViewTextures& textures) {
  if (!state.doc.tiles && shown_tiles_) {
    ReleaseResultTextures(textures);  // nothing to show: free the old tiles too
    return false;
  }
  if (state.doc.tiles != staging_tiles_) {
    staging_tiles_ = state.doc.tiles;  // a newer set restarts the replacement
    staged_ = 0;
  }
  if (!staging_tiles_ || staging_tiles_ == shown_tiles_) return false;
  // Uploads are spread over frames with a time budget, so no frame waits for the whole
  // set (38 tiles took 150-200 ms in one frame under Mesa's software rasteriser). Each
  // new tile replaces the old one at its place at once, so at most one tile more than a
  // full set is ever alive (Renderer::TextureBoundBytes).
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto handles = TileHandles(textures);
  if (staged_ == 0) {
    // First drop the old tiles the new result has no place for: switching to the spatial
    // output halves the depthwise set while the spatial one fills, and the two together
    // must stay within one set's worth.
    DropTilesBeyond(*staging_tiles_, textures);
  }
  size_t item = 0;
  for (size_t s = 0; s < staging_tiles_->sets.size(); ++s) {
    const auto& pictures = staging_tiles_->sets[s];
    const size_t count = std::min(pictures.size(), size_t(kMaxTiles));
    for (size_t c = 0; c < count; ++c, ++item) {
      if (item < staged_) continue;
      if (std::chrono::duration<double, std::milli>(Clock::now() - start).count() > 8.0)
        return true;
      ChannelTexture ct;
      ct.colour = UploadMips(pictures[c], &ct.bytes);
      TextureSet& shown = shown_[s];
      if (c < shown.size()) {
        TextureSet old{shown[c]};
        Release(old);
        shown[c] = ct;
        (*handles[s])[c] = Handle(ct.colour);
      } else {
        shown.push_back(ct);
        handles[s]->push_back(Handle(ct.colour));
      }
      ++staged_;
    }
  }
  shown_tiles_ = staging_tiles_;
  return false;
}

void Renderer::DropTilesBeyond(const DisplayTiles& tiles, ViewTextures& textures) {
  const auto handles = TileHandles(textures);
  for (size_t s = 0; s < size_t(kTensorSources); ++s) {
    const size_t count = std::min(tiles.sets[s].size(), size_t(kMaxTiles));
    if (shown_[s].size() > count) {
      TextureSet extra(shown_[s].begin() + std::ptrdiff_t(count), shown_[s].end());
      Release(extra);
      shown_[s].resize(count);
      handles[s]->resize(count);
    }
  }
}

void Renderer::Sync(const AppState& state, ViewTextures& textures) {
  robust_ = state.ui.robust_range;
  if (state.doc.input.revision != image_revision_) {
    image_revision_ = state.doc.input.revision;
    Release(image_rgb_);
    textures.image_rgb = nullptr;
    // The loader's overview, coloured and mipmapped on its thread.
    if (state.doc.input.overview) {
      ChannelTexture rgb;
      rgb.colour = UploadMips(*state.doc.input.overview, &rgb.bytes);
      image_rgb_.push_back(rgb);
      textures.image_rgb = Handle(rgb.colour);
    }
  }
  uploading_ = UploadTiles(state, textures);
  if (state.ui.viewer.region != viewer_image_ || (viewer_image_ && viewer_robust_ != robust_)) {
    SavedState saved;
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glBindVertexArray(vao_);
    UploadViewer(state, textures);
  }
}

void Renderer::UploadViewer(const AppState& state, ViewTextures& textures) {
  viewer_image_ = state.ui.viewer.region;
  viewer_robust_ = robust_;
  Release(viewer_);
  textures.viewer = nullptr;
  textures.viewer_request = RegionRequest{};
  if (!viewer_image_ || !viewer_image_->request.result) return;
  const RegionRequest& q = viewer_image_->request;
  const GLuint raw = NewRawTexture(q.size.w, q.size.h, viewer_image_->values.data());
  ChannelTexture ct;
  ct.colour = NewColourTexture(q.size.w, q.size.h, &ct.bytes);
  ColourMap(raw, ct.colour, q.size.w, q.size.h,
            ColouringFor(*q.result, q.source, q.channel, robust_));
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
