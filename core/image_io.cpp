// stb_image based loading (header checked before decoding) and PNG writing.
#include "image_io.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>

#include "atomic_write.h"
#include "error.h"
#include "fast/parallel.h"
#include "image_header.h"
#include "npy_io.h"
#include "resize.h"
#include "text_format.h"

namespace sepconv {
namespace {

struct StbFree {
  void operator()(void* p) const { stbi_image_free(p); }
};

// Converts decoded interleaved samples into CHW, compositing alpha over white.
template <class T>
Tensor to_chw(const T* samples, int w, int h, int comp, float scale) {
  const bool alpha = comp == 2 || comp == 4;
  const int colour = alpha ? comp - 1 : comp;
  Tensor t({colour, h, w});
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const T* px = samples + (static_cast<int64_t>(y) * w + x) * comp;
      const float a = alpha ? static_cast<float>(px[comp - 1]) * scale : 1.0f;
      for (int c = 0; c < colour; ++c) {
        const float v = static_cast<float>(px[c]) * scale;
        t.at(c, y, x) = alpha ? v * a + (1.0f - a) : v;
      }
    }
  }
  return t;
}

// stb_image's reason in words a student can act on; the rarer ones (from decoding, after
// the header was read) pass through as the decoder's own ("bad zlib header"). A damaged
// header reads as "unknown image type": stb_image tries every format and keeps the last
// format's complaint.
std::string reason() {
  const char* r = stbi_failure_reason();
  if (!r) return "unknown reason";
  const std::string why = r;
  if (why == "can't fopen") return "the file cannot be opened";
  if (why == "unknown image type") {
    return "not a PNG, JPEG, BMP, TGA, GIF, PSD, HDR or PNM image, or a damaged one";
  }
  if (why == "outofmem") return "out of memory while decoding";
  // Some reasons quote the file ("XXXX PNG chunk not known" names the chunk's bytes).
  return printable(why);
}

// "67,108,864 pixels (64 Mi)": a limit as a count and, when it is whole, in Mi.
std::string limit_text(int64_t max_pixels) {
  std::string s = format_thousands(max_pixels) + " pixels";
  if (max_pixels % (int64_t(1) << 20) == 0) s += " (" + std::to_string(max_pixels >> 20) + " Mi)";
  return s;
}

// "18,373,019,498,546,544,256": w * h of a header, which may exceed even 64 bits (PNG
// states 32-bit sides, PNM up to 12 digits).
std::string pixel_count_text(int64_t w, int64_t h) {
  if (w <= std::numeric_limits<int64_t>::max() / h) return format_thousands(w * h);
  unsigned __int128 count = static_cast<unsigned __int128>(w) * static_cast<unsigned __int128>(h);
  std::string digits;
  for (; count > 0; count /= 10) {
    if (digits.size() % 4 == 3) digits += ',';
    digits += static_cast<char>('0' + static_cast<int>(count % 10));
  }
  return {digits.rbegin(), digits.rend()};
}

// The size a header states against the limit, without overflow (a header can state
// sizes whose product overflows 64 bits).
void check_header(int64_t w, int64_t h, const std::string& name, int64_t max_pixels) {
  if (w <= 0 || h <= 0) {
    throw Error(ErrorKind::ImageLoad, name + ": image has no pixels (" + std::to_string(w) + " x " +
                                          std::to_string(h) + ")");
  }
  if (w > max_pixels || h > max_pixels || w > max_pixels / h) {
    throw Error(ErrorKind::ImageTooLarge, name + ": " + std::to_string(w) + " x " +
                                              std::to_string(h) + " = " + pixel_count_text(w, h) +
                                              " pixels, above the limit of " +
                                              limit_text(max_pixels));
  }
}

// The decoder refused the header: when it states a size, say that size and the limit
// rather than calling the file damaged.
[[noreturn]] void refuse_header(std::string_view bytes, const std::string& name,
                                int64_t max_pixels) {
  const std::string why = reason();
  if (const std::optional<HeaderSize> size = peek_image_size(bytes)) {
    check_header(size->width, size->height, name, max_pixels);
  }
  throw Error(ErrorKind::ImageLoad, name + ": cannot read image (" + why + ")");
}

