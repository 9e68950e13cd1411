// Image and .npy I/O: round trips, every supported channel layout, and bad files that
// must give clear errors instead of crashes.
#include <gtest/gtest.h>

#include <stb_image_write.h>
#include <limits>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "atomic_write.h"
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
  EXPECT_NE(msg.find("100000 x 100000 = 10,000,000,000 pixels, above the limit of 67,108,864 "
                     "pixels (64 Mi)"),
            std::string::npos)
      << msg;
}

// Headers stb_image refuses before saying their size ("too large") still get their size
// and the limit named, not "damaged": PNG, BMP, PSD and JPEG claiming 100000 x 100000.
TEST(ImageIo, HeadersTheDecoderRefusesStillNameTheirSize) {
  auto be32 = [](uint32_t v) {
    return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  };
  auto le32 = [](uint32_t v) {
    return std::string{char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
  };
  const uint32_t n = 100000;
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(n) +
                          be32(n) + std::string("\x08\x02\x00\x00\x00", 5) + be32(0);
  std::string bmp = "BM" + le32(0) + le32(0) + le32(54) + le32(40) + le32(n) + le32(n);
  bmp += std::string("\x01\x00\x18\x00", 4) + std::string(24, '\0');
  const std::string psd = "8BPS" + std::string("\x00\x01", 2) + std::string(6, '\0') +
                          std::string("\x00\x03", 2) + be32(n) + be32(n) +
                          std::string("\x00\x08\x00\x03", 4);
  const std::string jpeg = std::string("\xFF\xD8\xFF\xC0\x00\x11\x08", 7) +
                           std::string{char(0xC3), char(0x50), char(0xC3), char(0x50)} +
                           std::string("\x03\x01\x11\x00\x02\x11\x01\x03\x11\x01", 10);
  const std::vector<std::pair<std::string, std::string>> files = {
      {"huge.png", png}, {"huge.bmp", bmp}, {"huge.psd", psd}};
  for (const auto& [name, bytes] : files) {
    const fs::path p = temp_dir() / name;
    write_bytes(p, bytes);
    std::string msg;
    EXPECT_EQ(error_kind_of([&] { load_image(p.string()); }, &msg), ErrorKind::ImageTooLarge)
        << name << ": " << msg;
    EXPECT_NE(msg.find("100000 x 100000 = 10,000,000,000 pixels, above the limit"),
              std::string::npos)
        << msg;
    EXPECT_EQ(error_kind_of([&] { read_image_size(p.string()); }), ErrorKind::ImageTooLarge)
        << name;
  }
  // 50000 x 50000 from a JPEG's start-of-frame.
  const fs::path p = temp_dir() / "huge.jpg";
  write_bytes(p, jpeg);
  std::string msg;
  EXPECT_EQ(error_kind_of([&] { load_image(p.string()); }, &msg), ErrorKind::ImageTooLarge) << msg;
  EXPECT_NE(msg.find("50000 x 50000 = 2,500,000,000 pixels"), std::string::npos) << msg;
}

// Inputs the fuzzer found (tests/fuzz/regressions/image, docs/fuzzing.md): each is one
// clear line, decoded or only sized, never a hang, an overflow or a write out of bounds
// inside stb_image.
TEST(ImageIo, FuzzFindingsAreOneClearLine) {
  const fs::path dir =
      fs::path(SEPCONV_ASSETS_DIR).parent_path() / "tests" / "fuzz" / "regressions" / "image";
  struct Case {
    const char* file;
    const char* expected;
    bool in_header;  // read_image_size meets it too (stbi_info reads that far)
  };
  const Case cases[] = {
      {"hdr_zero_length_run_hangs.hdr", "scanline 1 holds a run of length 0 or is cut short",
       false},
      {"jpeg_huffman_table_before_size.jpg", "the Huffman table at byte 38 lists more than 256",
       true},
      {"jpeg_huffman_table_over_256_codes.jpg", "lists more than 256 codes", true},
      {"jpeg_fill_bytes_before_soi.jpg", "lists more than 256 codes", true},
      {"png_idat_states_2_gib.png", "the IDAT chunk at byte", false},
      {"png_chunk_name_with_newline.png", "(I\\x0d\\x0a\\x1a PNG chunk not known)", false},
      {"png_size_product_overflows_64_bits.png",
       "4278190074 x 4294508544 = 18,372,723,825,648,992,256 pixels, above the limit", true},
      {"pnm_width_overflows_int.pgm", "a header number is above 2,147,483,647", true},
  };
  for (const Case& c : cases) {
    const std::string path = (dir / c.file).string();
    std::string msg;
    (void)error_kind_of([&] { load_image(path); }, &msg);
    EXPECT_NE(msg.find(c.expected), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    if (!c.in_header) continue;
    (void)error_kind_of([&] { read_image_size(path); }, &msg);
    EXPECT_NE(msg.find(c.expected), std::string::npos) << msg;
  }
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

// The one writer every path uses: a file being replaced stays whole until the new bytes
// are complete, and a writer that throws leaves the old file and no temporary one.
TEST(AtomicWrite, ReplacesWholeOrNotAtAll) {
  const fs::path dir = temp_dir() / "atomic";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path target = dir / "report.json";
  write_file_atomically(target.string(), std::string("first"));
  EXPECT_EQ(read_bytes(target), "first");
  write_file_atomically(target.string(), std::string(200000, 'x'));  // several buffers
  EXPECT_EQ(read_bytes(target), std::string(200000, 'x'));
  EXPECT_THROW(write_file_atomically(target.string(),
                                     [](std::ostream& out) {
                                       out << "half of it";
                                       throw std::runtime_error("the writer failed");
                                     }),
               std::runtime_error);
  EXPECT_EQ(read_bytes(target), std::string(200000, 'x'));
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 1) << "a temporary file was left behind";
  std::string message;
  EXPECT_EQ(
      error_kind_of([&] { write_file_atomically((dir / "no" / "x.npy").string(), "x"); }, &message),
      ErrorKind::FileWrite);
  EXPECT_NE(message.find("x.npy: cannot create a file in that folder (No such file or directory)"),
            std::string::npos)
      << message;
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

// NaN and Inf anywhere in a .npy are refused with the file and the first bad index, as
// the tensor's own index: they would silently turn every output into NaN.
// Found by the fuzzer (tests/fuzz/regressions/npy): a 0 in the shape makes it empty
// whatever the other dimensions, and header text in a message is printable.
TEST(Npy, FuzzFindings) {
  const fs::path dir =
      fs::path(SEPCONV_ASSETS_DIR).parent_path() / "tests" / "fuzz" / "regressions" / "npy";
  const Tensor empty = read_npy((dir / "empty_shape_product_overflows.npy").string());
  EXPECT_EQ(empty.size(), 0);
  EXPECT_EQ(empty.rank(), 7);
  std::string msg;
  EXPECT_EQ(
      error_kind_of([&] { read_npy((dir / "dtype_with_newline_in_message.npy").string()); }, &msg),
      ErrorKind::NpyFormat);
  EXPECT_NE(msg.find("dtype '<f4'     \\x0a\\x00 is not supported"), std::string::npos) << msg;
  EXPECT_THROW(Tensor({1 << 30, 1 << 30, 1 << 30, 1 << 30}), Error);  // 2^120 values
}

TEST(Npy, NonFiniteValuesAreRefusedNamingTheFirstIndex) {
  const std::vector<std::pair<float, std::string>> cases = {
      {std::numeric_limits<float>::quiet_NaN(), "is NaN"},
      {std::numeric_limits<float>::infinity(), "is +Inf"},
      {-std::numeric_limits<float>::infinity(), "is -Inf"}};
  for (const auto& [value, word] : cases) {
    Tensor t({2, 1, 3, 3}, 0.5f);
    t.at(1, 0, 2, 1) = value;  // flat 9 + 7 = 16
    t.at(1, 0, 2, 2) = value;  // a later one is not the first
    const fs::path p = temp_dir() / "bad_dw.npy";
    write_npy(p.string(), t);
    std::string msg;
    EXPECT_EQ(error_kind_of(
                  [&] {
                    read_weights_npy(p.string(), {2, 1, 3, 3});
                  },
                  &msg),
              ErrorKind::NpyFormat);
    EXPECT_NE(
        msg.find(p.string() + ": the value at index [1, 0, 2, 1] (value 16 in file order) " + word),
        std::string::npos)
        << msg;
  }
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
