// The export encoders on synthetic frames: MP4 and GIF decode back with the frame count,
// size and rate asked for and frames close to the source (stated bounds); a PNG sequence
// is exact; the format comes from the path; the refusals leave everything as it was.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "error.h"
#include "export/animation_writer.h"
#include "export_test_util.h"
#include "video_reader.h"

namespace sepconv::testing {
namespace {

namespace fs = std::filesystem;
using app::AnimationFormat;
using app::AnimationSpec;
using app::AnimationWriter;

// H.264 at crf 20 with 4:2:0 chroma is lossy: the mean absolute error per channel (of
// 255) over a frame stays under this; measured 0.3-1.0 on these frames at both sizes.
constexpr double kMp4MeanErrorBound = 2.0;
// One 255-colour palette with dithering for the whole clip: measured 1.6-2.1.
constexpr double kGifMeanErrorBound = 3.5;
// The moving square's first and last frames differ by this much on average at least
// (the square's area is 1/16 of the frame at ~200 levels of contrast: about 12 before
// coding; anything coded keeps well above 3).
constexpr double kMovedDifferenceMin = 3.0;

std::string Hidden(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += n + " ";
  return out;
}

void ExpectCloseAndMoving(const DecodedVideo& v, const std::vector<std::vector<uint8_t>>& src,
                          double bound, const std::string& what) {
  ASSERT_TRUE(v.rgb.count(0) && v.rgb.count(-1)) << what;
  const int w = v.width, h = v.height;
  for (auto [index, source] : {std::pair{0, 0}, std::pair{-1, static_cast<int>(src.size()) - 1}}) {
    const auto err = MeanAbsError(v.rgb.at(index), src[static_cast<size_t>(source)], w, h);
    for (int c = 0; c < 3; ++c) {
      EXPECT_LT(err[c], bound) << what << " frame " << source << " channel "
                               << "RGB"[c] << " mean abs error " << err[c] << " at " << w << "x"
                               << h;
    }
  }
  const double moved = MeanAbsDifference(v.rgb.at(0), v.rgb.at(-1));
  EXPECT_GT(moved, kMovedDifferenceMin)
      << what << ": the first and last frames differ by " << moved << " on average";
}

// [SECTION] MP4

TEST(ExportMp4, DecodesBackWithCountSizeExactRateAndCloseFrames) {
  TempFolder dir;
  const AnimationSpec spec{dir / "square.mp4", 320, 240, 30};
  const auto frames = WriteMovingSquare(spec, 64);
  EXPECT_EQ(Listing(dir.path()), std::set<std::string>{"square.mp4"});

  const DecodedVideo v = ReadVideo(spec.path, {0, -1});
  EXPECT_EQ(v.codec, "h264");
  EXPECT_EQ(v.pix_fmt, "yuv420p");
  EXPECT_EQ(v.frame_count, 64);
  EXPECT_EQ(v.width, 320);
  EXPECT_EQ(v.height, 240);
  // The container's rate is exactly 30/1, and frame i is at i/30 s (tolerance 1 µs, far
  // below the mp4 time base of 1/15360 s).
  EXPECT_EQ(v.rate_num * 1, 30 * v.rate_den) << v.rate_num << "/" << v.rate_den;
  ASSERT_EQ(v.times.size(), 64u);
  for (int i = 0; i < 64; ++i) EXPECT_NEAR(v.times[i], i / 30.0, 1e-6) << "frame " << i;
  ExpectCloseAndMoving(v, frames, kMp4MeanErrorBound, "mp4 320x240");
}

TEST(ExportMp4, FullHdShortClip) {
  TempFolder dir;
  const AnimationSpec spec{dir / "full_hd.mp4", 1920, 1080, 25};
  const auto frames = WriteMovingSquare(spec, 8);
  const DecodedVideo v = ReadVideo(spec.path, {0, -1});
  EXPECT_EQ(v.frame_count, 8);
  EXPECT_EQ(v.width, 1920);
  EXPECT_EQ(v.height, 1080);
  EXPECT_EQ(v.rate_num, 25 * v.rate_den);
  ExpectCloseAndMoving(v, frames, kMp4MeanErrorBound, "mp4 1920x1080");
}

TEST(ExportMp4, OddSizeIsRefusedNamingTheSize) {
  TempFolder dir;
  const std::string path = dir / "odd.mp4";
  try {
    AnimationWriter writer(AnimationSpec{path, 321, 240, 30});
    FAIL() << "an odd width was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidParameter);
    const std::string m = e.what();
    EXPECT_NE(m.find(path), std::string::npos) << m;
    EXPECT_NE(m.find("321x240"), std::string::npos) << m;
    EXPECT_NE(m.find("even"), std::string::npos) << m;
  }
  EXPECT_TRUE(Listing(dir.path()).empty()) << Hidden(Listing(dir.path()));
}

// [SECTION] GIF

TEST(ExportGif, DecodesBackWithCountSizeExactRateAndCloseFrames) {
  TempFolder dir;
  // 25 fps: 4/100 s per frame, which a GIF holds exactly.
  const AnimationSpec spec{dir / "square.gif", 320, 240, 25};
  const auto frames = WriteMovingSquare(spec, 64);
  EXPECT_EQ(Listing(dir.path()), std::set<std::string>{"square.gif"});

  const DecodedVideo v = ReadVideo(spec.path, {0, -1});
  EXPECT_EQ(v.codec, "gif");
  EXPECT_EQ(v.frame_count, 64);
  EXPECT_EQ(v.width, 320);
  EXPECT_EQ(v.height, 240);
  for (int i = 0; i < v.frame_count; ++i) {
    EXPECT_NEAR(v.durations[i], 0.04, 1e-9) << "frame " << i;
    EXPECT_NEAR(v.times[i], i * 0.04, 1e-9) << "frame " << i;
  }
  EXPECT_NEAR(v.MeasuredFps(), 25.0, 1e-6);
  ExpectCloseAndMoving(v, frames, kGifMeanErrorBound, "gif 320x240");
}

TEST(ExportGif, ThirtyFpsKeepsTheRateOnAverage) {
  // 1/30 s is not a whole number of hundredths: delays alternate 3, 3, 4 /100 s and the
  // clip lasts 64/30 s within one hundredth.
  TempFolder dir;
  const AnimationSpec spec{dir / "thirty.gif", 160, 120, 30};
  WriteMovingSquare(spec, 64);
  const DecodedVideo v = ReadVideo(spec.path);
  EXPECT_EQ(v.frame_count, 64);
  EXPECT_NEAR(v.MeasuredFps(), 30.0, 30.0 * 0.01) << "within 1 %";
  for (int i = 0; i < v.frame_count; ++i) EXPECT_NEAR(v.times[i], i / 30.0, 0.01) << i;
}

TEST(ExportGif, FullHdShortClip) {
  TempFolder dir;
  const AnimationSpec spec{dir / "full_hd.gif", 1920, 1080, 20};
  const auto frames = WriteMovingSquare(spec, 6);
  const DecodedVideo v = ReadVideo(spec.path, {0, -1});
  EXPECT_EQ(v.frame_count, 6);
  EXPECT_EQ(v.width, 1920);
  EXPECT_EQ(v.height, 1080);
  EXPECT_NEAR(v.MeasuredFps(), 20.0, 1e-6);
  ExpectCloseAndMoving(v, frames, kGifMeanErrorBound, "gif 1920x1080");
}

TEST(ExportGif, MoreThanFiftyFpsIsRefused) {
  TempFolder dir;
  try {
    AnimationWriter writer(AnimationSpec{dir / "fast.gif", 64, 64, 60});
    FAIL() << "60 fps was accepted for a GIF";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("60"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(Listing(dir.path()).empty());
}

// [SECTION] PNG sequence

std::vector<uint8_t> LoadRgb(const std::string& path, int* w, int* h) {
  int c = 0;
  unsigned char* px = stbi_load(path.c_str(), w, h, &c, 3);
  if (!px) return {};
  std::vector<uint8_t> out(px, px + static_cast<size_t>(*w) * *h * 3);
  stbi_image_free(px);
  return out;
}

TEST(ExportPngSequence, FramesEqualTheInputExactly) {
  TempFolder dir;
  const std::string out = dir / "frames";
  const AnimationSpec spec{out, 96, 64, 30};
  const auto frames = WriteMovingSquare(spec, 12);
  EXPECT_EQ(Listing(dir.path()), std::set<std::string>{"frames"});
  const auto names = Listing(out);
  ASSERT_EQ(names.size(), 12u) << Hidden(names);
  for (int i = 0; i < 12; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%05d.png", i);
    int w = 0, h = 0;
    const auto rgb = LoadRgb((fs::path(out) / name).string(), &w, &h);
    ASSERT_EQ(w, 96) << name;
    ASSERT_EQ(h, 64) << name;
    const auto err = MeanAbsError(rgb, frames[i], w, h);
    EXPECT_EQ(err[0] + err[1] + err[2], 0.0) << name << " differs from the input";
  }
}

TEST(ExportPngSequence, RgbInputAndBottomUpRowsAreRead) {
  TempFolder dir;
  const int w = 8, h = 4;
  // RGB rows, bottom-up as glReadPixels returns them: row y of the image is stored at
  // memory row h-1-y, with 4 bytes of padding per row.
  const int stride = w * 3 + 4;
  std::vector<uint8_t> mem(static_cast<size_t>(stride) * h, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c)
        mem[static_cast<size_t>(h - 1 - y) * stride + x * 3 + c] =
            static_cast<uint8_t>(10 * y + x + 100 * c);
  AnimationSpec spec{dir / "flip", w, h, 10};
  spec.layout = app::PixelLayout::Rgb;
  AnimationWriter writer(spec);
  writer.AddFrame(mem.data() + static_cast<size_t>(h - 1) * stride, -stride);
  writer.Finish();
  int lw = 0, lh = 0;
  const auto rgb = LoadRgb(dir / "flip/frame_00000.png", &lw, &lh);
  ASSERT_EQ(rgb.size(), static_cast<size_t>(w * h * 3));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      EXPECT_EQ(rgb[(static_cast<size_t>(y) * w + x) * 3], 10 * y + x) << x << "," << y;
}

TEST(ExportPngSequence, ExistingSetIsRefusedWithoutOverwriteAndReplacedWholeWithIt) {
  TempFolder dir;
  const std::string out = dir / "frames";
  WriteMovingSquare(AnimationSpec{out, 32, 32, 10}, 5);
  std::ofstream(fs::path(out) / "notes.txt") << "the teacher's own file";
  const auto before = Listing(out);
  try {
    AnimationWriter writer(AnimationSpec{out, 32, 32, 10});
    FAIL() << "an existing PNG sequence was replaced without overwrite";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::FileWrite);
    EXPECT_NE(std::string(e.what()).find(out), std::string::npos) << e.what();
  }
  EXPECT_EQ(Listing(out), before);
  // With overwrite: the 5 old frames go, 3 new ones come, the other file stays.
  AnimationSpec again{out, 32, 32, 10};
  again.overwrite = true;
  WriteMovingSquare(again, 3);
  EXPECT_EQ(Listing(out), (std::set<std::string>{"frame_00000.png", "frame_00001.png",
                                                 "frame_00002.png", "notes.txt"}));
}

TEST(ExportPngSequence, AnExistingEmptyFolderIsUsed) {
  TempFolder dir;
  fs::create_directory(dir.path() / "empty");
  WriteMovingSquare(AnimationSpec{dir / "empty", 32, 32, 10}, 2);
  EXPECT_EQ(Listing(dir.path() / "empty"),
            (std::set<std::string>{"frame_00000.png", "frame_00001.png"}));
}

// [SECTION] Paths, existing files, cancel

TEST(ExportPaths, FormatComesFromThePath) {
  TempFolder dir;
  EXPECT_EQ(app::AnimationFormatFor("a/b.mp4"), AnimationFormat::Mp4);
  EXPECT_EQ(app::AnimationFormatFor("B.MP4"), AnimationFormat::Mp4);
  EXPECT_EQ(app::AnimationFormatFor("x.gif"), AnimationFormat::Gif);
  EXPECT_EQ(app::AnimationFormatFor("frames"), AnimationFormat::PngSequence);
  EXPECT_EQ(app::AnimationFormatFor("frames.v2/"), AnimationFormat::PngSequence);
  EXPECT_EQ(app::AnimationFormatFor(dir.path().string()), AnimationFormat::PngSequence);
  try {
    app::AnimationFormatFor("clip.avi");
    FAIL() << ".avi was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(".avi"), std::string::npos) << e.what();
  }
}

class ExportEachFormat : public ::testing::TestWithParam<const char*> {};
class ExportEachFile : public ::testing::TestWithParam<const char*> {};

TEST_P(ExportEachFile, ExistingFileIsRefusedWithoutOverwriteAndReplacedWithIt) {
  TempFolder dir;
  const std::string path = dir / GetParam();
  std::ofstream(path) << "an older export";
  try {
    AnimationWriter writer(AnimationSpec{path, 64, 48, 10});
    FAIL() << "an existing file was replaced without overwrite";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::FileWrite);
    EXPECT_NE(std::string(e.what()).find(path + " already exists"), std::string::npos) << e.what();
  }
  std::ifstream in(path);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "an older export");
  EXPECT_EQ(Listing(dir.path()).size(), 1u) << Hidden(Listing(dir.path()));

