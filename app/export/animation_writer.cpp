// AnimationWriter: checks the spec, picks the sink for the format, converts each frame to
// packed RGB24 once and closes the sink on every failure; see animation_writer.h.
#include "export/animation_writer.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <vector>

#include "error.h"
#include "export/frame_sink.h"
#include "export/gif_sink.h"
#include "export/mp4_sink.h"
#include "export/png_sequence_sink.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

// Larger than any screen or slide; it bounds the frame buffers an export allocates.
constexpr int kMaxSide = 8192;
constexpr int kMaxFps = 120;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void CheckSpec(const AnimationSpec& spec) {
  if (spec.path.empty()) throw Error(ErrorKind::InvalidParameter, "export: no file name given");
  if (spec.width < 1 || spec.height < 1 || spec.width > kMaxSide || spec.height > kMaxSide) {
    throw Error(ErrorKind::InvalidParameter,
                spec.path + ": the frame size " + std::to_string(spec.width) + "x" +
                    std::to_string(spec.height) + " is outside 1.." + std::to_string(kMaxSide));
  }
  if (spec.fps < 1 || spec.fps > kMaxFps) {
    throw Error(ErrorKind::InvalidParameter, spec.path + ": the frame rate " +
                                                 std::to_string(spec.fps) + " fps is outside 1.." +
                                                 std::to_string(kMaxFps));
  }
}

}  // namespace

AnimationFormat AnimationFormatFor(const std::string& path) {
  const fs::path p(path);
  std::error_code ec;
  if (!path.empty() && (path.back() == '/' || fs::is_directory(p, ec))) {
    return AnimationFormat::PngSequence;
  }
  const std::string ext = Lower(p.extension().string());
  if (ext == ".mp4") return AnimationFormat::Mp4;
  if (ext == ".gif") return AnimationFormat::Gif;
  if (ext.empty()) return AnimationFormat::PngSequence;
  throw Error(ErrorKind::InvalidParameter,
              path + ": cannot export an animation as " + ext +
                  "; give a name ending in .mp4 or .gif, or a folder for PNG frames");
}

const char* ToString(AnimationFormat format) {
  switch (format) {
    case AnimationFormat::Mp4:
      return "MP4 (H.264)";
    case AnimationFormat::Gif:
      return "GIF";
    case AnimationFormat::PngSequence:
      return "PNG sequence";
  }
  return "?";
}

AnimationWriter::AnimationWriter(const AnimationSpec& spec)
    : spec_(spec), format_(AnimationFormatFor(spec.path)) {
  CheckSpec(spec_);
  switch (format_) {
    case AnimationFormat::Mp4:
      sink_ = OpenMp4Sink(spec_);
      break;
    case AnimationFormat::Gif:
      sink_ = OpenGifSink(spec_);
      break;
    case AnimationFormat::PngSequence:
      sink_ = OpenPngSequenceSink(spec_);
      break;
  }
  rgb_.resize(static_cast<size_t>(spec_.width) * spec_.height * 3);
}

AnimationWriter::~AnimationWriter() {
  Cancel();
}

void AnimationWriter::CheckOpen() const {
  if (!sink_) {
    throw Error(ErrorKind::InvalidParameter,
                spec_.path + ": the export is already finished, cancelled or failed");
  }
}

template <typename Step>
void AnimationWriter::Guarded(Step&& step) {
  CheckOpen();
  try {
    step();
  } catch (...) {
    // The sink removes its own output when it throws; Abort covers what it did not.
    sink_->Abort();
    sink_.reset();
    throw;
  }
}

const uint8_t* AnimationWriter::Pack(const uint8_t* pixels, int stride) {
  const int channels = spec_.layout == PixelLayout::Rgba ? 4 : 3;
  if (!pixels || std::abs(stride) < spec_.width * channels) {
    throw Error(ErrorKind::InvalidParameter,
                spec_.path + ": a frame's rows are " + std::to_string(stride) +
                    " bytes apart, fewer than " + std::to_string(spec_.width * channels));
  }
  uint8_t* out = rgb_.data();
  for (int y = 0; y < spec_.height; ++y) {
    const uint8_t* row = pixels + static_cast<ptrdiff_t>(y) * stride;
    if (channels == 3) {
      std::memcpy(out, row, static_cast<size_t>(spec_.width) * 3);
      out += static_cast<ptrdiff_t>(spec_.width) * 3;
      continue;
    }
    for (int x = 0; x < spec_.width; ++x, row += 4, out += 3) {
      out[0] = row[0];
      out[1] = row[1];
      out[2] = row[2];
    }
  }
  return rgb_.data();
}

void AnimationWriter::AddPaletteSample(const uint8_t* pixels, int stride) {
  Guarded([&] {
    if (frames_ > 0) {
      throw Error(ErrorKind::InvalidParameter,
                  spec_.path + ": palette samples must come before the first frame");
    }
    if (format_ == AnimationFormat::Gif) sink_->AddPaletteSample(Pack(pixels, stride));
  });
}

void AnimationWriter::AddFrame(const uint8_t* pixels, int stride) {
  Guarded([&] {
    sink_->AddFrame(Pack(pixels, stride));
    ++frames_;
  });
}

void AnimationWriter::Finish() {
  Guarded([&] {
    if (frames_ == 0) {
      throw Error(ErrorKind::InvalidParameter, spec_.path + ": no frames to write");
    }
    sink_->Finish();
  });
  sink_.reset();
}

void AnimationWriter::Cancel() {
  if (!sink_) return;
  sink_->Abort();
  sink_.reset();
}

}  // namespace sepconv::app
