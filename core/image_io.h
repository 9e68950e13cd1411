// Loading images into CHW float tensors (stb_image) and writing PNG previews.
//
// Channels: gray -> 1 channel, RGB -> 3. Alpha is composited over white (so
// transparent areas look as they do in an image viewer) and then dropped: the tensor
// has 1 or 3 channels. 8-bit values map to [0,1] by /255, 16-bit by /65535; HDR
// (Radiance) values are linear and may exceed 1.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

#include "resize.h"
#include "tensor.h"

namespace sepconv {

// Images above this many pixels are refused before decoding (64 MP, e.g. 8192 x 8192).
constexpr int64_t kMaxImagePixels = 64LL * 1024 * 1024;

struct LoadedImage {
  Tensor pixels;             // [C, H, W], C = 1 or 3
  int channels_in_file = 0;  // 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA
  int bits_per_channel = 8;  // 8, 16, or 32 for HDR
  bool had_alpha = false;
};

// Throws Error(ImageLoad) with the file and stb's reason, or Error(ImageTooLarge)
// with the size and the limit, before any pixel is decoded.
LoadedImage load_image(const std::string& path, int64_t max_pixels = kMaxImagePixels);

struct ImageSize {
  int width = 0, height = 0;
};
// The size from the file's header, without decoding: what a lesson checks its layers
// against before anything is loaded. Throws as load_image does.
ImageSize read_image_size(const std::string& path, int64_t max_pixels = kMaxImagePixels);

// Encoded image bytes in memory (for tests and drag-and-drop buffers).
LoadedImage load_image_from_memory(const unsigned char* bytes, int length, const std::string& name,
                                   int64_t max_pixels = kMaxImagePixels);

// Writes a [1 or 3 or 4, H, W] tensor with values in [0,1] (clamped) as PNG via a
// temporary file renamed into place. Throws Error(FileWrite).
void write_png(const std::string& path, const Tensor& chw);

// Writes a preview PNG meant for looking at: the first `max_channels` channels of a
// [C, H, W] tensor as a grid of tiles (area-averaged down so the picture's long side is at
// most max_side), in grey when every value is in [0, 1], else in a diverging map over
// one symmetric range for all tiles (blue negative, white zero, red positive).
// Images are averaged down; signed data keeps its peaks (`shrink`, resize.h).
void write_preview_grid_png(const std::string& path, const Tensor& chw, int max_side = 2048,
                            int max_channels = 64, Shrink shrink = Shrink::Average);

}  // namespace sepconv
