// JobRunner: cancellation mid-job, "latest wins" over a burst of requests, and the
// AppState scheduling step; the display copies, the viewer's region worker and the export
// worker. Also built under ThreadSanitizer (-DSEPCONV_TSAN=ON).
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

#include "image_io.h"
#include "resize.h"
#include "state/app_state.h"
#include "state/compute.h"
#include "state/display_tiles.h"
#include "state/export_job.h"
#include "state/job_runner.h"
#include "state/region_worker.h"

namespace sepconv::app {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<const Tensor> TestImage(int c, int h, int w) {
  auto t = std::make_shared<Tensor>(std::vector<int>{c, h, w});
  for (int k = 0; k < c; ++k)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) t->at(k, y, x) = float((x * 7 + y * 13 + k * 5) % 17) / 16.0f;
  return t;
}

JobOutcome WaitOutcome(JobRunner& runner, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (auto out = runner.TakeFinished()) return *out;
    std::this_thread::sleep_for(1ms);
  }
  ADD_FAILURE() << "no outcome within " << seconds << " s";
  return {};
}

TEST(JobRunner, CancelStopsARunningJobMidWay) {
  std::atomic<int> steps_done{0};
  std::atomic<bool> started{false};
  // A slow job that checks for cancellation at every step, as the engine does per row.
  JobRunner runner([&](const JobRequest&, const RunControl& control) {
    started = true;
    for (int i = 0; i < 10000; ++i) {
      control.check();
      control.report(i / 10000.0);
      std::this_thread::sleep_for(1ms);
      ++steps_done;
    }
    return JobResult{};
  });
  runner.Submit(JobRequest{});
  while (!started || runner.Status().progress <= 0.0) std::this_thread::sleep_for(1ms);
  EXPECT_TRUE(runner.Status().running);
  runner.Cancel();
  const JobOutcome out = WaitOutcome(runner, 10);
  EXPECT_TRUE(out.cancelled);
  EXPECT_EQ(out.result, nullptr);
  EXPECT_LT(steps_done.load(), 10000) << "the job ran to the end despite the cancel";
  EXPECT_TRUE(runner.WaitIdle(5));
  EXPECT_FALSE(runner.Status().running);
}

TEST(JobRunner, NewRequestCancelsTheRunningOne) {
  std::atomic<int> cancelled_jobs{0};
  JobRunner runner([&](const JobRequest& r, const RunControl& control) {
    for (int i = 0; i < 200; ++i) {
      try {
        control.check();
      } catch (...) {
        ++cancelled_jobs;
        throw;
      }
      std::this_thread::sleep_for(1ms);
    }
    JobResult out;
    out.choice = r.choice;
    out.generation = r.generation;
    return out;
  });
  JobRequest a;
  a.choice.spec.n = 5;
  runner.Submit(a);
  std::this_thread::sleep_for(20ms);
  JobRequest b;
  b.choice.spec.n = 6;
  const uint64_t gen_b = runner.Submit(b);
  const JobOutcome out = WaitOutcome(runner, 10);
  ASSERT_NE(out.result, nullptr) << out.error;
  EXPECT_EQ(out.generation, gen_b);
  EXPECT_EQ(out.result->choice.spec.n, 6);
  EXPECT_EQ(cancelled_jobs.load(), 1);
}

TEST(JobRunner, BurstOfHundredChangesEndsWithTheLastResult) {
  JobRunner runner;  // the real engine computation
  auto image = TestImage(3, 24, 20);
  std::vector<uint64_t> seen;
  uint64_t last_gen = 0;
  for (int i = 0; i < 100; ++i) {
    JobRequest r;
    r.image = image;
    r.choice.spec.dk = 3;
    r.choice.spec.m = 3;
    r.choice.spec.n = 1 + i % 9;
    r.choice.seed = 1000 + i;
    last_gen = runner.Submit(r);
    if (auto out = runner.TakeFinished()) seen.push_back(out->generation);
  }
  ASSERT_TRUE(runner.WaitIdle(60));
  auto out = runner.TakeFinished();
  ASSERT_TRUE(out.has_value());
  ASSERT_NE(out->result, nullptr) << out->error;
  EXPECT_EQ(out->generation, last_gen);
  EXPECT_EQ(out->result->choice.seed, 1000u + 99u);
  EXPECT_EQ(out->result->separable.dim(0), 1 + 99 % 9);
  EXPECT_FALSE(runner.TakeFinished().has_value());
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_LT(seen[i - 1], seen[i]);

  // The kept result is exactly what a direct computation of the last request gives.
  JobRequest last;
  last.image = image;
  last.choice = out->result->choice;
  const JobResult direct = ComputeLayer(last, RunControl{});
  EXPECT_EQ(direct.separable.values(), out->result->separable.values());
  EXPECT_EQ(direct.standard.values(), out->result->standard.values());
}

