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
  if (!stbi_info_from_memory(data, length, &w, &h, &comp)) refuse_header(bytes, name, max_pixels);
  check_header(w, h, name, max_pixels);
  LoadedImage img;
  img.channels_in_file = comp;
  img.had_alpha = comp == 2 || comp == 4;
  if (stbi_is_hdr_from_memory(data, length)) {
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

void write_file_atomically(const std::string& path, const std::string& bytes) {
  write_file_atomically(path, [&bytes](std::ostream& out) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  });
}

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  std::random_device rd;
  const std::string tmp = path + ".tmp" + std::to_string(rd() % 1000000);
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw Error(ErrorKind::FileWrite, path + ": cannot create file in that folder");
    try {
      write(f);
    } catch (...) {
      f.close();
      std::error_code ec;
      fs::remove(tmp, ec);
      throw;
    }
    if (!f.flush()) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw Error(ErrorKind::FileWrite, path + ": write failed (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw Error(ErrorKind::FileWrite, path + ": cannot rename temporary file into place");
  }
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
