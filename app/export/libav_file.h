// One encoded video file through libavformat and libavcodec: a temporary file beside the
// target, one stream with time base 1/fps (frame i has pts i), the encoder's packets
// muxed as they come, and the rename on Finish. The MP4 and GIF sinks differ only in
// the encoder, its options and the frames they feed.
#pragma once

#include <string>

#include "export/libav_util.h"

namespace sepconv::app {

struct LibavFileSpec {
  std::string path;  // the target; the bytes go to a temporary name beside it
  int width = 0;
  int height = 0;
  int fps = 0;
  bool overwrite = false;
  const char* muxer = nullptr;  // "mp4", "gif"
  const AVCodec* codec = nullptr;
  AVPixelFormat pix_fmt = AV_PIX_FMT_NONE;
  // FFmpeg 5.1's gif muxer frees the packet it holds back only in its trailer (it has no
  // deinit), so an aborted GIF still writes one, into the file about to be removed.
  bool trailer_on_abort = false;
};

class LibavFile {
 public:
  // Reserves the temporary file and allocates the muxer and the encoder context; the
  // caller sets encoder options on Codec() and then calls Open.
  explicit LibavFile(const LibavFileSpec& spec);
  ~LibavFile();
  LibavFile(const LibavFile&) = delete;
  LibavFile& operator=(const LibavFile&) = delete;

  AVCodecContext* Codec() { return codec_.get(); }
  // Opens the encoder (with `codec_options`, consumed) and writes the header (with the
  // muxer's `mux_options`). Throws Error(FileWrite) naming the file.
  void Open(AVDictionary** codec_options, AVDictionary** mux_options);
  // Encodes the frame (its pts in 1/fps) and writes what the encoder gives back.
  void Encode(const AVFrame* frame);
  // Drains the encoder, writes the trailer, closes and renames into place.
  void Finish();
  // Closes and removes the temporary file; never throws.
  void Abort() noexcept;

 private:
  [[noreturn]] void Fail(const std::string& what, int averror);
  void WritePackets();
  void Close() noexcept;

  LibavFileSpec spec_;
  std::string tmp_;
  AVFormatContext* format_ = nullptr;
  AVStream* stream_ = nullptr;
  CodecContextPtr codec_;
  PacketPtr packet_;
  bool header_written_ = false;
};

}  // namespace sepconv::app
