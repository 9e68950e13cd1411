// Fork-join task loop on std::thread (threads are started per call: a layer is
// milliseconds of work, a thread start is microseconds).
#include "fast/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "engine.h"

namespace sepconv::fast {

int resolve_threads(int threads) {
  return threads <= 0 ? hardware_threads() : threads;
}

void parallel_for(int tasks, int threads, const RunControl* control,
                  const std::function<void(int task, int worker)>& fn) {
  if (tasks <= 0) return;
  const int workers = std::min(resolve_threads(threads), tasks);
  std::atomic<int> next{0};
  std::atomic<int> done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;

  auto work = [&](int worker) {
    try {
      for (;;) {
        if (failed.load(std::memory_order_relaxed)) return;
        const int task = next.fetch_add(1, std::memory_order_relaxed);
        if (task >= tasks) return;
        if (control) control->check();
        fn(task, worker);
        const int finished = done.fetch_add(1, std::memory_order_relaxed) + 1;
        if (worker == 0 && control) control->report(static_cast<double>(finished) / tasks);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
      failed.store(true, std::memory_order_relaxed);
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(workers - 1));
  for (int w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  if (control) control->report(1.0);
}

}  // namespace sepconv::fast
