// MP4 with H.264 (libx264 through libavcodec) for slides: yuv420p, BT.709, crf 20.
#pragma once

#include <memory>

#include "export/animation_writer.h"
#include "export/frame_sink.h"

namespace sepconv::app {

// Throws Error(InvalidParameter) for an odd width or height and Error(FileWrite) when
// this FFmpeg has no H.264 encoder or the folder refuses the file.
std::unique_ptr<FrameSink> OpenMp4Sink(const AnimationSpec& spec);

// The settings the MP4 sink uses, for docs/export.md and the benchmark's labels.
inline constexpr const char* kMp4Preset = "veryfast";
inline constexpr int kMp4Crf = 20;

}  // namespace sepconv::app
