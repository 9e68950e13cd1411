// Header sizes of the common image formats; see image_header.h. Every read is bounds-
// checked against the bytes given, so a truncated or hostile header gives nullopt.
#include "image_header.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace sepconv {
namespace {

uint32_t be16(std::string_view b, size_t at) {
  return (uint32_t(uint8_t(b[at])) << 8) | uint8_t(b[at + 1]);
}
uint32_t be32(std::string_view b, size_t at) {
  return (be16(b, at) << 16) | be16(b, at + 2);
}
uint32_t le16(std::string_view b, size_t at) {
  return uint8_t(b[at]) | (uint32_t(uint8_t(b[at + 1])) << 8);
}
int64_t le32s(std::string_view b, size_t at) {
  return int32_t(le16(b, at) | (le16(b, at + 2) << 16));
}

bool starts(std::string_view b, std::string_view magic) {
  return b.substr(0, magic.size()) == magic;
}

std::optional<HeaderSize> jpeg(std::string_view b) {
  // Markers until a start-of-frame (SOF0..SOF15 but DHT C4, JPG C8 and DAC CC).
  size_t at = 2;
  while (at + 4 <= b.size()) {
    if (uint8_t(b[at]) != 0xFF) return std::nullopt;
    const uint8_t marker = uint8_t(b[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    const size_t length = be16(b, at + 2);
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      if (at + 9 > b.size()) return std::nullopt;
      return HeaderSize{be16(b, at + 7), be16(b, at + 5)};
    }
    if (length < 2) return std::nullopt;
    at += 2 + length;
  }
  return std::nullopt;
}

// Whitespace-separated numbers after a text magic (PNM), skipping # comments.
std::optional<int64_t> pnm_number(std::string_view b, size_t* at) {
  while (*at < b.size()) {
    if (b[*at] == '#') {
      while (*at < b.size() && b[*at] != '\n') ++*at;
    } else if (std::isspace(uint8_t(b[*at]))) {
      ++*at;
    } else {
      break;
    }
  }
  int64_t v = 0;
  const size_t start = *at;
  while (*at < b.size() && std::isdigit(uint8_t(b[*at])) && *at - start < 12)
    v = v * 10 + (b[(*at)++] - '0');
  if (*at == start) return std::nullopt;
  return v;
}

std::optional<HeaderSize> radiance(std::string_view b) {
  // Header lines end at an empty line; the next line is "-Y H +X W".
  const size_t blank = b.find("\n\n");
  if (blank == std::string_view::npos) return std::nullopt;
  std::string_view line = b.substr(blank + 2, 64);
  line = line.substr(0, line.find('\n'));
  long long h = 0, w = 0;
  char sy = 0, ay = 0, sx = 0, ax = 0;
  const std::string text(line);
  if (std::sscanf(text.c_str(), "%c%c %lld %c%c %lld", &sy, &ay, &h, &sx, &ax, &w) != 6)
    return std::nullopt;
  return HeaderSize{w, h};
}

}  // namespace

std::optional<HeaderSize> peek_image_size(std::string_view b) {
  if (starts(b, "\x89PNG\r\n\x1a\n") && b.size() >= 24 && b.substr(12, 4) == "IHDR")
    return HeaderSize{be32(b, 16), be32(b, 20)};
  if (starts(b, "\xFF\xD8")) return jpeg(b);
  if ((starts(b, "GIF87a") || starts(b, "GIF89a")) && b.size() >= 10)
    return HeaderSize{le16(b, 6), le16(b, 8)};
  if (starts(b, "BM") && b.size() >= 26) {
    const int64_t h = le32s(b, 22);
    return HeaderSize{std::llabs(le32s(b, 18)), h < 0 ? -h : h};  // negative: top-down rows
  }
  if (starts(b, "8BPS") && b.size() >= 22) return HeaderSize{be32(b, 18), be32(b, 14)};
  if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6') {
    size_t at = 2;
    const auto w = pnm_number(b, &at);
    const auto h = w ? pnm_number(b, &at) : std::nullopt;
    if (w && h) return HeaderSize{*w, *h};
    return std::nullopt;
  }
  if (starts(b, "#?RADIANCE") || starts(b, "#?RGBE")) return radiance(b);
  return std::nullopt;
}

}  // namespace sepconv
