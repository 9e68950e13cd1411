// Writing an animation's frames as a file a teacher can use: MP4 (H.264) for slides, GIF
// for course pages, or a folder of PNGs. A cancelled or failed export leaves nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sepconv::app {

enum class AnimationFormat { Mp4, Gif, PngSequence };

// The format a path names: ".mp4" and ".gif" (any case) name files; an existing folder,
// a path ending in '/' or a name without an extension names a PNG folder. Throws
// Error(InvalidParameter) naming the path for any other extension (".avi", ".webm").
AnimationFormat AnimationFormatFor(const std::string& path);
const char* ToString(AnimationFormat format);

enum class PixelLayout { Rgba, Rgb };  // 8 bits per channel; alpha is ignored

struct AnimationSpec {
  std::string path;  // OUT.mp4, OUT.gif or a folder; the format comes from it
  int width = 0;     // every frame's size; H.264 needs both even
  int height = 0;
  int fps = 30;  // frame i is shown at i / fps seconds; GIF allows at most 50
  PixelLayout layout = PixelLayout::Rgba;
  // Replace an existing file (or a folder's frame_*.png set). The caller asks first.
  bool overwrite = false;
};

class FrameSink;

// One export, driven from one thread (the caller's worker): construct, AddFrame for each
// frame in order, then Finish, or Cancel to stop. Every failure throws
// sepconv::Error (FileWrite for the disk, InvalidParameter for the spec) with one line
// naming the file and the reason, after removing what was written; the writer is then
// closed and any later call throws.
class AnimationWriter {
 public:
  // Checks the spec (size, fps, the folder, an existing file) and opens the encoder on a
  // temporary name beside the target. Throws before writing anything when refused.
  explicit AnimationWriter(const AnimationSpec& spec);
  // Cancels an export that was neither finished nor cancelled; never throws.
  ~AnimationWriter();
  AnimationWriter(const AnimationWriter&) = delete;
  AnimationWriter& operator=(const AnimationWriter&) = delete;

  // GIF only (ignored otherwise), before the first AddFrame: a frame from anywhere in the
  // range whose colours the file's one palette must hold. The palette is built from
  // these samples and the first frame; give a few frames spread over the range (say at
  // 0, 25, 50, 75 and 100 %) so colours that appear late are not dithered.
  void AddPaletteSample(const uint8_t* pixels, int stride);
  // The next frame: width x height pixels in spec.layout, rows `stride` bytes apart from
  // the top row at `pixels`. A negative stride reads bottom-up rows (glReadPixels): pass
  // the address of the last row in memory and -(bytes per row).
  void AddFrame(const uint8_t* pixels, int stride);
  // Writes the rest, flushes it to the disk and renames it into place (replacing the old
  // file only with spec.overwrite). At least one frame is needed.
  void Finish();
  // Stops and removes the temporary file or folder; the target is left as it was.
  void Cancel();

  int FrameCount() const { return frames_; }

 private:
  void CheckOpen() const;
  // Runs `step`; on any exception closes the sink (removing its output) and rethrows.
  template <typename Step>
  void Guarded(Step&& step);
  // The caller's pixels as packed top-down RGB24 in rgb_.
  const uint8_t* Pack(const uint8_t* pixels, int stride);

  AnimationSpec spec_;
  AnimationFormat format_;
  std::unique_ptr<FrameSink> sink_;  // null once finished, cancelled or failed
  std::vector<uint8_t> rgb_;
  int frames_ = 0;
};

}  // namespace sepconv::app
