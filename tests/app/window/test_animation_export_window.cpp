// File > Export animation, scripted (--export-animation) in the real window under
// xvfb-run: the MP4 and GIF decode back with the frames, size and rate asked for; frame i
// shows the clock of frame i exactly (a PNG frame equals a one-frame export started at
// that clock, and the window's own screenshot outside the frame-rate text and the status
// bar); an existing file is kept without --overwrite; refusals are one line, exit 1, and
// leave nothing.
#include <gtest/gtest.h>

#include <fstream>

#include "app_runner.h"
#include "synthetic_frames.h"
#include "video_reader.h"

namespace sepconv::gui_test {
namespace {

const std::string kImage = std::string(SEPCONV_ASSETS_DIR) + "/test_card.png";

// A fresh folder for one test's files.
fs::path FreshFolder(const std::string& name) {
  const fs::path dir = TempDir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

Outcome Export(const std::string& args, const std::string& name) {
  return RunScripted(SEPCONV_LAB_EXE, Quoted(kImage) + " --size 640x360 " + args, name);
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Samples (pixel channels) that differ between two same-sized images, outside rows
// [skip_y0, skip_y1) and below skip_below.
int64_t DifferingSamples(const Tensor& a, const Tensor& b, int skip_y0, int skip_y1,
                         int skip_below) {
  int64_t n = 0;
  for (int c = 0; c < 3; ++c)
    for (int y = 0; y < a.dim(1); ++y) {
      if ((y >= skip_y0 && y < skip_y1) || y >= skip_below) continue;
      for (int x = 0; x < a.dim(2); ++x) n += a.at(c, y, x) != b.at(c, y, x);
    }
  return n;
}

}  // namespace

TEST(AnimationExport, Mp4DecodesBackWithTheFramesSizeAndRateAsked) {
  const fs::path dir = FreshFolder("export_mp4");
  const Outcome o = Export(
      "--anim-clock 100 --anim-speed 40 --export-seconds 1 --export-fps 12 "
      "--export-size 640x360 --export-animation " +
          Quoted(dir / "a.mp4"),
      "export_mp4");
  ASSERT_EQ(o.code, 0) << o.err;
  const auto video = sepconv::testing::ReadVideo((dir / "a.mp4").string(), {0, -1});
  EXPECT_EQ(video.codec, "h264");
  EXPECT_EQ(video.frame_count, 12);
  EXPECT_EQ(video.width, 640);
  EXPECT_EQ(video.height, 360);
  EXPECT_EQ(video.rate_num, 12);
  EXPECT_EQ(video.rate_den, 1);
  // The kernel moved: 11 steps of 40 / 12 multiplications between the first and last.
  EXPECT_GT(sepconv::testing::MeanAbsDifference(video.rgb.at(0), video.rgb.at(-1)), 0.05);
  EXPECT_EQ(fs::directory_iterator(dir)->path().filename(), "a.mp4") << "no temporary file left";
}

TEST(AnimationExport, GifOfTheWholeLayerHasTheFramesAndDurationsAsked) {
  const fs::path dir = FreshFolder("export_gif");
  const Outcome o = Export(
      "--export-range layer --export-seconds 2 --export-fps 5 "
      "--export-size 480x270 --export-animation " +
          Quoted(dir / "a.gif"),
      "export_gif");
  ASSERT_EQ(o.code, 0) << o.err;
  const auto video = sepconv::testing::ReadVideo((dir / "a.gif").string(), {0, -1});
  EXPECT_EQ(video.codec, "gif");
  EXPECT_EQ(video.frame_count, 10);
  EXPECT_EQ(video.width, 480);
  EXPECT_EQ(video.height, 270);
  for (double d : video.durations) EXPECT_NEAR(d, 0.2, 1e-9);
  EXPECT_GT(sepconv::testing::MeanAbsDifference(video.rgb.at(0), video.rgb.at(-1)), 0.05);
}

TEST(AnimationExport, FrameIShowsTheClockOfFrameIExactly) {
  // Two frames from clock 100 at 30 mults/s and 10 frames/s: frame 1 is clock 103 ...
  const fs::path two = FreshFolder("export_two");
  ASSERT_EQ(Export("--anim-clock 100 --anim-speed 30 --export-seconds 0.2 --export-fps 10 "
                   "--export-size 640x360 --export-animation " +
                       Quoted(two),
                   "export_two")
                .code,
            0);
  // ... and equals, pixel for pixel, the first frame of an export that starts there.
  const fs::path one = FreshFolder("export_one");
  ASSERT_EQ(Export("--anim-clock 103 --anim-speed 30 --export-seconds 0.1 --export-fps 10 "
                   "--export-size 640x360 --export-animation " +
                       Quoted(one),
                   "export_one")
                .code,
            0);
  const Tensor frame1 = load_image((two / "frame_00001.png").string()).pixels;
  const Tensor started = load_image((one / "frame_00000.png").string()).pixels;
  const Tensor frame0 = load_image((two / "frame_00000.png").string()).pixels;
  ASSERT_EQ(frame1.shape(), started.shape());
  EXPECT_EQ(DifferingSamples(frame1, started, 0, 0, frame1.dim(1)), 0);
  EXPECT_GT(DifferingSamples(frame1, frame0, 0, 0, frame1.dim(1)), 0) << "the clock moved";
  EXPECT_FALSE(fs::exists(two / "frame_00002.png"));
}

TEST(AnimationExport, AWholeWindowFrameEqualsTheWindowsOwnPicture) {
  const fs::path dir = FreshFolder("export_window");
  ASSERT_EQ(Export("--anim-clock 500 --export-area window --export-size 640x360 "
                   "--export-seconds 0.1 --export-fps 10 --export-animation " +
                       Quoted(dir),
                   "export_window")
                .code,
            0);
  const Shot shot = RunApp(SEPCONV_LAB_EXE, Quoted(kImage) + " --size 640x360 --anim-clock 500",
                           "export_window_shot");
  ASSERT_EQ(shot.exit_code, 0);
  const Tensor frame = load_image((dir / "frame_00000.png").string()).pixels;
  ASSERT_EQ(frame.shape(), shot.pixels.shape());
  // The speed line under the transport ("N products/frame") follows the frame rate, and
  // the status bar says what the app is doing: both differ by design. Everything else is
  // the same drawing of the same state, so at most 0.5% of the other samples may differ
  // (the window's focus highlight).
  ASSERT_TRUE(shot.rects.count("AnimTransport") && shot.rects.count("Status"));
  const Rect t = shot.rects.at("AnimTransport"), status = shot.rects.at("Status");
  const int64_t differing = DifferingSamples(frame, shot.pixels, t.y, t.y + t.h, status.y);
  const int64_t compared = int64_t(3) * 640 * (status.y - t.h);
  EXPECT_LT(differing, compared / 200) << differing << " of " << compared;
}

TEST(AnimationExport, AnExistingFileIsKeptWithoutOverwriteAndReplacedWithIt) {
  const fs::path dir = FreshFolder("export_existing");
  const fs::path target = dir / "a.gif";
  std::ofstream(target) << "the teacher's own GIF";
  const std::string args =
      "--export-seconds 0.5 --export-fps 4 --export-size 320x180 --export-animation " +
      Quoted(target);
  const Outcome kept = Export(args, "export_existing");
  EXPECT_EQ(kept.code, 1);
  EXPECT_NE(kept.err.find("already exists"), std::string::npos) << kept.err;
  EXPECT_NE(kept.err.find(target.string()), std::string::npos) << kept.err;
  EXPECT_EQ(Slurp(target), "the teacher's own GIF");
  const Outcome replaced = Export(args + " --overwrite", "export_existing");
  ASSERT_EQ(replaced.code, 0) << replaced.err;
  EXPECT_EQ(sepconv::testing::ReadVideo(target.string()).frame_count, 2);
}

TEST(AnimationExport, RefusalsAreOneLineAndLeaveNothing) {
  const fs::path dir = FreshFolder("export_refused");
  struct Case {
    std::string args, says;
  };
  const Case cases[] = {
      {"--export-animation " + Quoted(dir / "a.avi"), ".avi"},
      {"--export-size 641x360 --export-animation " + Quoted(dir / "a.mp4"), "641"},
      {"--export-animation " + Quoted(dir / "missing" / "a.mp4"), "missing"},
  };
  for (const Case& c : cases) {
    const Outcome o = Export("--export-seconds 0.5 " + c.args, "export_refused");
    EXPECT_EQ(o.code, 1) << c.args;
    EXPECT_NE(o.err.find(c.says), std::string::npos) << c.args << ": " << o.err;
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
  }
  EXPECT_TRUE(fs::is_empty(dir));
}

}  // namespace sepconv::gui_test
