// One 256-colour palette for a whole GIF, built by libavfilter's palettegen from sample
// frames and the first frame, then applied to every frame by paletteuse. One palette
// (not one per frame) keeps unchanged pixels identical from frame to frame, so the GIF
// encoder stores only what moved and nothing shimmers.
#pragma once

#include <cstdint>

#include "export/libav_util.h"

namespace sepconv::app {

class GifPalette {
 public:
  // Frames are packed RGB24, width x height; pts in 1/fps.
  GifPalette(int width, int height, int fps);

  // Counts the frame's colours toward the palette. Only before the first Push.
  void AddSample(const uint8_t* rgb);
  // Maps a frame to the palette (building it on the first call); the PAL8 results come
  // out of Pull, possibly later than they went in.
  void Push(const uint8_t* rgb, int64_t pts);
  // Ends the input, so Pull returns the frames still held.
  void Flush();
  // The next PAL8 frame with its palette in data[1], or null when none is ready.
  FramePtr Pull();

 private:
  void BuildPalette();
  FramePtr Wrap(const uint8_t* rgb, int64_t pts) const;

  int width_;
  int height_;
  int fps_;
  int64_t samples_ = 0;
  GraphPtr gen_graph_;  // buffer -> palettegen -> buffersink
  AVFilterContext* gen_in_ = nullptr;
  AVFilterContext* gen_out_ = nullptr;
  GraphPtr use_graph_;  // buffer + buffer(palette) -> paletteuse -> buffersink
  AVFilterContext* use_in_ = nullptr;
  AVFilterContext* use_out_ = nullptr;
};

// How paletteuse dithers (docs/export.md says why).
inline constexpr const char* kGifDither = "sierra2_4a";

}  // namespace sepconv::app
