// parallel_for on its kept worker pool: every task runs exactly once on a worker index
// below the worker count, whether calls come back to back, nested inside a task, from
// two threads at once, or after a task threw. (Run under ThreadSanitizer by the test
// command as well.)
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "fast/parallel.h"

namespace sepconv::fast {
namespace {

// Runs `tasks` tasks on `threads` workers and checks each ran once, on a valid worker.
void ExpectEachTaskOnce(int tasks, int threads) {
  std::vector<std::atomic<int>> runs(static_cast<size_t>(tasks));
  std::atomic<int> bad_worker{0};
  const int workers = std::min(threads, tasks);
  parallel_for(tasks, threads, nullptr, [&](int task, int worker) {
    runs[static_cast<size_t>(task)].fetch_add(1);
    if (worker < 0 || worker >= workers) bad_worker.fetch_add(1);
  });
  for (int t = 0; t < tasks; ++t) {
    ASSERT_EQ(runs[static_cast<size_t>(t)].load(), 1)
        << "task " << t << " of " << tasks << " on " << threads << " threads";
  }
  EXPECT_EQ(bad_worker.load(), 0);
}

TEST(ParallelFor, RunsEveryTaskOnceAcrossManyCalls) {
  // Worker counts that grow and shrink between calls: threads left out of one job
  // must not run the next one twice.
  for (int round = 0; round < 50; ++round) {
    for (int threads : {2, 1, 4, 3, 2}) {
      for (int tasks : {1, 2, 7, 64}) ExpectEachTaskOnce(tasks, threads);
    }
  }
}

TEST(ParallelFor, NestedCallsRunTheirTasks) {
  std::atomic<int> inner_runs{0};
  parallel_for(4, 2, nullptr, [&](int, int) {
    parallel_for(16, 2, nullptr, [&](int, int) { inner_runs.fetch_add(1); });
  });
  EXPECT_EQ(inner_runs.load(), 4 * 16);
}

TEST(ParallelFor, ConcurrentCallersEachGetAllTheirTasks) {
  auto caller = [] {
    for (int i = 0; i < 100; ++i) ExpectEachTaskOnce(33, 2);
  };
  std::thread a(caller), b(caller);
  a.join();
  b.join();
}

TEST(ParallelFor, ExceptionReachesTheCallerAndThePoolKeepsWorking) {
  EXPECT_THROW(parallel_for(64, 2, nullptr,
                            [](int task, int) {
                              if (task == 5) throw std::runtime_error("task 5 failed");
                            }),
               std::runtime_error);
  ExpectEachTaskOnce(64, 2);
}

}  // namespace
}  // namespace sepconv::fast
