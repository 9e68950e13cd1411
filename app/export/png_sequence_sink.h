// A folder of PNGs, frame_00000.png, frame_00001.png, ...: lossless frames for a teacher
// who edits the video elsewhere. The set appears whole or not at all.
#pragma once

#include <memory>
#include <string>

#include "export/animation_writer.h"
#include "export/frame_sink.h"

namespace sepconv::app {

// Five digits: at 30 fps that is 55 minutes, longer than any lesson.
inline constexpr int kPngSequenceMaxFrames = 100000;

// "frame_00042.png"
std::string PngFrameName(int index);

// Throws Error(FileWrite) when the folder's parent is missing, the path is a file, or
// the folder holds a frame_*.png set and `overwrite` is false.
std::unique_ptr<FrameSink> OpenPngSequenceSink(const AnimationSpec& spec);

}  // namespace sepconv::app
