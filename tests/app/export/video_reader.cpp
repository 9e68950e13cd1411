// ReadVideo: demux, decode, convert the kept frames to RGB24; see video_reader.h.
#include "video_reader.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

namespace sepconv::testing {
namespace {

std::string Reason(int err) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(err, text, sizeof text);
  return text;
}

struct Input {
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  ~Input() {
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    avformat_close_input(&format);
  }
};

// The frame as RGB24 with the matrix and range it is tagged with (BT.709 limited for
// the MP4); sws defaults to BT.601, which would shift every colour.
std::vector<uint8_t> ToRgb(const AVFrame* f) {
  SwsContext* sws = sws_getContext(f->width, f->height, static_cast<AVPixelFormat>(f->format),
                                   f->width, f->height, AV_PIX_FMT_RGB24,
                                   SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr,
                                   nullptr, nullptr);
  if (!sws) throw std::runtime_error("cannot convert the decoded frame to RGB");
  const int space = f->colorspace == AVCOL_SPC_BT709 ? SWS_CS_ITU709 : SWS_CS_DEFAULT;
  const int* coefficients = sws_getCoefficients(space);
  sws_setColorspaceDetails(sws, coefficients, f->color_range == AVCOL_RANGE_JPEG ? 1 : 0,
                           sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
  std::vector<uint8_t> rgb(static_cast<size_t>(f->width) * f->height * 3);
  uint8_t* dst[1] = {rgb.data()};
  const int dst_stride[1] = {f->width * 3};
  sws_scale(sws, f->data, f->linesize, 0, f->height, dst, dst_stride);
  sws_freeContext(sws);
  return rgb;
}

}  // namespace

double DecodedVideo::MeasuredFps() const {
  double total = 0;
  for (double d : durations) total += d;
  return total > 0 ? frame_count / total : 0.0;
}

DecodedVideo ReadVideo(const std::string& path, const std::vector<int>& keep) {
  auto fail = [&](const std::string& what, int err) {
    throw std::runtime_error(path + ": " + what + (err < 0 ? " (" + Reason(err) + ")" : ""));
  };
  Input in;
  int err = avformat_open_input(&in.format, ("file:" + path).c_str(), nullptr, nullptr);
  if (err < 0) fail("cannot open", err);
  err = avformat_find_stream_info(in.format, nullptr);
  if (err < 0) fail("cannot read the stream info", err);
  const AVCodec* decoder = nullptr;
  const int index = av_find_best_stream(in.format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
  if (index < 0 || !decoder) fail("no video stream", index);
  AVStream* stream = in.format->streams[index];
  in.codec = avcodec_alloc_context3(decoder);
  avcodec_parameters_to_context(in.codec, stream->codecpar);
  err = avcodec_open2(in.codec, decoder, nullptr);
  if (err < 0) fail("cannot open the decoder", err);
  in.frame = av_frame_alloc();
  in.packet = av_packet_alloc();

  DecodedVideo out;
  out.codec = decoder->name;
  out.width = stream->codecpar->width;
  out.height = stream->codecpar->height;
  out.rate_num = stream->avg_frame_rate.num;
  out.rate_den = stream->avg_frame_rate.den;
  const double tb = av_q2d(stream->time_base);
  std::map<int, std::vector<uint8_t>> last;  // the newest frames, for keep = -1, -2, ...

  int max_negative = 0;
  for (int k : keep) max_negative = std::max(max_negative, k < 0 ? -k : 0);
  auto take = [&]() {
    const int i = out.frame_count++;
    const int64_t pts = in.frame->best_effort_timestamp;
    out.times.push_back(pts == AV_NOPTS_VALUE ? -1.0 : pts * tb);
    out.durations.push_back(in.frame->pkt_duration * tb);
    out.pix_fmt = av_get_pix_fmt_name(static_cast<AVPixelFormat>(in.frame->format));
    bool wanted = false;
    for (int k : keep) wanted = wanted || k == i;
    if (wanted) out.rgb[i] = ToRgb(in.frame);
    if (max_negative > 0) {
      last[i] = ToRgb(in.frame);
      if (static_cast<int>(last.size()) > max_negative) last.erase(last.begin());
    }
  };
  auto drain = [&]() {
    for (;;) {
      const int r = avcodec_receive_frame(in.codec, in.frame);
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
      if (r < 0) fail("decoding failed", r);
      take();
    }
  };
  while ((err = av_read_frame(in.format, in.packet)) >= 0) {
    if (in.packet->stream_index == index) {
      const int r = avcodec_send_packet(in.codec, in.packet);
      if (r < 0) fail("decoding failed", r);
      drain();
    }
    av_packet_unref(in.packet);
  }
  if (err != AVERROR_EOF) fail("reading failed", err);
  avcodec_send_packet(in.codec, nullptr);
  drain();
  for (int k : keep) {
    if (k >= 0) continue;
    const int i = out.frame_count + k;
    if (last.count(i)) out.rgb[k] = last[i];
  }
  return out;
}

}  // namespace sepconv::testing
