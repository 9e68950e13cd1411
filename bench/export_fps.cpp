// sepconv_export_bench: frames per second of the animation export (app/export) at
// 1920x1080 for MP4, GIF and a PNG sequence, beside two floors measured in the same run:
// copying a frame, and the RGB -> yuv420p conversion every MP4 frame needs. The frames
// (a moving square over a colour map) are made before timing.
#include <benchmark/benchmark.h>

extern "C" {
#include <libswscale/swscale.h>
}

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "export/animation_writer.h"
#include "export/gif_palette.h"
#include "export/mp4_sink.h"
#include "synthetic_frames.h"

namespace {

namespace fs = std::filesystem;
using sepconv::app::AnimationSpec;
using sepconv::app::AnimationWriter;

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;
constexpr int kFrames = 30;  // one second at 30 fps per iteration

const std::vector<std::vector<uint8_t>>& Frames() {
  static const auto frames = [] {
    std::vector<std::vector<uint8_t>> f;
    for (int i = 0; i < kFrames; ++i) {
      f.push_back(sepconv::testing::MovingSquareFrame(kWidth, kHeight, i, kFrames));
    }
    return f;
  }();
  return frames;
}

fs::path OutFolder() {
  static const fs::path dir = [] {
    std::random_device rd;
    fs::path d = fs::temp_directory_path() / ("sepconv-export-bench-" + std::to_string(rd()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

std::map<std::string, double> g_seconds_per_frame;  // the best iteration of each row

void Record(benchmark::State& state, const std::string& row, double seconds, int frames) {
  const double per_frame = seconds / frames;
  auto it = g_seconds_per_frame.find(row);
  if (it == g_seconds_per_frame.end() || per_frame < it->second)
    g_seconds_per_frame[row] = per_frame;
  state.counters["fps"] = benchmark::Counter(frames, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Export(benchmark::State& state, const std::string& row, const std::string& name) {
  const auto& frames = Frames();
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    AnimationSpec spec{(OutFolder() / name).string(), kWidth, kHeight, 30};
    spec.overwrite = true;
    {
      AnimationWriter writer(spec);
      for (int i : {0, kFrames / 2, kFrames - 1})
        writer.AddPaletteSample(frames[i].data(), kWidth * 4);
      for (const auto& f : frames) writer.AddFrame(f.data(), kWidth * 4);
      writer.Finish();
    }
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(s);
    Record(state, row, s, kFrames);
    state.counters["MB"] =
        static_cast<double>(fs::file_size(spec.path)) / 1e6 * (fs::is_directory(spec.path) ? 0 : 1);
  }
  state.SetItemsProcessed(state.iterations() * kFrames);
}

void BM_Png(benchmark::State& state) {
  const auto& frames = Frames();
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    AnimationSpec spec{(OutFolder() / "frames").string(), kWidth, kHeight, 30};
    spec.overwrite = true;
    {
      AnimationWriter writer(spec);
      // A third of the frames: stb's PNG writer is the slow one.
      for (int i = 0; i < kFrames / 3; ++i) writer.AddFrame(frames[i].data(), kWidth * 4);
      writer.Finish();
    }
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(s);
    Record(state, "png", s, kFrames / 3);
  }
}

// Floor 1: one frame copied (what the writer's RGBA -> RGB packing costs at most).
void BM_CopyFloor(benchmark::State& state) {
  const auto& frames = Frames();
  std::vector<uint8_t> out(frames[0].size());
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    for (const auto& f : frames) {
      std::memcpy(out.data(), f.data(), f.size());
      benchmark::DoNotOptimize(out.data());
    }
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(s);
    Record(state, "floor:copy", s, kFrames);
  }
}

// Floor 2: RGBA -> yuv420p with the MP4 sink's swscale flags, one thread.
void BM_YuvFloor(benchmark::State& state) {
  const auto& frames = Frames();
  SwsContext* sws =
      sws_getContext(kWidth, kHeight, AV_PIX_FMT_RGBA, kWidth, kHeight, AV_PIX_FMT_YUV420P,
                     SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
  std::vector<uint8_t> y(kWidth * kHeight), u(kWidth * kHeight / 4), v(kWidth * kHeight / 4);
  uint8_t* dst[3] = {y.data(), u.data(), v.data()};
  const int dst_stride[3] = {kWidth, kWidth / 2, kWidth / 2};
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    for (const auto& f : frames) {
      const uint8_t* src[1] = {f.data()};
      const int src_stride[1] = {kWidth * 4};
      sws_scale(sws, src, src_stride, 0, kHeight, dst, dst_stride);
    }
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(s);
    Record(state, "floor:yuv420p", s, kFrames);
  }
  sws_freeContext(sws);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const std::string size = std::to_string(kWidth) + "x" + std::to_string(kHeight);
  const std::string mp4 = std::string("export:mp4/") + sepconv::app::kMp4Preset + "/crf" +
                          std::to_string(sepconv::app::kMp4Crf) + "/" + size;
  const std::string gif = std::string("export:gif/") + sepconv::app::kGifDither + "/" + size;
  const std::string copy_row = "floor:copy/" + size, yuv_row = "floor:yuv420p/" + size,
                    png_row = "export:png/stb/" + size;
  for (auto* b : {benchmark::RegisterBenchmark(copy_row.c_str(), BM_CopyFloor),
                  benchmark::RegisterBenchmark(yuv_row.c_str(), BM_YuvFloor),
                  benchmark::RegisterBenchmark(mp4.c_str(), BM_Export, "mp4", "bench.mp4"),
                  benchmark::RegisterBenchmark(gif.c_str(), BM_Export, "gif", "bench.gif"),
                  benchmark::RegisterBenchmark(png_row.c_str(), BM_Png)}) {
    b->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  std::printf("\nExport at %s, best of 3 (frames per second; x = time per frame / floor):\n",
              size.c_str());
  const double yuv = g_seconds_per_frame["floor:yuv420p"];
  const double copy = g_seconds_per_frame["floor:copy"];
  for (const char* row : {"mp4", "gif", "png", "floor:yuv420p", "floor:copy"}) {
    if (!g_seconds_per_frame.count(row) || yuv == 0 || copy == 0) continue;
    const double s = g_seconds_per_frame[row];
    std::printf("  %-14s %8.1f fps  %7.1f x yuv420p floor  %8.1f x copy floor\n", row, 1.0 / s,
                s / yuv, s / copy);
  }
  std::error_code ec;
  fs::remove_all(OutFolder(), ec);
  return 0;
}
