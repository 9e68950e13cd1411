// Writes the seed corpus of every fuzz target (docs/fuzzing.md) into OUT/<target>/: small
// images of each format the loader reads, .npy files of several shapes and dtypes, the
// bundled lessons and a session, typical layer command lines and a few trace cases. Run
// at build time, so the seeds follow the code that writes them; all of them are tiny.
//
// usage: sepconv-fuzz-seeds OUT ASSETS_DIR
#include <stb_image_write.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "lesson.h"
#include "npy_io.h"
#include "tensor.h"

namespace fs = std::filesystem;
using namespace sepconv;

namespace {

void write(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error(file.string() + ": cannot write");
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// [SECTION] images: a w x h gradient with `comp` interleaved 8-bit channels.
std::vector<unsigned char> gradient(int w, int h, int comp) {
  std::vector<unsigned char> px(static_cast<size_t>(w * h * comp));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < comp; ++c)
        px[static_cast<size_t>((y * w + x) * comp + c)] =
            static_cast<unsigned char>((x * 40 + y * 25 + c * 90) % 256);
  return px;
}

void append_to(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<size_t>(size));
}

std::string be16(int v) {
  return {static_cast<char>(v >> 8), static_cast<char>(v & 0xff)};
}
std::string be32(int64_t v) {
  return be16(static_cast<int>(v >> 16)) + be16(static_cast<int>(v & 0xffff));
}

void write_images(const fs::path& dir) {
  const int w = 8, h = 6;
  for (int comp = 1; comp <= 4; ++comp) {
    const std::vector<unsigned char> px = gradient(w, h, comp);
    const std::string n = std::to_string(comp);
    std::string png, bmp, tga, jpg;
    stbi_write_png_to_func(append_to, &png, w, h, comp, px.data(), w * comp);
    stbi_write_bmp_to_func(append_to, &bmp, w, h, comp, px.data());
    stbi_write_tga_to_func(append_to, &tga, w, h, comp, px.data());
    stbi_write_jpg_to_func(append_to, &jpg, w, h, comp, px.data(), 80);
    write(dir / ("gradient_c" + n + ".png"), png);
    write(dir / ("gradient_c" + n + ".bmp"), bmp);
    write(dir / ("gradient_c" + n + ".tga"), tga);
    if (comp != 2 && comp != 4) write(dir / ("gradient_c" + n + ".jpg"), jpg);
  }
  // Radiance HDR: linear floats, some above 1.
  std::vector<float> hdr_px(static_cast<size_t>(w * h * 3));
  for (size_t i = 0; i < hdr_px.size(); ++i) hdr_px[i] = static_cast<float>(i % 7) * 0.5f;
  std::string hdr;
  stbi_write_hdr_to_func(append_to, &hdr, w, h, 3, hdr_px.data());
  write(dir / "linear.hdr", hdr);
  // PNM: 8-bit colour, 8-bit and 16-bit grey.
  const std::vector<unsigned char> rgb = gradient(w, h, 3), grey = gradient(w, h, 1);
  write(dir / "gradient.ppm", "P6\n8 6\n255\n" + std::string(rgb.begin(), rgb.end()));
  write(dir / "gradient.pgm",
        "P5\n# a comment\n8 6\n255\n" + std::string(grey.begin(), grey.end()));
  std::string grey16;
  for (unsigned char v : grey) grey16 += be16(v * 257);
  write(dir / "gradient16.pgm", "P5\n8 6\n65535\n" + grey16);
  // GIF: the classic 1 x 1 with a graphic control extension (transparency).
  constexpr char kGif[] =
      "GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
      "!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00;";
  write(dir / "one.gif", std::string(kGif, sizeof kGif - 1));
  // PSD: 3 raw 8-bit channels, planar.
  std::string psd = "8BPS" + be16(1) + std::string(6, '\0') + be16(3) + be32(h) + be32(w) +
                    be16(8) + be16(3) + be32(0) + be32(0) + be32(0) + be16(0);
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < w * h; ++i) psd += rgb[static_cast<size_t>(i * 3 + c)];
  write(dir / "planar.psd", psd);
  // The PNG whose header claims 100000 x 100000: refused with its size.
  const std::string png_small(read(dir / "gradient_c3.png"));
  std::string huge = png_small.substr(0, 16) + be32(100000) + be32(100000) + png_small.substr(24);
  write(dir / "claims_100000x100000.png", huge);
}

