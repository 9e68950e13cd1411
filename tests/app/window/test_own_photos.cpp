// The app on camera-sized photos, in a real window under xvfb-run: a generated 12 MP
// JPEG at the default layer is computed and saved with --save-outputs (the CLI's file
// set, the right shapes); 1080p with M = N = 64 keeps its textures within the bound, with
// --separable spatial too; scripted runs that cannot write what they were asked for exit
// non-zero with one line.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "app_runner.h"
#include "memory_budget.h"
#include "npy_io.h"

namespace sepconv::gui_test {
namespace {

// Runs sepconv-lab with `args`, capturing stderr (app_runner.h).
Outcome RunLab(const std::string& args, const std::string& prefix = "") {
  return RunScripted(SEPCONV_LAB_EXE, args, "own_photos", prefix);
}

fs::path Photo12MP() {
  const fs::path photo = TempDir() / "photo_4032x3024.jpg";
  if (!fs::exists(photo)) {
    const std::string cmd = Quoted(SEPCONV_MAKE_PHOTO) + " 4032 3024 " + Quoted(photo);
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  return photo;
}

nlohmann::json ReadJson(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

TEST(OwnPhotos, A12MegapixelPhotoAtTheDefaultLayerIsComputedAndSaved) {
  const fs::path out = TempDir() / "saved_12mp";
  fs::remove_all(out);
  const fs::path stats = TempDir() / "stats_12mp.json";
  const Outcome o = RunLab(Quoted(Photo12MP()) + " --size 1280x720 --timeout 240 --save-outputs " +
                           Quoted(out) + " --stats-json " + Quoted(stats));
  ASSERT_EQ(o.code, 0) << o.err;
  const auto shape = [&](const char* name) { return read_npy((out / name).string()).shape(); };
  EXPECT_EQ(shape("input.npy"), (std::vector<int>{3, 3024, 4032}));
  EXPECT_EQ(shape("standard.npy"), (std::vector<int>{16, 3024, 4032}));
  EXPECT_EQ(shape("depthwise.npy"), (std::vector<int>{3, 3024, 4032}));
  EXPECT_EQ(shape("separable.npy"), (std::vector<int>{16, 3024, 4032}));
  EXPECT_EQ(shape("standard_conv.weight.npy"), (std::vector<int>{16, 3, 3, 3}));
  const nlohmann::json report = ReadJson(out / "report.json");
  EXPECT_EQ(report["standard"]["mults"], report["standard"]["mults_counted"]);
  EXPECT_EQ(report["input"]["width"], 4032) << "computed at full size";
  // Previews are for looking at: at most 2048 pixels on their long side.
  const LoadedImage preview = load_image((out / "standard.png").string());
  EXPECT_LE(std::max(preview.pixels.dim(1), preview.pixels.dim(2)), 2048);
  const nlohmann::json s = ReadJson(stats);
  EXPECT_EQ(s["work_width"], 4032);
  EXPECT_LE(s["peak_texture_bytes"].get<int64_t>(), s["texture_bound_bytes"].get<int64_t>());
  std::printf("12 MP: first full result after %.2f s, worst frame while computing %.1f ms\n",
              s["first_result_seconds"].get<double>(), s["computing_frame_ms_worst"].get<double>());
  fs::remove_all(out);
}

// Renderer::TextureBoundBytes: four sets of 64 tiles (input, standard, separable, and the
// depthwise and spatial outputs sharing one) and one tile more while a result replaces
// the shown one, each at most 384 x 384 RGBA8 with mipmaps; the overview; the viewer's
// region picture (at most 4 Mi pixels, kMaxRegionPixels, RGBA8 plus its R32F source).
int64_t ExpectedTextureBound() {
  const auto mipmapped = [](int64_t w, int64_t h) { return 4 * w * h + 4 * w * h / 3 + 4; };
  return (4 * kMaxPreviewChannels + 1) * mipmapped(kPreviewLongSide, kPreviewLongSide) +
         mipmapped(kOverviewLongSide, kOverviewLongSide) + 8 * (int64_t{4} << 20);
}

TEST(OwnPhotos, SixtyFourChannelsStayWithinTheTextureBound) {
  const fs::path image = WriteStripes(TempDir(), 1920, 1080, "stripes_1080p.png");
  int64_t depthwise_bytes = 0;
  // --separable spatial adds the spatial output's tiles beside the depthwise ones: they
  // share that set (32 + 32), so the same bytes go to the GPU and the same bound holds.
  for (const std::string separable : {"depthwise", "spatial"}) {
    SCOPED_TRACE("--separable " + separable);
    const fs::path stats = TempDir() / ("stats_64_" + separable + ".json");
    const Outcome o =
        RunLab(Quoted(image) + " --m 64 --n 64 --show-depthwise --separable " + separable +
               " --size 1280x720 --view " + (separable == "spatial" ? "spatial:5" : "standard:5") +
               " --screenshot " + Quoted(TempDir() / ("m64_" + separable + ".png")) +
               " --stats-json " + Quoted(stats));
    ASSERT_EQ(o.code, 0) << o.err;
    const nlohmann::json s = ReadJson(stats);
    const int64_t bound = s["texture_bound_bytes"].get<int64_t>();
    const int64_t bytes = s["texture_bytes"].get<int64_t>();
    // The renderer counts its own bytes: 4 x 64 tiles, the overview and the viewer's picture.
    EXPECT_GT(bytes, 4 * 64 * 100000);
    EXPECT_LE(s["peak_texture_bytes"].get<int64_t>(), bound);
    EXPECT_EQ(bound, ExpectedTextureBound());
    // The bound does not grow with the photo: it is the same for 24 MP as for 1080p.
    EXPECT_LE(bound, int64_t{256} << 20);
    if (separable == "depthwise")
      depthwise_bytes = bytes;
    else
      EXPECT_EQ(bytes, depthwise_bytes) << "the spatial tiles take half the depthwise set";
  }
}

TEST(OwnPhotos, AScreenshotThatCannotBeWrittenFailsTheRun) {
  const Outcome o = RunLab(Quoted(fs::path(SEPCONV_ASSETS_DIR) / "tiny.png") +
                           " --screenshot /no/such/folder/shot.png");
  EXPECT_NE(o.code, 0);
  EXPECT_NE(o.err.find("Could not save the screenshot"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("/no/such/folder/shot.png"), std::string::npos) << o.err;
}

TEST(OwnPhotos, AScriptedRunStoppedBeforeItFinishesFails) {
  // SIGTERM after 3 s of a run that would draw 100000 frames: the app closes cleanly
  // but says it did not do what it was asked.
  const Outcome o = RunLab("--frames 100000 " + Quoted(fs::path(SEPCONV_ASSETS_DIR) / "tiny.png") +
                               " --screenshot " + Quoted(TempDir() / "never.png"),
                           "timeout --preserve-status -s TERM 3 ");
  EXPECT_NE(o.code, 0);
  EXPECT_NE(o.err.find("closed before the scripted run finished"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(TempDir() / "never.png"));
}

TEST(OwnPhotos, SavedOutputsNeverReplaceFilesWithoutOverwrite) {
  const fs::path out = TempDir() / "saved_existing";
  fs::remove_all(out);
  fs::create_directories(out);
  { std::ofstream(out / "standard.npy") << "mine"; }
  const std::string tiny = Quoted(fs::path(SEPCONV_ASSETS_DIR) / "tiny.png");
  Outcome o = RunLab(tiny + " --save-outputs " + Quoted(out));
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.err.find("already exists"), std::string::npos) << o.err;
  EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
  std::ifstream f(out / "standard.npy");
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(f)), {}), "mine");
  EXPECT_FALSE(fs::exists(out / "separable.npy")) << "nothing written after the refusal";
  o = RunLab(tiny + " --save-outputs " + Quoted(out) + " --overwrite");
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(read_npy((out / "standard.npy").string()).shape(), (std::vector<int>{16, 24, 32}));
}

}  // namespace
}  // namespace sepconv::gui_test
