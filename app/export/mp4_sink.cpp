// The MP4 sink: RGB24 -> yuv420p (swscale, BT.709 limited range) -> libx264 -> mp4 muxer.
#include "export/mp4_sink.h"

#include <string>

extern "C" {
#include <libavutil/opt.h>
}

#include "error.h"
#include "export/libav_file.h"
#include "export/output_place.h"

namespace sepconv::app {
namespace {

// libx264 by name first: avcodec_find_encoder may return a hardware wrapper (h264_vaapi)
// that needs a device. Never a silent fallback to another codec: slides want H.264.
const AVCodec* FindH264Encoder(const std::string& path) {
  if (const AVCodec* c = avcodec_find_encoder_by_name("libx264")) return c;
  const AVCodec* c = avcodec_find_encoder(AV_CODEC_ID_H264);
  if (c && !(c->capabilities & AV_CODEC_CAP_HARDWARE)) return c;
  throw Error(ErrorKind::FileWrite,
              path + ": this FFmpeg (libavcodec " + AV_STRINGIFY(LIBAVCODEC_VERSION) +
                  ") has no H.264 encoder; install libavcodec59 with libx264, or export a .gif "
                  "or a PNG folder");
}

class Mp4Sink : public FrameSink {
 public:
  Mp4Sink(const AnimationSpec& spec, const AVCodec* codec)
      : width_(spec.width),
        height_(spec.height),
        file_(LibavFileSpec{spec.path, spec.width, spec.height, spec.fps, spec.overwrite, "mp4",
                            codec, AV_PIX_FMT_YUV420P}) {
    AVCodecContext* c = file_.Codec();
    // Tagged, so players convert back with the matrix the frames were made with.
    c->color_range = AVCOL_RANGE_MPEG;
    c->colorspace = AVCOL_SPC_BT709;
    c->color_primaries = AVCOL_PRI_BT709;
    c->color_trc = AVCOL_TRC_BT709;
    // A key frame every 2 s: a slide player that loops or seeks lands on one quickly.
    c->gop_size = 2 * spec.fps;
    AVDictionary* codec_options = nullptr;
    av_dict_set(&codec_options, "preset", kMp4Preset, 0);
    av_dict_set(&codec_options, "crf", std::to_string(kMp4Crf).c_str(), 0);
    AVDictionary* mux_options = nullptr;
    // The index at the front: a browser or a slide program starts playing at once.
    av_dict_set(&mux_options, "movflags", "+faststart", 0);
    try {
      file_.Open(&codec_options, &mux_options);
    } catch (...) {
      av_dict_free(&codec_options);
      av_dict_free(&mux_options);
      throw;
    }
    av_dict_free(&codec_options);
    av_dict_free(&mux_options);

    sws_.reset(sws_getContext(width_, height_, AV_PIX_FMT_RGB24, width_, height_,
                              AV_PIX_FMT_YUV420P, SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr,
                              nullptr));
    if (!sws_)
      throw Error(ErrorKind::FileWrite, spec.path + ": cannot set up the RGB to YUV conversion");
    // RGB in full range, YUV out in BT.709 limited range, as tagged above.
    const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
    sws_setColorspaceDetails(sws_.get(), bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
    yuv_ = AllocateFrame(width_, height_, AV_PIX_FMT_YUV420P);
  }

  void AddFrame(const uint8_t* rgb) override {
    // The encoder may still hold the previous frame's buffers.
    if (av_frame_make_writable(yuv_.get()) < 0) throw std::bad_alloc();
    const uint8_t* src[1] = {rgb};
    const int src_stride[1] = {3 * width_};
    sws_scale(sws_.get(), src, src_stride, 0, height_, yuv_->data, yuv_->linesize);
    yuv_->pts = next_pts_++;
    file_.Encode(yuv_.get());
  }

  void Finish() override { file_.Finish(); }
  void Abort() noexcept override { file_.Abort(); }

 private:
  int width_;
  int height_;
  LibavFile file_;
  SwsPtr sws_;
  FramePtr yuv_;
  int64_t next_pts_ = 0;
};

}  // namespace

std::unique_ptr<FrameSink> OpenMp4Sink(const AnimationSpec& spec) {
  if (spec.width % 2 != 0 || spec.height % 2 != 0) {
    throw Error(ErrorKind::InvalidParameter,
                spec.path + ": H.264 needs an even width and height, not " +
                    std::to_string(spec.width) + "x" + std::to_string(spec.height) +
                    "; choose an even size");
  }
  const AVCodec* codec = FindH264Encoder(spec.path);
  CheckFileTarget(spec.path, spec.overwrite);
  return std::make_unique<Mp4Sink>(spec, codec);
}

}  // namespace sepconv::app