TEST(JobRunner, ComposedStandardMatchesSeparable) {
  JobRequest r;
  r.image = TestImage(3, 16, 16);
  r.choice.spec.n = 8;
  r.choice.compose_standard = true;
  const JobResult out = ComputeLayer(r, RunControl{});
  EXPECT_LT(out.max_abs_diff, 1e-4);
  EXPECT_GT(out.output_range, 0.0f);
}

TEST(AppStateJobs, ChangeStartsAJobAndTheResultIsSwappedIn) {
  AppState state;
  JobRunner runner;
  ImageLoader loader;
  auto image = std::make_shared<LoadedImage>();
  image->pixels = *TestImage(3, 20, 20);
  state.doc.input.image = image;
  state.doc.edit.spec.n = 4;
  ApplyEdits(state);
  EXPECT_TRUE(state.doc.dirty.layer);
  UpdateJobs(state, runner, loader);
  EXPECT_FALSE(state.doc.dirty.layer);
  ASSERT_TRUE(runner.WaitIdle(30));
  UpdateJobs(state, runner, loader);
  ASSERT_NE(state.doc.result, nullptr) << state.doc.job.message;
  EXPECT_TRUE(state.doc.dirty.results);
  EXPECT_EQ(state.doc.result->standard.dim(0), 4);
}

// The app's refusal is core's: the numbers, the budget and a working size that fits.
TEST(AppStateJobs, OverBudgetIsRefusedWithNumbersAndAWorkingSize) {
  LayerChoice choice;
  choice.spec.m = 64;
  choice.spec.n = 64;
  const int64_t budget = int64_t{1} << 30;
  const std::string why = CheckBudget(choice, 3, 2048, 2048, budget).refusal;
  EXPECT_NE(why.find("more than the budget of 1.0 GiB"), std::string::npos) << why;
  EXPECT_NE(why.find("--working-size"), std::string::npos) << why;
  const double mp = CheckBudget(choice, 3, 2048, 2048, budget).fitting_megapixels;
  EXPECT_GT(mp, 0.1);
  EXPECT_LT(mp, 2048.0 * 2048 / 1e6);
  choice.working_size.megapixels = mp;
  EXPECT_TRUE(CheckBudget(choice, 3, 2048, 2048, budget).refusal.empty()) << mp;
  EXPECT_TRUE(CheckBudget(LayerChoice{}, 3, 64, 64, budget).refusal.empty());
}

TEST(AppStateJobs, FailedLoadKeepsThePreviousImage) {
  AppState state;
  JobRunner runner;
  ImageLoader loader;
  auto image = std::make_shared<LoadedImage>();
  image->pixels = *TestImage(3, 8, 8);
  state.doc.input.image = image;
  RequestLoad(state, loader, "/nonexistent/missing.png");
  for (int i = 0; i < 2000 && state.ui.banner.text.empty(); ++i) {
    UpdateJobs(state, runner, loader);
    std::this_thread::sleep_for(1ms);
  }
  EXPECT_NE(state.ui.banner.text.find("missing.png"), std::string::npos) << state.ui.banner.text;
  EXPECT_EQ(state.doc.input.image, image);
}

