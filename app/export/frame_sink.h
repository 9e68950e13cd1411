// What each of the three formats implements behind AnimationWriter: frames in, a finished
// file out, or everything removed.
#pragma once

#include <cstdint>

namespace sepconv::app {

// Frames arrive as packed, top-down RGB24 (width * 3 bytes per row): AnimationWriter
// converts the caller's layout once, so the sinks share one input.
class FrameSink {
 public:
  virtual ~FrameSink() = default;
  virtual void AddPaletteSample(const uint8_t* /*rgb*/) {}
  virtual void AddFrame(const uint8_t* rgb) = 0;
  // Completes the output and renames it into place. Throws Error(FileWrite); the sink has
  // removed its temporary output by then.
  virtual void Finish() = 0;
  // Releases everything and removes the temporary output; never throws.
  virtual void Abort() noexcept = 0;
};

}  // namespace sepconv::app
