// The export's encoder thread (app/export/encode_queue.h): frames pushed from another
// thread come out as the file, bottom-up rows included; GIF palette samples are not
// frames; a cancel or a refused file leaves nothing, and an existing file stays whole.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "export/encode_queue.h"
#include "export_test_util.h"
#include "video_reader.h"

using namespace sepconv;
using namespace sepconv::app;
using sepconv::testing::Listing;
using sepconv::testing::MovingSquareFrame;
using sepconv::testing::TempFolder;

namespace {

constexpr int kW = 64, kH = 48;

AnimationSpec SpecFor(const std::string& path, bool overwrite = false) {
  AnimationSpec spec;
  spec.path = path;
  spec.width = kW;
  spec.height = kH;
  spec.fps = 10;
  spec.overwrite = overwrite;
  return spec;
}

// Rows in the other order (what glReadPixels gives).
std::vector<uint8_t> Flipped(const std::vector<uint8_t>& rgba) {
  std::vector<uint8_t> out(rgba.size());
  const size_t row = size_t(kW) * 4;
  for (int y = 0; y < kH; ++y)
    std::copy_n(rgba.begin() + std::ptrdiff_t(y * row), row,
                out.begin() + std::ptrdiff_t((kH - 1 - y) * row));
  return out;
}

// Pushes every frame the queue asks for (as the recorder does) and waits for the end.
EncodeOutcome PushAll(EncodeQueue& q, int samples, int frames, bool bottom_up) {
  for (int k = 0; k < samples + frames;) {
    if (!q.WantsFrame()) {
      if (auto done = q.TakeFinished()) return *done;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    const int i = k < samples ? k * (frames - 1) / std::max(1, samples - 1) : k - samples;
    std::vector<uint8_t> f = MovingSquareFrame(kW, kH, i, frames);
    q.Push(bottom_up ? Flipped(f) : f);
    ++k;
  }
  for (;;) {
    if (auto done = q.TakeFinished()) return *done;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace

TEST(EncodeQueue, Mp4FromBottomUpFramesDecodesBackUpright) {
  TempFolder dir;
  EncodeQueue q(SpecFor(dir / "a.mp4"), 5, 12, /*bottom_up=*/true);
  const EncodeOutcome done = PushAll(q, 0, 12, true);  // palette samples are GIF only
  ASSERT_TRUE(done.ok) << done.error;
  EXPECT_EQ(done.frames, 12);
  EXPECT_DOUBLE_EQ(q.Progress(), 1.0);
  const auto video = sepconv::testing::ReadVideo(dir / "a.mp4", {0, -1});
  EXPECT_EQ(video.frame_count, 12);
  EXPECT_EQ(video.width, kW);
  EXPECT_EQ(video.height, kH);
  // Upright: the decoded first frame is close to the first frame as drawn, top row first.
  const auto err =
      sepconv::testing::MeanAbsError(video.rgb.at(0), MovingSquareFrame(kW, kH, 0, 12), kW, kH);
  for (double e : err) EXPECT_LT(e, 6.0);
}

TEST(EncodeQueue, GifPaletteSamplesComeFirstAndAreNotFrames) {
  TempFolder dir;
  EncodeQueue q(SpecFor(dir / "a.gif"), 5, 8, false);
  const EncodeOutcome done = PushAll(q, 5, 8, false);
  ASSERT_TRUE(done.ok) << done.error;
  EXPECT_EQ(done.frames, 8);
  EXPECT_EQ(sepconv::testing::ReadVideo(dir / "a.gif").frame_count, 8);
}

TEST(EncodeQueue, NoMoreFramesThanAskedAreTaken) {
  TempFolder dir;
  EncodeQueue q(SpecFor(dir / "frames"), 0, 3, false);
  for (int i = 0; i < 3; ++i) {
    while (!q.WantsFrame()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    q.Push(MovingSquareFrame(kW, kH, i, 3));
  }
  EXPECT_FALSE(q.WantsFrame());
  q.Push(MovingSquareFrame(kW, kH, 0, 3));  // one too many: ignored
  EXPECT_EQ(q.Pushed(), 3);
  std::optional<EncodeOutcome> done;
  while (!(done = q.TakeFinished())) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_TRUE(done->ok) << done->error;
  EXPECT_EQ(done->frames, 3);
  EXPECT_EQ(Listing(dir.path() / "frames").size(), 3u);
}

TEST(EncodeQueue, CancelLeavesNoFileAndSaysCancelled) {
  TempFolder dir;
  EncodeQueue q(SpecFor(dir / "a.mp4"), 0, 50, false);
  for (int i = 0; i < 5; ++i) {
    while (!q.WantsFrame()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    q.Push(MovingSquareFrame(kW, kH, i, 50));
  }
  q.Cancel();
  std::optional<EncodeOutcome> done;
  while (!(done = q.TakeFinished())) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_FALSE(done->ok);
  EXPECT_TRUE(done->cancelled);
  EXPECT_TRUE(Listing(dir.path()).empty());
}

TEST(EncodeQueue, AnExistingFileIsRefusedWholeAndKept) {
  TempFolder dir;
  std::ofstream(dir / "a.gif") << "the teacher's file";
  EncodeQueue q(SpecFor(dir / "a.gif"), 5, 4, false);
  std::optional<EncodeOutcome> done;
  while (!(done = q.TakeFinished())) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_FALSE(done->ok);
  EXPECT_FALSE(done->cancelled);
  EXPECT_NE(done->error.find("a.gif"), std::string::npos) << done->error;
  EXPECT_NE(done->error.find("already exists"), std::string::npos) << done->error;
  EXPECT_FALSE(q.WantsFrame());
  std::ifstream in(dir / "a.gif");
  std::string kept((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(kept, "the teacher's file");
  EXPECT_EQ(Listing(dir.path()).size(), 1u);
}