// HDR samples are floats: NaN or Inf would turn every output into NaN, so refuse them.
void check_finite(const Tensor& pixels, const std::string& name) {
  for (int64_t i = 0; i < pixels.size(); ++i) {
    if (std::isfinite(pixels.data()[i])) continue;
    const int64_t plane = int64_t(pixels.dim(1)) * pixels.dim(2);
    const int64_t at = i % plane;
    throw Error(ErrorKind::ImageLoad, name + ": pixel (x " + std::to_string(at % pixels.dim(2)) +
                                          ", y " + std::to_string(at / pixels.dim(2)) +
                                          ") of channel " + std::to_string(i / plane) + " is " +
                                          describe_value(pixels.data()[i]) +
                                          "; an HDR image must hold finite values");
  }
}

// stb_image 2.27 (Debian bookworm's) never returns from a run-length coded Radiance
// scanline that holds a run of length 0 or ends early: it reads a count of 0 for ever. The
// scanlines are walked here exactly as stbi__hdr_load walks them; returns the first such
// scanline, or -1 (including data stb refuses itself, or reads without runs).
int hdr_scanline_that_hangs(std::string_view bytes, int width, int height) {
  size_t at = 0;
  const auto eof = [&] { return at >= bytes.size(); };
  const auto get8 = [&]() -> int { return eof() ? 0 : static_cast<unsigned char>(bytes[at++]); };
  // One header line as stbi__hdr_gettoken reads it (1023 bytes at most); true when empty.
  const auto line_is_empty = [&] {
    const int first = get8();
    int c = first, len = 0;
    while (!eof() && c != '\n') {
      if (++len == 1023) {
        while (!eof() && get8() != '\n') {
        }
        break;
      }
      c = get8();
    }
    return len == 0 || first == 0;
  };
  (void)line_is_empty();  // the magic
  while (!line_is_empty()) {
  }
  (void)line_is_empty();                       // "-Y height +X width"
  if (width < 8 || width >= 32768) return -1;  // flat data, read without runs
  for (int row = 0; row < height; ++row) {
    const int c1 = get8(), c2 = get8(), high = get8();
    if (c1 != 2 || c2 != 2 || (high & 0x80)) return -1;  // flat from here on
    if (((high << 8) | get8()) != width) return -1;      // refused by stb
    for (int channel = 0; channel < 4; ++channel) {
      for (int x = 0; x < width;) {
        int count = get8();
        if (count > 128) {
          count -= 128;
          (void)get8();
        } else if (count == 0) {
          return row;
        } else {
          for (int i = 0; i < count; ++i) (void)get8();
        }
        if (count > width - x) return -1;  // refused by stb
        x += count;
      }
    }
  }
  return -1;
}

