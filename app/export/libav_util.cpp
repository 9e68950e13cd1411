// Error text and frame allocation for the FFmpeg-based sinks; see libav_util.h.
#include "export/libav_util.h"

#include <new>

extern "C" {
#include <libavutil/error.h>
}

namespace sepconv::app {

std::string AvReason(int averror) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  if (av_strerror(averror, text, sizeof text) < 0) return "error " + std::to_string(averror);
  return text;
}

FramePtr AllocateFrame(int width, int height, AVPixelFormat format) {
  FramePtr frame(av_frame_alloc());
  if (!frame) throw std::bad_alloc();
  frame->width = width;
  frame->height = height;
  frame->format = format;
  if (av_frame_get_buffer(frame.get(), 0) < 0) throw std::bad_alloc();
  return frame;
}

}  // namespace sepconv::app
