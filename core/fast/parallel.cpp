// Fork-join task loop over a pool of worker threads kept between calls, which wait
// spinning for a moment before they sleep: starting or waking the threads for every
// call cost 87-122 us here even back to back, and a 270 x 480 x 16 depthwise layer
// (0.9 ms) ran a third faster without it.
#include "fast/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "engine.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace sepconv::fast {
namespace {

// Waits until `ready()` turns true, spinning for up to kSpin first: waking a sleeping
// thread costs tens of microseconds on this VM (an idle virtual CPU must be woken), and
// layers often run back to back (the bench, depthwise then pointwise).
constexpr auto kSpin = std::chrono::microseconds(200);

void pause_cpu() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#else
  std::this_thread::yield();
#endif
}

template <class Ready>
bool spin_until(Ready ready) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (int i = 1;; ++i) {
    if (ready()) return true;
    pause_cpu();
    if (i % 64 == 0 && std::chrono::steady_clock::now() > until) return ready();
  }
}

// Runs one job at a time on `workers` threads: worker 0 is the caller, the others are
// pool threads woken for the job and waited for before run() returns. At most one
// thread per other CPU is kept.
class WorkerPool {
 public:
  // Never destroyed: its threads sleep on until the process ends, so a call still in
  // flight on another thread at exit cannot meet a destroyed pool.
  static WorkerPool& instance() {
    static WorkerPool* const pool = new WorkerPool;
    return *pool;
  }

  // False when another caller (another thread, or a job calling parallel_for from
  // inside) holds the pool, or when the job wants more threads than the pool keeps; the
  // caller then starts threads of its own. `job` must not throw.
  bool run(int workers, const std::function<void(int)>& job) {
    if (workers - 1 > std::max(hardware_threads() - 1, 1)) return false;
    bool expected = false;
    if (!busy_.compare_exchange_strong(expected, true, std::memory_order_acquire)) return false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // New threads start from the current generation, so they take this job too.
      try {
        while (static_cast<int>(threads_.size()) < workers - 1) {
          const int index = static_cast<int>(threads_.size()) + 1;
          const uint64_t start = generation_.load(std::memory_order_relaxed);
          threads_.emplace_back([this, index, start] { serve(index, start); });
        }
      } catch (...) {
        // No thread to be had: the caller tries its own, and reports what that gives.
        busy_.store(false, std::memory_order_release);
        return false;
      }
      job_ = &job;
      active_ = workers;
      pending_.store(workers - 1, std::memory_order_relaxed);
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    job(0);
    auto finished = [this] { return pending_.load(std::memory_order_acquire) == 0; };
    if (!spin_until(finished)) {
      std::unique_lock<std::mutex> lock(mutex_);
      done_.wait(lock, finished);
    }
    busy_.store(false, std::memory_order_release);
    return true;
  }

 private:
  void serve(int index, uint64_t seen) {
    auto woken = [&] { return generation_.load(std::memory_order_acquire) != seen; };
    // A thread left out of a job sleeps at once: spinning only pays for the next call.
    bool spin = true;
    for (;;) {
      if (!spin || !spin_until(woken)) {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, woken);
      }
      // The generation, job and worker count together: a thread left out of one job may
      // look only when the next has begun.
      const std::function<void(int)>* job = nullptr;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        seen = generation_.load(std::memory_order_relaxed);
        if (index < active_) job = job_;
      }
      spin = job != nullptr;
      if (!job) continue;
      (*job)(index);  // never throws (run's contract)
      if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        // Under the lock, so a caller that found pending_ > 0 is already waiting.
        std::lock_guard<std::mutex> lock(mutex_);
        done_.notify_one();
      }
    }
  }

  std::atomic<bool> busy_{false};
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> pending_{0};
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> threads_;
  // Written with generation_ under mutex_, and read under it.
  const std::function<void(int)>* job_ = nullptr;
  int active_ = 0;
};

}  // namespace

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

  const std::function<void(int)> work = [&](int worker) {
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

  if (workers == 1) {
    work(0);
  } else if (!WorkerPool::instance().run(workers, work)) {
    // Threads of its own; tasks are handed out dynamically, so as many as can be started
    // do all the work (even none besides this one).
    std::vector<std::thread> own;
    own.reserve(static_cast<size_t>(workers - 1));
    try {
      for (int w = 1; w < workers; ++w) own.emplace_back(work, w);
    } catch (const std::system_error&) {
    }
    work(0);
    for (std::thread& t : own) t.join();
  }
  if (error) std::rethrow_exception(error);
  if (control) control->report(1.0);
}

}  // namespace sepconv::fast
