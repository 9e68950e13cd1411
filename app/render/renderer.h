// The render layer: uploads the bounded display copies of the image and of each tensor
// (coloured and mipmapped by the workers, uploaded over several frames within a time
// budget), colour-maps the channel viewer's region picture with the embedded shader, and
// reads back the framebuffer for screenshots. Texture memory is counted and does not grow with the
// photo. The only place besides platform/ that calls GL.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "state/app_state.h"
#include "state/outcome.h"
#include "views/view_context.h"

namespace sepconv::app {

class Renderer {
 public:
  Renderer() = default;
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Compiles the shaders; fails with the GL log.
  Outcome Init();

  // Re-uploads what changed (new image revision, new result) and updates the handles.
  // Call before the views draw, so no frame references a deleted texture.
  void Sync(const AppState& state, ViewTextures& textures);

  // Lets go of everything made from the shown result (tiles, the viewer's picture), when
  // the result itself is let go to make room for the next job.
  void ReleaseResultTextures(ViewTextures& textures);

  // RGBA8 pixels of the default framebuffer, top row first.
  static std::vector<uint8_t> ReadFramebuffer(int width, int height);

  // Bytes of the textures alive now, and the most at any moment (a colour pass's
  // short-lived R32F source included).
  int64_t TextureBytes() const { return texture_bytes_; }
  // True while a new result's tiles are still being uploaded (keep drawing frames).
  bool Uploading() const { return uploading_; }
  // The most the renderer can hold, whatever the photo: four sets of kMaxPreviewChannels
  // display copies (long side kPreviewLongSide, RGBA8 with mipmaps; input, standard,
  // separable, and one the depthwise and the spatial output share: PreviewChannelLimit),
  // the overview (with its R32F channels while it is composited) and the viewer's region
  // picture (at most kMaxRegionPixels, RGBA8 plus its R32F source).
  static int64_t TextureBoundBytes();
  int64_t PeakTextureBytes() const { return peak_texture_bytes_; }

 private:
  struct ChannelTexture {
    unsigned colour = 0;  // GL_RGBA8, colour-mapped by the shader
    int64_t bytes = 0;
  };
  using TextureSet = std::vector<ChannelTexture>;

  unsigned UploadMips(const RgbaMips& mips, int64_t* bytes);
  // Stages state.doc.tiles within a frame's time budget; true while some are still to go.
  bool UploadTiles(const AppState& state, ViewTextures& textures);
  void UploadViewer(const AppState& state, ViewTextures& textures);
  void ColourMap(unsigned raw, unsigned target, int w, int h, const ChannelColouring& colouring);
  unsigned NewColourTexture(int w, int h, int64_t* bytes);
  unsigned NewRawTexture(int w, int h, const float* values);
  void Release(TextureSet& set);
  // Releases the shown tiles past each set's count in `tiles` (the result replacing them).
  void DropTilesBeyond(const DisplayTiles& tiles, ViewTextures& textures);

  std::string error_;
  unsigned colormap_program_ = 0;
  unsigned vao_ = 0, fbo_ = 0;
  TextureSet image_rgb_;  // the loaded image's overview, composited to RGB
  uint64_t image_revision_ = 0;
  bool robust_ = true;
  std::array<TextureSet, kTensorSources> shown_;  // indexed by TensorSource
  std::shared_ptr<const DisplayTiles> shown_tiles_, staging_tiles_;
  size_t staged_ = 0;
  bool uploading_ = false;
  TextureSet viewer_;  // the channel viewer's region picture
  std::shared_ptr<const RegionImage> viewer_image_;
  bool viewer_robust_ = true;
  int64_t texture_bytes_ = 0, peak_texture_bytes_ = 0;
};

}  // namespace sepconv::app
