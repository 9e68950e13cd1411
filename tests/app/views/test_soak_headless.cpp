// The soak: the whole app's views frame after frame with no window (an ImGui context with
// no backend), the Animation tab playing, and random parameter changes among the frames,
// each computed by the real job runner as in the app. Nothing may crash, and the resident
// memory after the run, back on the starting layer, stays within a bound of the memory
// after the first 1,000 frames. The test command runs a short soak; the long one is
//   SEPCONV_SOAK_FRAMES=100000 SEPCONV_SOAK_CHANGES=1000 build/tests/gui_soak_tests
// (docs/limits.md gives the figures measured).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

#include "animation/animation_model.h"
#include "animation/animation_script.h"
#include "headless_imgui.h"
#include "imgui.h"
#include "state/app_state.h"
#include "state/lesson_player.h"
#include "views/views.h"

namespace sepconv::app {
namespace {

constexpr int kWarmUpFrames = 1000;
// Growth allowed from the warm-up's resident memory to the end: the allocator keeps some
// freed memory in its per-thread arenas. Under AddressSanitizer resident memory also holds
// the quarantine of freed blocks and their shadow (measured: 100 -> 452 MiB), so it says
// nothing about leaks there; LeakSanitizer checks every allocation at exit instead, and
// the bound is checked in the uninstrumented build.
constexpr double kGrowthBoundMiB = 24;
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kResidentMemoryMeansLeaks = false;
#else
constexpr bool kResidentMemoryMeansLeaks = true;
#endif

int64_t EnvOr(const char* name, int64_t fallback) {
  const char* text = std::getenv(name);
  return text && *text ? std::strtoll(text, nullptr, 10) : fallback;
}

double ResidentMiB() {
  long pages_total = 0, pages_resident = 0;
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  const int read = std::fscanf(f, "%ld %ld", &pages_total, &pages_resident);
  std::fclose(f);
  if (read != 2) return -1;
  return double(pages_resident) * double(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

std::shared_ptr<LoadedImage> Stripes(int h, int w) {
  auto image = std::make_shared<LoadedImage>();
  image->pixels = Tensor({3, h, w});
  for (int c = 0; c < 3; ++c)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) image->pixels.at(c, y, x) = float((x + 2 * y + 3 * c) % 9) / 8.0f;
  image->channels_in_file = 3;
  return image;
}

class Soak : public ::testing::Test {
 protected:
  void SetUp() override { CreateHeadlessImGui(ImVec2(1920, 1080)); }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame as the app runs it: the views, then the requests and the jobs. The
  // animation is played again whenever it reaches its end, as a teacher would.
  void Frame() {
    ApplyPendingAnimation(state, ctx.animation.model, loader.Busy());
    AnimationModel& m = ctx.animation.model;
    if (!m.playing && HasWalks(m)) Play(m);
    ImGui::NewFrame();
    ctx.rects.clear();
    DrawApp(state, ctx);
    ImGui::Render();
    const ImDrawData* data = ImGui::GetDrawData();
    if (data) {
      max_vertices = std::max<int64_t>(max_vertices, data->TotalVtxCount);
      for (int i = 0; i < data->CmdListsCount; ++i) {
        const ImDrawList* list = data->CmdLists[i];
        if (list->VtxBuffer.Size > max_window_vertices) {
          max_window_vertices = list->VtxBuffer.Size;
          max_window = list->_OwnerName ? list->_OwnerName : "?";
        }
      }
    }
    HandleLessonRequests(state, loader, AnimationNow{m.clock, m.playing, m.speed});
    UpdateJobs(state, runner, loader);
  }

  // Frames until the applied layer's result is on screen.
  void Settle() {
    const auto start = std::chrono::steady_clock::now();
    do {
      Frame();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ASSERT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(120));
    } while (state.doc.job.running || state.doc.dirty.layer || state.doc.dirty.image ||
             !state.doc.result || !same_choice(state.doc.result->choice, state.doc.applied));
    Frame();
  }

  // A change a student might make in the parameters panel: some are refused (groups
  // that do not divide, a kernel larger than the image), as they are in the app.
  void RandomChange(std::mt19937_64& rng) {
    LayerChoice& e = state.doc.edit;
    const auto pick = [&](int lo, int hi) {
      return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    switch (pick(0, 7)) {
      case 0:
        e.spec.dk = 1 + 2 * pick(0, 3);
        break;
      case 1:
        e.spec.n = pick(1, 24);
        break;
      case 2:
        e.spec.stride = pick(1, 3);
        break;
      case 3:
        e.spec.dilation = pick(1, 3);
        break;
      case 4:
        e.spec.pad_policy = pick(0, 1) ? PadPolicy::Same : PadPolicy::Valid;
        break;
      case 5:
        e.kernel = all_kernel_presets()[size_t(pick(0, int(all_kernel_presets().size()) - 1))];
        break;
      case 6:
        e.mix = all_mix_presets()[size_t(pick(0, int(all_mix_presets().size()) - 1))];
        e.seed = uint64_t(pick(1, 1000));
        break;
      case 7:
        e.spec.depth_multiplier = pick(1, 3);
        e.spec.groups = pick(0, 1) ? 1 : 3;
        break;
    }
  }

  AppState state;
  ViewContext ctx;
  JobRunner runner;
  ImageLoader loader;
  int64_t max_vertices = 0;     // the most vertices one frame drew
  int max_window_vertices = 0;  // and one window, named here
  std::string max_window;
};

TEST_F(Soak, PlayingAnimationWithRandomChangesKeepsMemoryBounded) {
  const int64_t frames = EnvOr("SEPCONV_SOAK_FRAMES", 10000);
  const int64_t changes = EnvOr("SEPCONV_SOAK_CHANGES", 100);
  ASSERT_GT(frames, kWarmUpFrames);
  ASSERT_GT(changes, 0);
  std::mt19937_64 rng(uint64_t(EnvOr("SEPCONV_SOAK_SEED", 2026)));

  state.doc.input.image = Stripes(72, 96);
  state.doc.input.path = "stripes.png";
  state.doc.dirty.image = true;
  state.requests.select_tab = LessonTab::Animation;
  // Fast enough that small layers reach their end and start again during the run.
  ctx.animation.model.speed = 5000;
  const LayerChoice start = state.doc.edit;
  Settle();
  ASSERT_EQ(state.ui.shown_tab, LessonTab::Animation);

  const int64_t every = std::max<int64_t>(1, (frames - kWarmUpFrames) / changes);
  double warm_mib = 0;
  int64_t made = 0, refused = 0, results = 0;
  std::shared_ptr<const JobResult> seen = state.doc.result;
  int64_t clock_moves = 0, previous_clock = ctx.animation.model.clock;
  for (int64_t f = 0; f < frames; ++f) {
    if (f == kWarmUpFrames) warm_mib = ResidentMiB();
    if (f >= kWarmUpFrames && made < changes && (f - kWarmUpFrames) % every == 0) {
      RandomChange(rng);
      ++made;
    }
    Frame();
    if (!state.doc.param_error.empty()) {
      ++refused;
      state.doc.edit = state.doc.applied;  // the student puts the field back
    }
    if (state.doc.result != seen) {
      seen = state.doc.result;
      ++results;
    }
    if (ctx.animation.model.clock != previous_clock) ++clock_moves;
    previous_clock = ctx.animation.model.clock;
    ASSERT_FALSE(state.doc.job.failed) << "frame " << f << ": " << state.doc.job.message;
  }
  // Back to the starting layer, so the memory compared holds the same result.
  state.doc.edit = start;
  Settle();
  const double end_mib = ResidentMiB();
  std::printf(
      "soak: %lld frames, %lld changes (%lld refused frames), %lld results shown, "
      "the clock moved on %lld frames, at most %lld vertices in a frame (%d in the window \"%s\"); "
      "resident memory %.1f MiB after %d frames, "
      "%.1f MiB at the end (bound: +%.0f MiB)\n",
      static_cast<long long>(frames), static_cast<long long>(made), static_cast<long long>(refused),
      static_cast<long long>(results), static_cast<long long>(clock_moves),
      static_cast<long long>(max_vertices), max_window_vertices, max_window.c_str(), warm_mib,
      kWarmUpFrames, end_mib, kGrowthBoundMiB);
  EXPECT_EQ(made, changes);
  EXPECT_GT(results, changes / 4) << "most changes should compute a new layer";
  EXPECT_GT(clock_moves, frames / 2) << "the animation should be playing";
  ASSERT_GT(warm_mib, 0);
  if (kResidentMemoryMeansLeaks) EXPECT_LE(end_mib - warm_mib, kGrowthBoundMiB);
}

}  // namespace
}  // namespace sepconv::app