  AnimationSpec spec{path, 64, 48, 10};
  spec.overwrite = true;
  WriteMovingSquare(spec, 4);
  EXPECT_EQ(ReadVideo(path).frame_count, 4);
  EXPECT_EQ(Listing(dir.path()).size(), 1u) << Hidden(Listing(dir.path()));
}

TEST_P(ExportEachFormat, CancelInTheMiddleLeavesNoFileAndNoTemporaryFile) {
  TempFolder dir;
  const std::string path = dir / GetParam();
  {
    AnimationWriter writer(AnimationSpec{path, 160, 120, 10});
    for (int i = 0; i < 10; ++i) {
      const auto f = MovingSquareFrame(160, 120, i, 20);
      writer.AddFrame(f.data(), 160 * 4);
    }
    writer.Cancel();
    EXPECT_TRUE(Listing(dir.path()).empty()) << Hidden(Listing(dir.path()));
    EXPECT_THROW(writer.AddFrame(MovingSquareFrame(160, 120, 0, 1).data(), 160 * 4), Error);
  }
  {
    // Dropped without Finish (an exception in the caller): the same.
    AnimationWriter writer(AnimationSpec{path, 160, 120, 10});
    const auto f = MovingSquareFrame(160, 120, 0, 1);
    writer.AddFrame(f.data(), 160 * 4);
  }
  EXPECT_TRUE(Listing(dir.path()).empty()) << Hidden(Listing(dir.path()));
}

TEST_P(ExportEachFormat, MissingFolderIsOneLineNamingTheFile) {
  TempFolder dir;
  const std::string path = dir / (std::string("no_such_folder/") + GetParam());
  try {
    AnimationWriter writer(AnimationSpec{path, 64, 48, 10});
    FAIL() << "a missing folder was accepted";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(path), std::string::npos) << m;
    EXPECT_NE(m.find("does not exist"), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  }
  EXPECT_TRUE(Listing(dir.path()).empty());
}

TEST_P(ExportEachFormat, FinishWithoutFramesIsRefusedAndLeavesNothing) {
  TempFolder dir;
  AnimationWriter writer(AnimationSpec{dir / GetParam(), 64, 48, 10});
  EXPECT_THROW(writer.Finish(), Error);
  EXPECT_TRUE(Listing(dir.path()).empty()) << Hidden(Listing(dir.path()));
}

INSTANTIATE_TEST_SUITE_P(
    Formats, ExportEachFormat, ::testing::Values("a.mp4", "a.gif", "pngs"), [](const auto& info) {
      return std::string(info.index == 0 ? "Mp4" : info.index == 1 ? "Gif" : "PngSequence");
    });
INSTANTIATE_TEST_SUITE_P(Formats, ExportEachFile, ::testing::Values("a.mp4", "a.gif"),
                         [](const auto& info) {
                           return std::string(info.index == 0 ? "Mp4" : "Gif");
                         });

}  // namespace
}  // namespace sepconv::testing
