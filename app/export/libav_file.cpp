// The muxer and encoder loop shared by the MP4 and GIF sinks; see libav_file.h.
#include "export/libav_file.h"

#include <mutex>
#include <new>

#include "error.h"
#include "export/output_place.h"

namespace sepconv::app {

LibavFile::LibavFile(const LibavFileSpec& spec) : spec_(spec) {
  // FFmpeg's own log lines (libx264's statistics, a muxer's complaint) would break the
  // app's rule of one line per failure; every error it returns is reported by us.
  static std::once_flag quiet;
  std::call_once(quiet, [] { av_log_set_level(AV_LOG_QUIET); });
  tmp_ = ReserveTemporaryFile(spec.path);
  // The muxer is named: the temporary name's extension says nothing.
  int err = avformat_alloc_output_context2(&format_, nullptr, spec.muxer, FileUrl(tmp_).c_str());
  if (err < 0 || !format_) Fail("cannot set up the " + std::string(spec.muxer) + " muxer", err);
  stream_ = avformat_new_stream(format_, nullptr);
  codec_.reset(avcodec_alloc_context3(spec.codec));
  packet_.reset(av_packet_alloc());
  if (!stream_ || !codec_ || !packet_)
    Fail("out of memory setting up the encoder", AVERROR(ENOMEM));
  AVCodecContext* c = codec_.get();
  c->width = spec.width;
  c->height = spec.height;
  c->pix_fmt = spec.pix_fmt;
  // The exact rate: time base 1/fps and pts = frame index, so frame i is at i/fps.
  c->time_base = AVRational{1, spec.fps};
  c->framerate = AVRational{spec.fps, 1};
  c->sample_aspect_ratio = AVRational{1, 1};
  if (format_->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
}

LibavFile::~LibavFile() {
  Abort();
}

void LibavFile::Fail(const std::string& what, int averror) {
  Abort();
  std::string message = spec_.path + ": " + what;
  if (averror < 0) message += " (" + AvReason(averror) + ")";
  throw Error(ErrorKind::FileWrite, message + "; nothing was written");
}

void LibavFile::Open(AVDictionary** codec_options, AVDictionary** mux_options) {
  int err = avcodec_open2(codec_.get(), spec_.codec, codec_options);
  if (err < 0) Fail("the " + std::string(spec_.codec->name) + " encoder refused the settings", err);
  err = avcodec_parameters_from_context(stream_->codecpar, codec_.get());
  if (err < 0) Fail("cannot pass the encoder's settings to the muxer", err);
  stream_->time_base = codec_->time_base;
  stream_->avg_frame_rate = codec_->framerate;
  stream_->r_frame_rate = codec_->framerate;
  err = avio_open(&format_->pb, FileUrl(tmp_).c_str(), AVIO_FLAG_WRITE);
  if (err < 0) Fail("cannot open the temporary file", err);
  err = avformat_write_header(format_, mux_options);
  if (err < 0) Fail("the write failed", err);
  header_written_ = true;
}

void LibavFile::Encode(const AVFrame* frame) {
  const int err = avcodec_send_frame(codec_.get(), frame);
  if (err < 0) Fail("the " + std::string(spec_.codec->name) + " encoder failed", err);
  WritePackets();
}

void LibavFile::WritePackets() {
  for (;;) {
    int err = avcodec_receive_packet(codec_.get(), packet_.get());
    if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return;
    if (err < 0) Fail("the " + std::string(spec_.codec->name) + " encoder failed", err);
    // Each packet lasts one frame; the GIF muxer takes the last frame's delay from it.
    if (packet_->duration == 0) packet_->duration = 1;
    av_packet_rescale_ts(packet_.get(), codec_->time_base, stream_->time_base);
    packet_->stream_index = stream_->index;
    err = av_interleaved_write_frame(format_, packet_.get());  // takes the packet's data
    if (err < 0) Fail("the write failed", err);
  }
}

void LibavFile::Finish() {
  Encode(nullptr);  // drains the frames the encoder still holds (B-frames, lookahead)
  int err = av_write_trailer(format_);
  header_written_ = false;
  if (err < 0) Fail("the write failed", err);
  err = avio_closep(&format_->pb);
  if (err < 0) Fail("the write failed", err);
  avformat_free_context(format_);
  format_ = nullptr;
  codec_.reset();
  CommitFile(tmp_, spec_.path, spec_.overwrite);  // removes tmp_ itself when it fails
  tmp_.clear();
}

void LibavFile::Close() noexcept {
  if (format_) {
    // Otherwise no trailer: the file is removed anyway, and a muxer that rewrites its
    // header (MP4's faststart) would only spend time.
    if (header_written_ && spec_.trailer_on_abort) av_write_trailer(format_);
    header_written_ = false;
    if (format_->pb) avio_closep(&format_->pb);
    avformat_free_context(format_);
    format_ = nullptr;
  }
  codec_.reset();
}

void LibavFile::Abort() noexcept {
  Close();
  if (!tmp_.empty()) RemoveQuietly(tmp_);
  tmp_.clear();
}

}  // namespace sepconv::app
