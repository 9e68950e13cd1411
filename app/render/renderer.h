// The render layer: uploads tensors as R32F textures (one per channel), colour-maps
// them with the embedded shaders into RGBA textures the views show, and reads back the
// framebuffer for screenshots. The only place besides platform/ that calls GL.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app_state.h"
#include "view_context.h"

namespace sepconv::app {

class Renderer {
 public:
  Renderer() = default;
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Compiles the shaders; on failure returns false and error() holds the GL log.
  bool Init();
  const std::string& error() const { return error_; }

  // Re-uploads what changed (new image revision, new result) and updates the handles.
  // Call before the views draw, so no frame references a deleted texture.
  void Sync(AppState& state, ViewTextures& textures);

  // RGBA8 pixels of the default framebuffer, top row first.
  static std::vector<uint8_t> ReadFramebuffer(int width, int height);

 private:
  struct ChannelTexture {
    unsigned raw = 0;     // GL_R32F, the values as computed
    unsigned colour = 0;  // GL_RGBA8, colour-mapped by the shader
  };
  using TextureSet = std::vector<ChannelTexture>;

  void UploadSet(const JobResult& result, TensorSource source, TextureSet& set,
                 std::vector<ImTextureID>& handles);
  void ColourMap(unsigned raw, unsigned target, int w, int h, const ChannelColouring& colouring);
  static void Release(TextureSet& set);

  std::string error_;
  unsigned colormap_program_ = 0, composite_program_ = 0;
  unsigned vao_ = 0, fbo_ = 0;
  TextureSet image_raw_;  // the loaded image's channels
  unsigned image_rgb_ = 0;
  uint64_t image_revision_ = 0;
  bool robust_ = true;
  TextureSet input_, standard_, separable_, intermediate_;
};

}  // namespace sepconv::app