// A job that runs out of memory (injected here as the system's std::bad_alloc) fails with
// a message, the previous result stays on screen, and the next job runs.
TEST(AppStateJobs, OutOfMemoryInAJobKeepsThePreviousResultAndTheAppGoesOn) {
  std::atomic<bool> fail_next{false};
  JobRunner runner([&](const JobRequest& r, const RunControl& control) {
    if (fail_next.exchange(false)) throw std::bad_alloc();
    return ComputeLayer(r, control);
  });
  AppState state;
  ImageLoader loader;
  auto image = std::make_shared<LoadedImage>();
  image->pixels = *TestImage(3, 20, 20);
  state.doc.input.image = image;
  const auto run = [&](int n) {
    state.doc.edit.spec.n = n;
    ApplyEdits(state);
    UpdateJobs(state, runner, loader);
    ASSERT_TRUE(runner.WaitIdle(30));
    UpdateJobs(state, runner, loader);
  };
  run(4);
  ASSERT_NE(state.doc.result, nullptr) << state.doc.job.message;
  const std::shared_ptr<const JobResult> first = state.doc.result;
  fail_next = true;
  run(5);
  EXPECT_TRUE(state.doc.job.failed);
  EXPECT_NE(state.doc.job.message.find("out of memory"), std::string::npos)
      << state.doc.job.message;
  EXPECT_EQ(state.doc.result, first);
  run(6);
  EXPECT_FALSE(state.doc.job.failed) << state.doc.job.message;
  ASSERT_NE(state.doc.result, nullptr);
  EXPECT_EQ(state.doc.result->standard.dim(0), 6);
}

TEST(ImageLoaderTest, NewestLoadWinsAndThreadsAreReused) {
  const std::string good = ::testing::TempDir() + "loader_good.png";
  write_png(good, *TestImage(3, 10, 12));
  ImageLoader loader;
  for (int round = 0; round < 3; ++round) {
    loader.Start("/nonexistent/a.png");
    loader.Start(good);
    std::optional<LoadOutcome> out;
    for (int i = 0; i < 5000 && !out; ++i) {
      out = loader.TakeFinished();
      if (!out) std::this_thread::sleep_for(1ms);
    }
    ASSERT_TRUE(out.has_value());
    // The first load may finish first, but it is never handed out: only the newest is.
    EXPECT_EQ(out->path, good);
    ASSERT_NE(out->image, nullptr) << out->error;
    EXPECT_EQ(out->image->pixels.dim(2), 12);
    while (loader.Busy()) std::this_thread::sleep_for(1ms);
  }
}

}  // namespace
}  // namespace sepconv::app

namespace sepconv::app {
namespace {

// The refusal's offer (a working size that fits) is applied like an edit of the layer.
TEST(AppStateJobs, TheWorkingSizeOfferIsAppliedAsAnEdit) {
  AppState state;
  JobRunner runner;
  ImageLoader loader;
  auto image = std::make_shared<LoadedImage>();
  image->pixels = *TestImage(3, 40, 60);
  state.doc.input.image = image;
  state.requests.working_megapixels = 0.0012;
  UpdateJobs(state, runner, loader);
  EXPECT_DOUBLE_EQ(state.doc.applied.working_size.megapixels, 0.0012);
  EXPECT_DOUBLE_EQ(state.requests.working_megapixels, 0.0);
  ASSERT_TRUE(runner.WaitIdle(30));
  UpdateJobs(state, runner, loader);
  ASSERT_NE(state.doc.result, nullptr) << state.doc.job.message;
  EXPECT_LE(state.doc.result->work.pixels(), 1200);
  EXPECT_NE(state.doc.job.message.find("working size 0.0012MP of 60 x 40"), std::string::npos)
      << state.doc.job.message;
}

}  // namespace
}  // namespace sepconv::app

