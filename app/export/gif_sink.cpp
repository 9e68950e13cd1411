// The GIF sink: RGB24 -> paletteuse (one palette) -> gif encoder -> gif muxer.
#include "export/gif_sink.h"

#include <stdexcept>
#include <string>

#include "error.h"
#include "export/gif_palette.h"
#include "export/libav_file.h"
#include "export/output_place.h"

namespace sepconv::app {
namespace {

class GifSink : public FrameSink {
 public:
  GifSink(const AnimationSpec& spec, const AVCodec* codec)
      : path_(spec.path),
        file_(LibavFileSpec{spec.path, spec.width, spec.height, spec.fps, spec.overwrite, "gif",
                            codec, AV_PIX_FMT_PAL8, /*trailer_on_abort=*/true}),
        palette_(Guard([&] { return GifPalette(spec.width, spec.height, spec.fps); })) {
    AVDictionary* mux_options = nullptr;
    // 0: loop forever, as a GIF on a course page is expected to.
    av_dict_set(&mux_options, "loop", "0", 0);
    try {
      file_.Open(nullptr, &mux_options);
    } catch (...) {
      av_dict_free(&mux_options);
      throw;
    }
    av_dict_free(&mux_options);
  }

  void AddPaletteSample(const uint8_t* rgb) override {
    Guard([&] { palette_.AddSample(rgb); });
  }

  void AddFrame(const uint8_t* rgb) override {
    Guard([&] { palette_.Push(rgb, next_pts_++); });
    EncodeReady();
  }

  void Finish() override {
    Guard([&] { palette_.Flush(); });
    EncodeReady();
    file_.Finish();
  }

  void Abort() noexcept override { file_.Abort(); }

 private:
  // A filter graph failure becomes the one line naming the file.
  template <typename F>
  auto Guard(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const std::runtime_error& e) {
      if (dynamic_cast<const Error*>(&e)) throw;
      file_.Abort();
      throw Error(ErrorKind::FileWrite,
                  path_ + ": the GIF palette failed: " + e.what() + "; nothing was written");
    }
  }

  void EncodeReady() {
    while (FramePtr frame = Guard([&] { return palette_.Pull(); })) file_.Encode(frame.get());
  }

  std::string path_;
  LibavFile file_;
  GifPalette palette_;
  int64_t next_pts_ = 0;
};

}  // namespace

std::unique_ptr<FrameSink> OpenGifSink(const AnimationSpec& spec) {
  if (spec.fps > kGifMaxFps) {
    throw Error(ErrorKind::InvalidParameter,
                spec.path + ": a GIF plays at most " + std::to_string(kGifMaxFps) +
                    " frames per second (its delays are hundredths of a second), not " +
                    std::to_string(spec.fps));
  }
  if (spec.width > 65535 || spec.height > 65535) {
    throw Error(ErrorKind::InvalidParameter,
                spec.path + ": a GIF is at most 65535 pixels on a side");
  }
  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_GIF);
  if (!codec) throw Error(ErrorKind::FileWrite, spec.path + ": this FFmpeg has no GIF encoder");
  CheckFileTarget(spec.path, spec.overwrite);
  return std::make_unique<GifSink>(spec, codec);
}

}  // namespace sepconv::app