// [SECTION] .npy: the writer's own files, then hand-made headers the reader must handle.
std::string npy(const std::string& dict, const std::string& values, int major = 1) {
  std::string header = dict;
  const size_t fixed = major == 1 ? 10 : 12;
  header.append((64 - (fixed + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY", 6);
  out += static_cast<char>(major);
  out += '\0';
  const size_t n = header.size();
  out += static_cast<char>(n & 0xff);
  out += static_cast<char>(n >> 8);
  if (major != 1) out += std::string(2, '\0');
  return out + header + values;
}

void write_npys(const fs::path& dir) {
  const std::vector<std::vector<int>> shapes = {{},           {5},          {2, 3},
                                                {3, 1, 3, 3}, {4, 3, 1, 1}, {0, 3}};
  for (const std::vector<int>& shape : shapes) {
    Tensor t(shape);
    for (int64_t i = 0; i < t.size(); ++i) t.data()[i] = static_cast<float>(i) * 0.25f - 1.0f;
    std::string name = "f4";
    for (int d : shape) name += '_' + std::to_string(d);
    write(dir / (name + ".npy"), encode_npy(t));
  }
  const std::string six_floats(24, '\0');
  write(dir / "v2.npy",
        npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", six_floats, 2));
  write(dir / "v3_double_quotes.npy",
        npy("{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (6,), }", six_floats, 3));
  // Refused, each for one reason: other dtypes, Fortran order, a NaN, a short file.
  const std::pair<const char*, const char*> dtypes[] = {
      {"<f8", "f8"}, {"<i4", "i4"}, {"|u1", "u1"}, {">f4", "f4_big_endian"}, {"<f2", "f2"}};
  for (const auto& [dtype, name] : dtypes)
    write(dir / (std::string("dtype_") + name + ".npy"),
          npy(std::string("{'descr': '") + dtype + "', 'fortran_order': False, 'shape': (3,), }",
              std::string(24, '\0')));
  write(dir / "fortran.npy",
        npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", six_floats));
  const float nan = std::nanf("");
  write(dir / "nan.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                             std::string(reinterpret_cast<const char*>(&nan), 4)));
  write(dir / "short.npy",
        npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 4), }", six_floats));
}

// [SECTION] lessons: the bundled ones and a one-step session with a layer of its own.
void write_lessons(const fs::path& dir, const fs::path& assets) {
  for (const auto& entry : fs::directory_iterator(assets / "lessons"))
    if (entry.path().extension() == ".json")
      write(dir / entry.path().filename(), read(entry.path()));
  const LessonContext context{{assets.string()}, false};
  Lesson session;
  session.title = "Session";
  LessonStep step;
  step.title = "Where I was";
  step.state.image = "sample:tiny.png";
  step.state.layer.spec.dk = 5;
  step.state.layer.spec.n = 8;
  step.state.layer.spec.stride = 2;
  step.state.layer.spec.pad_policy = PadPolicy::Explicit;
  step.state.layer.spec.pad_amount = 1;
  step.state.layer.files.depthwise = "/fuzz/dw.npy";
  step.state.view.tab = "animation";
  step.state.view.highlight = {"dk2", "n"};
  step.state.animation.jump = "depthwise:0,1,1";
  step.state.animation.speed = 4;
  LessonQuestion q;
  q.prompt = "How many multiplications?";
  q.quantity = "depthwise.mults";
  step.question = q;
  session.steps.push_back(step);
  write(dir / "session.json", lesson_json(session, "/fuzz/session.json", context));
}

// [SECTION] layer flags: command lines, one argument per line, including the issue's.
void write_flags(const fs::path& dir) {
  const std::vector<std::pair<const char*, const char*>> lines = {
      {"defaults", ""},
      {"dk5_n32", "--dk\n5\n--n\n32\n"},
      {"stride_valid", "--stride\n2\n--padding\nvalid\n--dilation\n2\n"},
      {"explicit_reflect", "--padding\n3\n--pad-mode\nreflect\n--convolution\n"},
      {"groups", "--m\n4\n--n\n8\n--groups\n2\n--std-kernel\nbox\n"},
      {"multiplier", "--m\n3\n--multiplier\n4\n--kernel\nrandom\n--mix\nidentity\n"},
      {"working_size", "--working-size\n0.5MP\n--engine\nreference\n--threads\n2\n"},
      {"seed", "--seed\n123456789\n--std-kernel\ncomposed\n"},
      {"weights", "--dw-weights\n/nonexistent/dw.npy\n--bias-pw\nb.npy\n"},
      {"padding_overflow", "--padding\n2147483647\n"},
      {"padding_big", "--padding\n1073741824\n"},
      {"stride_overflow", "--stride\n2147483647\n--padding\nvalid\n"},
      {"multiplier_overflow", "--multiplier\n2147483647\n"},
      {"help", "--help\n"},
  };
  for (const auto& [name, text] : lines) write(dir / (std::string(name) + ".args"), text);
  // Arguments may also be separated by NUL, as in /proc/PID/cmdline.
  constexpr char kNulSeparated[] =
      "--dk\0"
      "63\0"
      "--dilation\0"
      "1024";
  write(dir / "nul_separated.args", std::string(kNulSeparated, sizeof kNulSeparated - 1));
}

// [SECTION] trace: the bytes are read as small numbers (fuzz_trace.cpp), so any bytes
// describe a case; a few fixed ones and some seeded random ones.
void write_traces(const fs::path& dir) {
  write(dir / "zeros", std::string(64, '\0'));
  // A grouped layer with padding, as fuzz_trace.cpp reads the bytes.
  constexpr char kGrouped[] =
      "\x01\x00\x01\x00\x02\x02\x01\x01\x00\x00\x01\x01\x01\x01\x01\x01\x07\x09\x01\x01\x01";
  write(dir / "grouped_reflect", std::string(kGrouped, sizeof kGrouped - 1));
  std::mt19937 rng(17);
  for (int i = 0; i < 8; ++i) {
    std::string bytes(static_cast<size_t>(32 + 80 * i), '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xff);
    write(dir / ("random_" + std::to_string(i)), bytes);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: sepconv-fuzz-seeds OUT ASSETS_DIR\n";
    return 2;
  }
  try {
    const fs::path out = argv[1], assets = argv[2];
    write_images(out / "image");
    write_npys(out / "npy");
    write_lessons(out / "lesson", assets);
    write_flags(out / "layer_flags");
    write_traces(out / "trace");
  } catch (const std::exception& e) {
    std::cerr << "sepconv-fuzz-seeds: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