namespace sepconv::app {
namespace {

// What a 24 MP photo with 64 channels in each of input, depthwise, standard and separable
// puts on the GPU: the display copies the job makes (bounded by kPreviewLongSide whatever
// the photo), coloured with their mipmaps, and the overview. The layer itself cannot be
// held in 24 GiB (four 6 GB tensors), so the copies are made from preview-sized tensors:
// they are all the renderer ever sees. Under --separable spatial the spatial output's
// tiles take half of the depthwise output's share: still four sets of 64 in all.
int64_t TilesBytesOf24MegapixelPhoto(bool spatial, std::array<size_t, kTensorSources>* counts) {
  JobResult r;
  const Size2 preview = fit_long_side(4000, 6000, kPreviewLongSide);
  EXPECT_EQ(preview.w, kPreviewLongSide);
  // Every preview as large as it could be: the tiles' own limit is what is tested.
  for (Tensor* t : {&r.input_preview, &r.standard_preview, &r.separable_preview,
                    &r.intermediate_preview, &r.spatial_preview}) {
    if (t == &r.spatial_preview && !spatial) continue;
    *t = Tensor({kMaxPreviewChannels, preview.h, preview.w}, 0.25f);
  }
  r.ran_spatial = spatial;
  r.input_min.assign(kMaxPreviewChannels, 0.0f);
  r.input_max.assign(kMaxPreviewChannels, 1.0f);
  r.output_range = r.intermediate_range = 1.0f;
  const std::shared_ptr<const DisplayTiles> tiles = MakeDisplayTiles(r, true);
  int64_t bytes = 0;
  for (size_t s = 0; s < tiles->sets.size(); ++s) {
    (*counts)[s] = tiles->sets[s].size();
    for (const RgbaMips& m : tiles->sets[s]) {
      EXPECT_LE(std::max(m.width(), m.height()), kPreviewLongSide);
      bytes += m.bytes();
    }
  }
  Tensor photo_overview({3, 683, 1024});
  return bytes + CompositeImage(photo_overview).bytes();
}

TEST(DisplayCopies, A24MegapixelPhotoWith64ChannelsStaysWithin256MiB) {
  std::array<size_t, kTensorSources> counts{};
  const int64_t bytes = TilesBytesOf24MegapixelPhoto(false, &counts);
  const size_t all = kMaxPreviewChannels;
  EXPECT_EQ(counts, (std::array<size_t, kTensorSources>{all, all, all, all, 0}));
  EXPECT_LE(bytes, int64_t{256} << 20) << bytes;
  std::printf("textures for 4 x 64 channels of a 24 MP photo: %.1f MiB\n", bytes / 1048576.0);
}

TEST(DisplayCopies, TheSpatialOutputSharesTheDepthwiseOutputsTiles) {
  std::array<size_t, kTensorSources> counts{};
  const int64_t spatial_bytes = TilesBytesOf24MegapixelPhoto(true, &counts);
  const size_t all = kMaxPreviewChannels, half = kMaxPreviewChannels / 2;
  EXPECT_EQ(counts, (std::array<size_t, kTensorSources>{all, all, all, half, half}));
  const int64_t depthwise_bytes = TilesBytesOf24MegapixelPhoto(false, &counts);
  EXPECT_EQ(spatial_bytes, depthwise_bytes) << "the same four sets' worth";
  EXPECT_LE(spatial_bytes, int64_t{256} << 20) << spatial_bytes;
}

// The job makes the display copies by the same rule: 64 depthwise channels alone, 32 of
// each beside the spatial output, and the tile grids draw that many.
TEST(DisplayCopies, TheJobMakesHalfTheDepthwiseCopiesBesideTheSpatialOutput) {
  JobRequest request;
  request.image = TestImage(3, 24, 32);
  request.choice.spec.m = 64;
  request.choice.spec.n = 4;
  JobResult depthwise = ComputeLayer(request, RunControl{});
  EXPECT_EQ(depthwise.intermediate.dim(0), 64);
  EXPECT_EQ(depthwise.intermediate_preview.dim(0), 64);
  EXPECT_EQ(depthwise.spatial_preview.size(), 0);
  EXPECT_EQ(PreviewChannels(depthwise, TensorSource::Intermediate), 64);
  EXPECT_EQ(PreviewChannels(depthwise, TensorSource::Spatial), 0);
  EXPECT_EQ(depthwise.tiles->sets[size_t(TensorSource::Intermediate)].size(), 64u);

  request.choice.separable = SeparableKind::Spatial;
  JobResult spatial = ComputeLayer(request, RunControl{});
  ASSERT_TRUE(spatial.ran_spatial);
  EXPECT_EQ(spatial.spatial.dim(0), 64);
  EXPECT_EQ(spatial.intermediate_preview.dim(0), 32);
  EXPECT_EQ(spatial.spatial_preview.dim(0), 32);
  EXPECT_EQ(PreviewChannels(spatial, TensorSource::Intermediate), 32);
  EXPECT_EQ(PreviewChannels(spatial, TensorSource::Spatial), 32);
  EXPECT_EQ(PreviewChannels(spatial, TensorSource::Standard), 4);
  EXPECT_EQ(PreviewChannels(spatial, TensorSource::Input), 64);
  EXPECT_EQ(spatial.tiles->sets[size_t(TensorSource::Intermediate)].size(), 32u);
  EXPECT_EQ(spatial.tiles->sets[size_t(TensorSource::Spatial)].size(), 32u);
}

TEST(DisplayCopies, MipmapsHalveDownToOnePixelAndAverage) {
  std::vector<uint8_t> rgba(4 * 5 * 3, 0);
  for (size_t i = 0; i < rgba.size(); i += 4) rgba[i] = 200;  // red everywhere
  const RgbaMips m = WithMipmaps(5, 3, rgba);
  EXPECT_EQ(m.widths, (std::vector<int>{5, 2, 1}));
  EXPECT_EQ(m.heights, (std::vector<int>{3, 1, 1}));
  EXPECT_EQ(m.levels.back()[0], 200);
}

}  // namespace
}  // namespace sepconv::app

