// Decoding an exported MP4 or GIF back through libavformat and libavcodec, for the tests
// (the encoder layer's now, the app's export tests later): what a player would see.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sepconv::testing {

struct DecodedVideo {
  std::string codec;  // "h264", "gif"
  int frame_count = 0;
  int width = 0;
  int height = 0;
  std::string pix_fmt;  // the decoder's: "yuv420p" for the MP4, "bgra" for a GIF
  // The stream's declared rate (MP4: avg_frame_rate), as a fraction; 0/0 when absent.
  int rate_num = 0;
  int rate_den = 0;
  // Every frame's presentation time and duration in seconds, in display order.
  std::vector<double> times;
  std::vector<double> durations;
  // frame_count / (the sum of the durations): the rate a player keeps over the file.
  double MeasuredFps() const;
  // The frames asked for, as packed RGB24 (width * 3 bytes per row).
  std::map<int, std::vector<uint8_t>> rgb;
};

// Decodes every frame of `path`, keeping the listed frame indices (negative counts from
// the end: -1 is the last) as RGB. Throws std::runtime_error naming the file and reason.
DecodedVideo ReadVideo(const std::string& path, const std::vector<int>& keep = {});

}  // namespace sepconv::testing