// stb_image 2.27 writes past its Huffman size table when a JPEG table lists more than 256
// codes (later stb versions refuse it). The segments are walked as stb meets them (fill
// bytes and junk between segments skipped, a table read on past its segment's length, the
// coded data after SOS skipped up to the next marker); returns the offset of the first
// such table, or -1. It may look further than stb would, never less far.
int64_t jpeg_table_that_overflows(std::string_view bytes) {
  size_t at = 0;
  const auto get8 = [&]() -> int {
    return at < bytes.size() ? static_cast<unsigned char>(bytes[at++]) : 0;
  };
  const auto get16 = [&] {
    const int high = get8();
    return (high << 8) | get8();
  };
  // SOI, after any fill bytes as stbi__get_marker skips them.
  if (get8() != 0xff) return -1;
  int soi = 0xff;
  while (soi == 0xff) soi = get8();
  if (soi != 0xd8) return -1;  // not a JPEG
  while (at < bytes.size()) {
    if (get8() != 0xff) continue;  // junk between segments
    int marker = 0xff;
    while (marker == 0xff) marker = get8();
    if (marker == 0xd9) return -1;  // EOI
    if (marker == 0x00 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    const size_t segment = at;
    const int length = get16() - 2;
    if (length < 0) return -1;  // stb stops here
    if (marker == 0xc4) {       // DHT: tables of 1 + 16 + n bytes
      int left = length;
      while (left > 0) {
        const size_t table = at;
        (void)get8();
        int codes = 0;
        for (int i = 0; i < 16; ++i) codes += get8();
        if (codes > 256) return static_cast<int64_t>(table);
        at = std::min(bytes.size(), at + static_cast<size_t>(codes));
        left -= 17 + codes;
      }
      if (left != 0) return -1;  // stb stops here
      continue;
    }
    at = std::min(bytes.size(), segment + 2 + static_cast<size_t>(length));
    if (marker == 0xda) {  // SOS: coded data up to the next marker (not a stuffed 0 or RSTn)
      while (at + 1 < bytes.size()) {
        const auto next = static_cast<unsigned char>(bytes[at + 1]);
        if (bytes[at] == '\xff' && next != 0x00 && next != 0xff && (next < 0xd0 || next > 0xd7))
          break;
        ++at;
      }
    }
  }
  return -1;
}

// stb_image 2.27 reads a PNM header number into an int without a bound (signed overflow
// past 2147483647). The header is read as stbi__pnm_info reads it: true when the width,
// the height or the maximum value does not fit.
bool pnm_number_overflows(std::string_view bytes) {
  if (bytes.size() < 2 || bytes[0] != 'P' || (bytes[1] != '5' && bytes[1] != '6')) return false;
  size_t at = 2;
  const auto eof = [&] { return at >= bytes.size(); };
  const auto get8 = [&]() -> char { return eof() ? '\0' : bytes[at++]; };
  const auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  char c = get8();
  for (int number = 0; number < 3; ++number) {
    for (;;) {  // whitespace and # comments
      while (!eof() && space(c)) c = get8();
      if (eof() || c != '#') break;
      while (!eof() && c != '\n' && c != '\r') c = get8();
    }
    int64_t value = 0;
    while (!eof() && c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      if (value > std::numeric_limits<int>::max()) return true;
      c = get8();
    }
  }
  return false;
}

// stb_image 2.27 grows its buffer to an IDAT chunk's stated length before it reads the
// chunk: a 100-byte PNG stating 2 GiB allocates 2 GiB. The chunks are walked by their
// lengths, as stb walks them; returns the offset of an IDAT chunk that states more bytes
// than the file has left, or -1.
int64_t png_chunk_past_end(std::string_view bytes) {
  if (bytes.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8)) return -1;
  const auto be32 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  for (size_t at = 8; at + 8 <= bytes.size();) {
    const uint64_t length = be32(at);
    const std::string_view type = bytes.substr(at + 4, 4);
    const uint64_t left = bytes.size() - (at + 8);
    if (type == "IDAT" && length > left) return static_cast<int64_t>(at);
    if (type == "IEND" || length + 4 > left) break;
    at += 12 + static_cast<size_t>(length);
  }
  return -1;
}

// Before any stb call on the bytes (stbi_info included, which meets a JPEG's Huffman
// tables before its size): the inputs stb_image 2.27 mishandles are refused first.
void check_stb_hazards(std::string_view bytes, const std::string& name) {
  if (const int64_t table = jpeg_table_that_overflows(bytes); table >= 0) {
    throw Error(ErrorKind::ImageLoad, name +
                                          ": cannot read image (corrupt JPEG: the Huffman "
                                          "table at byte " +
                                          std::to_string(table) + " lists more than 256 codes)");
  }
  if (const int64_t chunk = png_chunk_past_end(bytes); chunk >= 0) {
    throw Error(ErrorKind::ImageLoad, name +
                                          ": cannot read image (corrupt PNG: the IDAT chunk "
                                          "at byte " +
                                          std::to_string(chunk) +
                                          " is longer than the rest of the file)");
  }
  if (pnm_number_overflows(bytes)) {
    throw Error(ErrorKind::ImageLoad, name +
                                          ": cannot read image (corrupt PNM: a header number "
                                          "is above 2,147,483,647)");
  }
}

