// Image and .npy I/O: round trips, every supported channel layout, and bad files that
// must give clear errors instead of crashes.
#include <gtest/gtest.h>
#include <stb_image_write.h>

#include <filesystem>
#include <fstream>

#include "core/test_util.h"
#include "error.h"
#include "image_io.h"
#include "npy_io.h"

using namespace sepconv;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir() {
  const fs::path d = fs::temp_directory_path() / ("sepconv_io_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_bytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

ErrorKind error_kind_of(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  ADD_FAILURE() << "expected an error";
  return ErrorKind::Cancelled;
}

}  // namespace

TEST(ImageIo, PngRoundTripKeepsValues) {
  const fs::path p = temp_dir() / "rgb.png";
  Tensor t({3, 5, 7});
  for (int64_t i = 0; i < t.size(); ++i) t.data()[i] = static_cast<float>(i % 256) / 255.0f;
  write_png(p.string(), t);
  const LoadedImage img = load_image(p.string());
  EXPECT_EQ(img.channels_in_file, 3);
  EXPECT_EQ(img.bits_per_channel, 8);
  ASSERT_EQ(img.pixels.shape(), t.shape());
  EXPECT_LT(sepconv::testing::max_abs_difference(img.pixels, t), 0.5 / 255);
}

TEST(ImageIo, AlphaIsCompositedOverWhite) {
  const fs::path p = temp_dir() / "ga.png";
  const unsigned char px[4] = {0, 0, 200, 255};  // (gray 0, alpha 0), (gray 200, alpha 255)
  ASSERT_TRUE(stbi_write_png(p.string().c_str(), 2, 1, 2, px, 4));
  const LoadedImage img = load_image(p.string());
  EXPECT_TRUE(img.had_alpha);
  ASSERT_EQ(img.pixels.shape(), (std::vector<int>{1, 1, 2}));
  EXPECT_FLOAT_EQ(img.pixels.at(0, 0, 0), 1.0f);            // transparent -> white
  EXPECT_NEAR(img.pixels.at(0, 0, 1), 200.0f / 255, 1e-6);  // opaque -> itself
}

TEST(ImageIo, SixteenBitPgmUsesTheFullRange) {
  const fs::path p = temp_dir() / "g16.pgm";
  std::string bytes = "P5\n2 1\n65535\n";
  bytes += std::string("\x00\x00\xff\xff", 4);  // big-endian samples 0 and 65535
  write_bytes(p, bytes);
  const LoadedImage img = load_image(p.string());
  EXPECT_EQ(img.bits_per_channel, 16);
  EXPECT_FLOAT_EQ(img.pixels.at(0, 0, 0), 0.0f);
  EXPECT_FLOAT_EQ(img.pixels.at(0, 0, 1), 1.0f);
}

TEST(ImageIo, TooLargeIsRefusedFromTheHeader) {
  // A PGM header claiming 100000 x 100000 pixels with no pixel data behind it.
  const fs::path p = temp_dir() / "huge.pgm";
  write_bytes(p, "P5\n100000 100000\n255\n");
  std::string msg;
  EXPECT_EQ(error_kind_of([&] { load_image(p.string()); }, &msg), ErrorKind::ImageTooLarge);
  EXPECT_NE(msg.find("10000000000 pixels exceeds the limit"), std::string::npos) << msg;
}

TEST(ImageIo, UnreadableTruncatedAndMissingFilesAreClearErrors) {
  const fs::path dir = temp_dir();
  std::string msg;
  EXPECT_EQ(error_kind_of([&] { load_image((dir / "missing.png").string()); }, &msg),
            ErrorKind::ImageLoad);
  EXPECT_NE(msg.find("missing.png: no such file"), std::string::npos) << msg;
  write_bytes(dir / "text.png", "this is not an image");
  EXPECT_EQ(error_kind_of([&] { load_image((dir / "text.png").string()); }, &msg),
            ErrorKind::ImageLoad);
  EXPECT_NE(msg.find("text.png: cannot read image (not a PNG, JPEG"), std::string::npos) << msg;
  // A real PNG cut in half.
  write_png((dir / "full.png").string(), sepconv::testing::random_tensor({3, 40, 40}, 1, 0, 1));
  const std::string full = read_bytes(dir / "full.png");
  write_bytes(dir / "half.png", full.substr(0, full.size() / 2));
  EXPECT_EQ(error_kind_of([&] { load_image((dir / "half.png").string()); }), ErrorKind::ImageLoad);
  EXPECT_EQ(error_kind_of([&] { load_image(dir.string()); }), ErrorKind::ImageLoad);
}

TEST(ImageIo, WritingNeverLeavesTemporaryFiles) {
  const fs::path dir = temp_dir() / "clean";
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_png((dir / "a.png").string(), Tensor({1, 2, 2}, 0.5f));
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
  EXPECT_EQ(error_kind_of([&] {
              write_png((dir / "no" / "such" / "x.png").string(), Tensor({1, 1, 1}));
            }),
            ErrorKind::FileWrite);
}

TEST(Npy, RoundTripOfCHWAndWeightShapes) {
  for (const std::vector<int>& shape :
       std::vector<std::vector<int>>{{3, 4, 5}, {8, 1, 3, 3}, {7}, {2, 3}}) {
    const Tensor t = sepconv::testing::random_tensor(shape, 3);
    const Tensor back = parse_npy(encode_npy(t), "mem");
    EXPECT_EQ(back.shape(), shape);
    EXPECT_EQ(back.values(), t.values());
  }
  // The header is padded so the data starts at a multiple of 64 bytes (NumPy's rule).
  EXPECT_EQ((encode_npy(Tensor({3, 4, 5})).size() - 3 * 4 * 5 * 4) % 64, 0u);
}

TEST(Npy, ParsesHeadersWrittenByNumPy) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  header.append(128 - 10 - header.size() - 1, ' ');
  header += '\n';
  std::string bytes("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(header.size());
  bytes += '\0';
  bytes += header;
  bytes.append(24, '\0');
  EXPECT_EQ(parse_npy(bytes, "np").shape(), (std::vector<int>{2, 3}));
}

TEST(Npy, MalformedFilesAreClearErrors) {
  const std::string good = encode_npy(Tensor({2, 2}, 1.0f));
  std::string msg;
  EXPECT_EQ(error_kind_of([&] { parse_npy("garbage", "g.npy"); }, &msg), ErrorKind::NpyFormat);
  EXPECT_NE(msg.find("g.npy: not a .npy file"), std::string::npos);
  EXPECT_EQ(error_kind_of([&] { parse_npy(good.substr(0, good.size() - 3), "t.npy"); }, &msg),
            ErrorKind::NpyFormat);
  EXPECT_NE(msg.find("needs 16 bytes of data, file has 13"), std::string::npos) << msg;
  std::string f8 = good;
  f8.replace(f8.find("<f4"), 3, "<f8");
  EXPECT_EQ(error_kind_of([&] { parse_npy(f8, "d.npy"); }, &msg), ErrorKind::NpyFormat);
  EXPECT_NE(msg.find("float32"), std::string::npos);
  std::string fortran = good;
  fortran.replace(fortran.find("False"), 5, "True ");
  EXPECT_EQ(error_kind_of([&] { parse_npy(fortran, "f.npy"); }), ErrorKind::NpyFormat);
  std::string cut_header = good.substr(0, 20);
  EXPECT_EQ(error_kind_of([&] { parse_npy(cut_header, "h.npy"); }), ErrorKind::NpyFormat);
}

TEST(Npy, WeightsAreCheckedAgainstTheLayer) {
  const fs::path p = temp_dir() / "pw.npy";
  write_npy(p.string(), Tensor({4, 3}, 1.0f));
  EXPECT_EQ(read_weights_npy(p.string(), {4, 3, 1, 1}).shape(), (std::vector<int>{4, 3, 1, 1}));
  std::string msg;
  EXPECT_EQ(error_kind_of(
                [&] {
                  read_weights_npy(p.string(), {4, 5, 1, 1});
                },
                &msg),
            ErrorKind::NpyFormat);
  EXPECT_NE(msg.find("weights have shape [4, 3], the layer needs [4, 5, 1, 1]"), std::string::npos)
      << msg;
}
