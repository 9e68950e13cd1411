// GIF for course pages: libavcodec's gif encoder on frames mapped to one palette per file
// (gif_palette.h), looping forever.
#pragma once

#include <memory>

#include "export/animation_writer.h"
#include "export/frame_sink.h"

namespace sepconv::app {

// GIF delays are whole hundredths of a second and browsers slow delays under 2/100 s to
// 1/10 s, so more than 50 fps is refused (Error InvalidParameter, naming the rate).
inline constexpr int kGifMaxFps = 50;

std::unique_ptr<FrameSink> OpenGifSink(const AnimationSpec& spec);

}  // namespace sepconv::app