// Decodes encoded bytes: the header is checked against the limit on the same bytes that
// are decoded, so a file that changes on disk in between cannot slip past the check.
LoadedImage decode(std::string_view bytes, const std::string& name, int64_t max_pixels) {
  if (bytes.size() > size_t(std::numeric_limits<int>::max())) {
    throw Error(ErrorKind::ImageTooLarge, name + ": " + format_thousands(int64_t(bytes.size())) +
                                              " bytes, above the 2 GiB a decoder reads");
  }
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const int length = static_cast<int>(bytes.size());
  int w = 0, h = 0, comp = 0;
  check_stb_hazards(bytes, name);
  if (!stbi_info_from_memory(data, length, &w, &h, &comp)) refuse_header(bytes, name, max_pixels);
  check_header(w, h, name, max_pixels);
  LoadedImage img;
  img.channels_in_file = comp;
  img.had_alpha = comp == 2 || comp == 4;
  if (stbi_is_hdr_from_memory(data, length)) {
    if (const int row = hdr_scanline_that_hangs(bytes, w, h); row >= 0) {
      throw Error(ErrorKind::ImageLoad, name + ": cannot decode (bad RLE data in HDR: scanline " +
                                            std::to_string(row) +
                                            " holds a run of length 0 or is cut short)");
    }
    std::unique_ptr<float, StbFree> px(stbi_loadf_from_memory(data, length, &w, &h, &comp, 0));
    if (!px) throw Error(ErrorKind::ImageLoad, name + ": cannot decode (" + reason() + ")");
    img.bits_per_channel = 32;
    img.pixels = to_chw(px.get(), w, h, comp, 1.0f);
    check_finite(img.pixels, name);
  } else if (stbi_is_16_bit_from_memory(data, length)) {
    std::unique_ptr<unsigned short, StbFree> px(
        stbi_load_16_from_memory(data, length, &w, &h, &comp, 0));
    if (!px) throw Error(ErrorKind::ImageLoad, name + ": cannot decode (" + reason() + ")");
    img.bits_per_channel = 16;
    img.pixels = to_chw(px.get(), w, h, comp, 1.0f / 65535.0f);
  } else {
    std::unique_ptr<unsigned char, StbFree> px(
        stbi_load_from_memory(data, length, &w, &h, &comp, 0));
    if (!px) throw Error(ErrorKind::ImageLoad, name + ": cannot decode (" + reason() + ")");
    img.pixels = to_chw(px.get(), w, h, comp, 1.0f / 255.0f);
  }
  return img;
}

// The whole file, read once (its size checked first).
std::string read_image_bytes(const std::string& path) {
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > uintmax_t(std::numeric_limits<int>::max())) {
    throw Error(ErrorKind::ImageTooLarge, path + ": " + format_thousands(int64_t(size)) +
                                              " bytes, above the 2 GiB a decoder reads");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ErrorKind::ImageLoad, path + ": cannot read image (the file cannot be opened)");
  std::string bytes;
  if (!ec) bytes.reserve(size_t(size));
  bytes.assign(std::istreambuf_iterator<char>(in), {});
  if (in.bad()) throw Error(ErrorKind::ImageLoad, path + ": cannot read image (a read error)");
  return bytes;
}

// One status for both checks. Only a definite answer counts: an error finding out (a
// folder we may not list) leaves the decision to the decoder.
void check_is_file(const std::string& path) {
  std::error_code ec;
  const std::filesystem::file_type type = std::filesystem::status(path, ec).type();
  if (type == std::filesystem::file_type::directory) {
    throw Error(ErrorKind::ImageLoad, path + ": is a folder, not an image file");
  }
  if (type == std::filesystem::file_type::not_found) {
    throw Error(ErrorKind::ImageLoad, path + ": no such file");
  }
}

}  // namespace

ImageSize read_image_size(const std::string& path, int64_t max_pixels) {
  check_is_file(path);
  ImageSize size;
  int comp = 0;
  {
    // A JPEG's tables may follow large APP segments and a PNM's numbers long comments:
    // those two are checked on the whole file (a JPEG may start with fill bytes).
    std::ifstream in(path, std::ios::binary);
    char magic[2] = {};
    if (in.read(magic, 2) &&
        (magic[0] == '\xff' || (magic[0] == 'P' && (magic[1] == '5' || magic[1] == '6'))))
      check_stb_hazards(read_image_bytes(path), path);
  }
  if (!stbi_info(path.c_str(), &size.width, &size.height, &comp)) {
    // Only the start of the file: enough for every header peek_image_size reads.
    std::ifstream in(path, std::ios::binary);
    std::string head(64 * 1024, '\0');
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(size_t(in.gcount()));
    refuse_header(head, path, max_pixels);
  }
  check_header(size.width, size.height, path, max_pixels);
  return size;
}

LoadedImage load_image(const std::string& path, int64_t max_pixels) {
  check_is_file(path);
  return decode(read_image_bytes(path), path, max_pixels);
}

LoadedImage load_image_from_memory(const unsigned char* bytes, int length, const std::string& name,
                                   int64_t max_pixels) {
  return decode(std::string_view(reinterpret_cast<const char*>(bytes), size_t(std::max(length, 0))),
                name, max_pixels);
}

namespace {
void append_bytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<size_t>(size));
}

// stb's compression level is one global: encodes take turns, each with its own level
// (a preview export and a screenshot can run on two threads at once).
std::mutex g_png_encoder;

