// Generates a camera-sized test photo (12 MP, 24 MP, ...) from code, so tests and
// measurements can open a phone-sized picture without shipping one. Smooth sky, hills,
// discs with hard edges and a little sensor noise: content that JPEG and the layer treat
// as they treat a real photo.
//   sepconv-make-photo WIDTH HEIGHT OUT.jpg|OUT.png [--16bit]
// JPEG is written at quality 90 (8-bit); PNG is 8-bit, or 16-bit with --16bit (stored
// deflate blocks: fast to write and to read, and stb_image decodes them as any PNG).
#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace {

// One pixel of the scene at (u, v) in [0,1]^2, as linear-ish RGB in [0,1].
std::array<float, 3> scene(float u, float v) {
  std::array<float, 3> c{0.35f + 0.4f * v, 0.55f + 0.3f * v, 0.95f - 0.2f * v};  // sky
  const float hill = 0.62f + 0.06f * std::sin(u * 9.0f) + 0.03f * std::sin(u * 23.0f + 1.0f);
  if (v > hill) {
    const float t = std::clamp((v - hill) * 3.0f, 0.0f, 1.0f);
    c = {0.25f - 0.1f * t, 0.5f - 0.2f * t, 0.2f - 0.05f * t};
    // Rows of "crops": fine texture at every scale.
    c[1] += 0.08f * std::sin(u * 400.0f * (0.3f + v)) * std::sin(v * 300.0f);
  }
  const float sun = std::hypot(u - 0.8f, v - 0.2f);
  if (sun < 0.07f) c = {1.0f, 0.9f, 0.55f};
  for (int i = 0; i < 5; ++i) {  // discs with hard edges
    const float cx = 0.12f + 0.17f * static_cast<float>(i), cy = 0.75f + 0.04f * std::sin(i * 2.0f);
    if (std::hypot((u - cx) * 1.3f, v - cy) < 0.05f) c = {0.8f, 0.25f + 0.1f * i, 0.2f};
  }
  return c;
}

// PNG needs CRC-32 per chunk and Adler-32 for the zlib stream.
uint32_t crc32(const unsigned char* p, size_t n, uint32_t crc = 0) {
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) {
    crc ^= p[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put32(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void chunk(std::string& png, const char* type, const std::string& data) {
  put32(png, static_cast<uint32_t>(data.size()));
  std::string body(type, 4);
  body += data;
  png += body;
  put32(png, crc32(reinterpret_cast<const unsigned char*>(body.data()), body.size()));
}

// A 16-bit RGB PNG with uncompressed (stored) deflate blocks.
std::string png16(int w, int h, const std::vector<uint16_t>& rgb) {
  std::string raw;
  raw.reserve(static_cast<size_t>(h) * (1 + static_cast<size_t>(w) * 6));
  for (int y = 0; y < h; ++y) {
    raw.push_back(0);  // filter: none
    for (int x = 0; x < w * 3; ++x) {
      const uint16_t s = rgb[static_cast<size_t>(y) * w * 3 + x];
      raw.push_back(static_cast<char>(s >> 8));
      raw.push_back(static_cast<char>(s & 0xFF));
    }
  }
  std::string z = {0x78, 0x01};
  uint32_t a = 1, b = 0;
  for (unsigned char ch : raw) {
    a = (a + ch) % 65521;
    b = (b + a) % 65521;
  }
  for (size_t at = 0; at < raw.size() || raw.empty(); at += 65535) {
    const size_t n = std::min<size_t>(65535, raw.size() - at);
    z.push_back(at + n >= raw.size() ? 1 : 0);
    z.push_back(static_cast<char>(n & 0xFF));
    z.push_back(static_cast<char>(n >> 8));
    z.push_back(static_cast<char>(~n & 0xFF));
    z.push_back(static_cast<char>((~n >> 8) & 0xFF));
    z.append(raw, at, n);
    if (raw.empty()) break;
  }
  put32(z, (b << 16) | a);
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  put32(ihdr, static_cast<uint32_t>(w));
  put32(ihdr, static_cast<uint32_t>(h));
  ihdr += std::string{16, 2, 0, 0, 0};  // 16 bits, RGB, deflate, no filter, no interlace
  chunk(png, "IHDR", ihdr);
  chunk(png, "IDAT", z);
  chunk(png, "IEND", "");
  return png;
}

void append(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<size_t>(size));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || argc > 5 || (argc == 5 && std::strcmp(argv[4], "--16bit") != 0)) {
    std::cerr << "usage: sepconv-make-photo WIDTH HEIGHT OUT.jpg|OUT.png [--16bit]\n";
    return 2;
  }
  const int w = std::atoi(argv[1]), h = std::atoi(argv[2]);
  const std::string out = argv[3];
  const bool deep = argc == 5;
  const bool jpeg = out.size() > 4 && (out.substr(out.size() - 4) == ".jpg");
  if (w < 1 || h < 1 || w > 30000 || h > 30000 || (jpeg && deep)) {
    std::cerr << "sepconv-make-photo: WIDTH and HEIGHT must be 1..30000 (--16bit needs .png)\n";
    return 2;
  }
  std::mt19937 rng(12345);
  std::normal_distribution<float> noise(0.0f, 0.01f);
  const float scale = deep ? 65535.0f : 255.0f;
  std::vector<uint16_t> deep_px(deep ? static_cast<size_t>(w) * h * 3 : 0);
  std::vector<unsigned char> px(deep ? 0 : static_cast<size_t>(w) * h * 3);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const auto c = scene((x + 0.5f) / w, (y + 0.5f) / h);
      for (int k = 0; k < 3; ++k) {
        const float v = std::clamp(c[static_cast<size_t>(k)] + noise(rng), 0.0f, 1.0f) * scale;
        const size_t i = (static_cast<size_t>(y) * w + x) * 3 + k;
        if (deep)
          deep_px[i] = static_cast<uint16_t>(std::lround(v));
        else
          px[i] = static_cast<unsigned char>(std::lround(v));
      }
    }
  }
  std::string bytes;
  if (deep) {
    bytes = png16(w, h, deep_px);
  } else if (jpeg) {
    stbi_write_jpg_to_func(append, &bytes, w, h, 3, px.data(), 90);
  } else {
    stbi_write_png_to_func(append, &bytes, w, h, 3, px.data(), w * 3);
  }
  std::ofstream f(out, std::ios::binary);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (bytes.empty() || !f) {
    std::cerr << "sepconv-make-photo: cannot write " << out << "\n";
    return 2;
  }
  return 0;
}
