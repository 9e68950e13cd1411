// palettegen and paletteuse graphs for the GIF sink; see gif_palette.h.
#include "export/gif_palette.h"

#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/pixdesc.h>
}

namespace sepconv::app {
namespace {

// Throws with FFmpeg's reason; GifSink turns it into the one line naming the file.
void Check(int err, const char* what) {
  if (err < 0) throw std::runtime_error(std::string(what) + " (" + AvReason(err) + ")");
}

AVFilterContext* AddFilter(AVFilterGraph* graph, const char* filter, const char* name,
                           const std::string& args) {
  AVFilterContext* ctx = nullptr;
  Check(avfilter_graph_create_filter(&ctx, avfilter_get_by_name(filter), name,
                                     args.empty() ? nullptr : args.c_str(), nullptr, graph),
        filter);
  return ctx;
}

std::string SourceArgs(int width, int height, int fps, const char* pix_fmt) {
  return "video_size=" + std::to_string(width) + "x" + std::to_string(height) +
         ":pix_fmt=" + pix_fmt + ":time_base=1/" + std::to_string(fps) + ":pixel_aspect=1/1";
}

}  // namespace

GifPalette::GifPalette(int width, int height, int fps)
    : width_(width), height_(height), fps_(fps), gen_graph_(avfilter_graph_alloc()) {
  if (!gen_graph_) throw std::bad_alloc();
  AVFilterGraph* g = gen_graph_.get();
  // The whole graph on one thread: the encoder is the slow part, and the machine's other
  // core belongs to the app's window.
  g->nb_threads = 1;
  gen_in_ = AddFilter(g, "buffer", "frames", SourceArgs(width, height, fps, "rgb24"));
  // stats_mode=full: colours weighted by how many pixels of all samples hold them, so
  // the large smooth colour maps get most of the 255 entries; one entry stays for the
  // transparency the encoder uses for unchanged pixels.
  AVFilterContext* gen = AddFilter(g, "palettegen", "palettegen",
                                   "max_colors=256:stats_mode=full:reserve_transparent=1");
  gen_out_ = AddFilter(g, "buffersink", "palette", "");
  Check(avfilter_link(gen_in_, 0, gen, 0), "palettegen link");
  Check(avfilter_link(gen, 0, gen_out_, 0), "palettegen link");
  Check(avfilter_graph_config(g, nullptr), "palettegen graph");
}

FramePtr GifPalette::Wrap(const uint8_t* rgb, int64_t pts) const {
  FramePtr frame = AllocateFrame(width_, height_, AV_PIX_FMT_RGB24);
  for (int y = 0; y < height_; ++y) {
    std::memcpy(frame->data[0] + static_cast<ptrdiff_t>(y) * frame->linesize[0],
                rgb + static_cast<ptrdiff_t>(y) * width_ * 3, static_cast<size_t>(width_) * 3);
  }
  frame->pts = pts;
  return frame;
}

void GifPalette::AddSample(const uint8_t* rgb) {
  if (!gen_graph_) return;  // the palette is built already
  // Sample timestamps only need to increase.
  FramePtr frame = Wrap(rgb, samples_++);
  Check(av_buffersrc_add_frame_flags(gen_in_, frame.get(), 0), "palettegen input");
}

void GifPalette::BuildPalette() {
  Check(av_buffersrc_add_frame_flags(gen_in_, nullptr, 0), "palettegen end");
  FramePtr palette(av_frame_alloc());
  if (!palette) throw std::bad_alloc();
  Check(av_buffersink_get_frame(gen_out_, palette.get()), "palettegen output");
  gen_graph_.reset();

  use_graph_.reset(avfilter_graph_alloc());
  if (!use_graph_) throw std::bad_alloc();
  AVFilterGraph* g = use_graph_.get();
  g->nb_threads = 1;
  use_in_ = AddFilter(g, "buffer", "frames", SourceArgs(width_, height_, fps_, "rgb24"));
  AVFilterContext* pal_in = AddFilter(
      g, "buffer", "palette",
      SourceArgs(16, 16, fps_, av_get_pix_fmt_name(static_cast<AVPixelFormat>(palette->format))));
  // diff_mode=rectangle: only the rectangle that changed is mapped again, so the rest of
  // the frame keeps the previous frame's exact indices.
  AVFilterContext* use = AddFilter(g, "paletteuse", "paletteuse",
                                   std::string("dither=") + kGifDither + ":diff_mode=rectangle");
  use_out_ = AddFilter(g, "buffersink", "gif", "");
  Check(avfilter_link(use_in_, 0, use, 0), "paletteuse link");
  Check(avfilter_link(pal_in, 0, use, 1), "paletteuse link");
  Check(avfilter_link(use, 0, use_out_, 0), "paletteuse link");
  Check(avfilter_graph_config(g, nullptr), "paletteuse graph");
  // The palette is one frame at the start; paletteuse keeps it for every later frame.
  palette->pts = 0;
  Check(av_buffersrc_add_frame_flags(pal_in, palette.get(), 0), "palette input");
  Check(av_buffersrc_add_frame_flags(pal_in, nullptr, 0), "palette end");
}

void GifPalette::Push(const uint8_t* rgb, int64_t pts) {
  if (gen_graph_) {
    AddSample(rgb);
    BuildPalette();
  }
  FramePtr frame = Wrap(rgb, pts);
  Check(av_buffersrc_add_frame_flags(use_in_, frame.get(), 0), "paletteuse input");
}

void GifPalette::Flush() {
  if (gen_graph_) return;  // no frame was pushed
  Check(av_buffersrc_add_frame_flags(use_in_, nullptr, 0), "paletteuse end");
}

FramePtr GifPalette::Pull() {
  if (!use_graph_) return nullptr;
  FramePtr frame(av_frame_alloc());
  if (!frame) throw std::bad_alloc();
  const int err = av_buffersink_get_frame(use_out_, frame.get());
  if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return nullptr;
  Check(err, "paletteuse output");
  return frame;
}

}  // namespace sepconv::app