void write_rgb8(const std::string& path, int w, int h, int comp,
                const std::vector<unsigned char>& px, int level = 8) {
  std::string bytes;
  bool ok = false;
  {
    std::lock_guard lock(g_png_encoder);
    stbi_write_png_compression_level = level;
    ok = stbi_write_png_to_func(append_bytes, &bytes, w, h, comp, px.data(), w * comp) != 0;
    stbi_write_png_compression_level = 8;
  }
  if (!ok) throw Error(ErrorKind::FileWrite, path + ": PNG encoding failed");
  write_file_atomically(path, bytes);
}

unsigned char to_byte(float v) {
  return static_cast<unsigned char>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
}
}  // namespace

void write_png(const std::string& path, const Tensor& chw) {
  const int c = chw.dim(0), h = chw.dim(1), w = chw.dim(2);
  if (c != 1 && c != 3 && c != 4) {
    throw Error(ErrorKind::FileWrite,
                path + ": a PNG needs 1, 3 or 4 channels, not " + std::to_string(c));
  }
  std::vector<unsigned char> px(static_cast<size_t>(chw.size()));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int k = 0; k < c; ++k)
        px[(static_cast<size_t>(y) * w + x) * c + k] = to_byte(chw.at(k, y, x));
  write_rgb8(path, w, h, c, px);
}

void write_preview_grid_png(const std::string& path, const Tensor& chw, int max_side,
                            int max_channels, Shrink shrink) {
  const int channels = std::min(chw.dim(0), max_channels), h = chw.dim(1), w = chw.dim(2);
  const int gap = 4;
  const int cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(channels))));
  const int rows = (channels + cols - 1) / cols;
  // Tiles as large as the limit allows, never larger than the tensor itself.
  const double fit = std::min({1.0, static_cast<double>(max_side - gap * (cols - 1)) / (cols * w),
                               static_cast<double>(max_side - gap * (rows - 1)) / (rows * h)});
  const int tw = std::max(1, static_cast<int>(w * fit)),
            th = std::max(1, static_cast<int>(h * fit));
  const int total_w = cols * tw + (cols - 1) * gap, total_h = rows * th + (rows - 1) * gap;
  // The tiles first (channels on the engine's threads), then one symmetric range over all
  // of them, so equal values look equal across tiles.
  std::vector<std::vector<float>> tiles(static_cast<size_t>(channels));
  fast::parallel_for(channels, 0, nullptr, [&](int k, int) {
    std::vector<float>& tile = tiles[static_cast<size_t>(k)];
    tile.resize(static_cast<size_t>(tw) * th);
    downsample_region(chw.plane(k), h, w, Region{0, 0, w, h}, tile.data(), th, tw, shrink);
  });
  float peak = 0.0f;
  bool unit = true;  // every value in [0, 1]: an image, shown in grey
  for (const std::vector<float>& tile : tiles) {
    for (float v : tile) {
      if (std::isfinite(v)) peak = std::max(peak, std::fabs(v));
      unit = unit && v >= 0.0f && v <= 1.0f;
    }
  }
  const float scale = peak > 0 ? 1.0f / peak : 0.0f;
  std::vector<unsigned char> px(static_cast<size_t>(total_w) * total_h * 3, 255);
  for (int k = 0; k < channels; ++k) {
    const std::vector<float>& tile = tiles[static_cast<size_t>(k)];
    const int x0 = (k % cols) * (tw + gap), y0 = (k / cols) * (th + gap);
    for (int y = 0; y < th; ++y) {
      for (int x = 0; x < tw; ++x) {
        const float raw = tile[static_cast<size_t>(y) * tw + x];
        unsigned char* o = &px[(static_cast<size_t>(y0 + y) * total_w + x0 + x) * 3];
        if (unit) {
          o[0] = o[1] = o[2] = to_byte(raw);
          continue;
        }
        const float v = std::clamp(raw * scale, -1.0f, 1.0f);
        // White at zero, towards red for positive and blue for negative.
        o[0] = to_byte(v < 0 ? 1.0f + v : 1.0f);
        o[1] = to_byte(1.0f - std::fabs(v));
        o[2] = to_byte(v > 0 ? 1.0f - v : 1.0f);
      }
    }
  }
  // Previews are for looking at: a light compression level writes them several times
  // faster for files a little larger.
  write_rgb8(path, total_w, total_h, 3, px, 2);
}

}  // namespace sepconv
