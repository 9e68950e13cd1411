// Small helpers over the FFmpeg C API: owning pointers that free with the right call and
// error codes as the words a teacher reads.
#pragma once

#include <memory>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

namespace sepconv::app {

// av_strerror's text ("No space left on device" for AVERROR(ENOSPC)).
std::string AvReason(int averror);

struct AvFreeCodecContext {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct AvFreeFrame {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct AvFreePacket {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct AvFreeSws {
  void operator()(SwsContext* s) const { sws_freeContext(s); }
};
struct AvFreeGraph {
  void operator()(AVFilterGraph* g) const { avfilter_graph_free(&g); }
};

using CodecContextPtr = std::unique_ptr<AVCodecContext, AvFreeCodecContext>;
using FramePtr = std::unique_ptr<AVFrame, AvFreeFrame>;
using PacketPtr = std::unique_ptr<AVPacket, AvFreePacket>;
using SwsPtr = std::unique_ptr<SwsContext, AvFreeSws>;
using GraphPtr = std::unique_ptr<AVFilterGraph, AvFreeGraph>;

// A frame with its own buffers (width x height in `format`); throws std::bad_alloc.
FramePtr AllocateFrame(int width, int height, AVPixelFormat format);

// A path libavformat opens as a plain file: without "file:" a name such as
// "lesson:1.mp4" would be read as a protocol.
inline std::string FileUrl(const std::string& path) {
  return "file:" + path;
}

}  // namespace sepconv::app
