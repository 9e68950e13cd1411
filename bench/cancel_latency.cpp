// How long the app's job takes to stop after a new change cancels it, at each stage of
// the layer on a camera-sized photo (bench/README.md, "Own photos"). Not a Google
// Benchmark: one cancel per sample, timed from Cancel() to the worker being idle.
//   sepconv_cancel_latency PHOTO [M N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "image_io.h"
#include "state/job_runner.h"

int main(int argc, char** argv) {
  using namespace sepconv;
  using namespace sepconv::app;
  using Clock = std::chrono::steady_clock;
  if (argc != 2 && argc != 4) {
    std::fprintf(stderr, "usage: sepconv_cancel_latency PHOTO [M N]\n");
    return 2;
  }
  auto image = std::make_shared<const Tensor>(load_image(argv[1]).pixels);
  LayerChoice choice;
  if (argc == 4) {
    choice.spec.m = std::atoi(argv[2]);
    choice.spec.n = std::atoi(argv[3]);
  }
  JobRunner runner;
  // The whole job once, for its length; then cancels spread over it.
  const auto t0 = Clock::now();
  runner.Submit(JobRequest{0, image, choice, true});
  runner.WaitIdle(600);
  const double full_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  std::printf("whole job: %.0f ms\n", full_ms);
  std::vector<double> latencies;
  for (int i = 1; i <= 12; ++i) {
    const double at_ms = full_ms * i / 13.0;
    runner.Submit(JobRequest{0, image, choice, true});
    std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(at_ms));
    const double progress = runner.Status().progress;
    const auto c0 = Clock::now();
    runner.Cancel();
    runner.WaitIdle(600);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - c0).count();
    latencies.push_back(ms);
    std::printf("cancel at %5.0f ms (progress %.2f, %s): stopped after %.1f ms\n", at_ms, progress,
                JobStageAt(progress), ms);
  }
  std::sort(latencies.begin(), latencies.end());
  std::printf("median %.1f ms, worst %.1f ms\n", latencies[latencies.size() / 2], latencies.back());
  return 0;
}