namespace sepconv::app {
namespace {

std::shared_ptr<const JobResult> SmallResult() {
  JobRequest r;
  r.image = TestImage(3, 40, 64);
  return std::make_shared<const JobResult>(ComputeLayer(r, RunControl{}));
}

// Polls `done` (which may take what it finds) for up to 6 s.
template <class Pred>
bool WaitFor(Pred done) {
  for (int i = 0; i < 3000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

// The viewer's region pictures: the newest request wins, and the picture is the area
// average of exactly the region asked for.
TEST(RegionWorker, TheNewestRequestIsMadeFromItsRegion) {
  const auto result = SmallResult();
  RegionWorker worker;
  for (int i = 0; i < 20; ++i)
    worker.Request(RegionFor(result, TensorSource::Standard, i % 4, Region{0, 0, 64, 40}, 0.5f));
  const RegionRequest last = RegionFor(result, TensorSource::Separable, 2, Region{3, 5, 40, 30}, 2);
  worker.Request(last);
  std::shared_ptr<const RegionImage> image;
  ASSERT_TRUE(WaitFor([&] {
    if (auto made = worker.TakeFinished()) image = made;
    return image && image->request == last && !worker.Busy();
  }));
  // Zoomed in (2 screen pixels per value): the values themselves, on the 64-pixel grid.
  EXPECT_EQ(image->request.region.x0, 0);
  EXPECT_EQ(image->request.size.w, image->request.region.width());
  const Tensor& t = result->separable;
  EXPECT_EQ(image->values[size_t(7 * image->request.size.w + 9)], t.at(2, 7, 9));
}

// Saving a result on the export worker: the file set, then a refusal to replace it.
TEST(ExportJob, WritesTheSetAndRefusesToReplaceIt) {
  const auto result = SmallResult();
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("sepconv_export_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  ExportJob job;
  job.Start(result, dir.string(), "test.png", false);
  std::optional<ExportOutcome> out;
  ASSERT_TRUE(WaitFor([&] { return (out = job.TakeFinished()).has_value(); }));
  EXPECT_TRUE(out->ok) << out->error;
  EXPECT_TRUE(std::filesystem::exists(dir / "separable.npy"));
  EXPECT_TRUE(ExistingExportFiles(*result, dir.string()).size() > 10);
  job.Start(result, dir.string(), "test.png", false);
  ASSERT_TRUE(WaitFor([&] { return (out = job.TakeFinished()).has_value(); }));
  EXPECT_FALSE(out->ok);
  EXPECT_NE(out->error.find("already exists"), std::string::npos) << out->error;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sepconv::app
