// Runs layer computations on a worker thread: progress, cancel, and "latest wins"
// (a new request cancels the running one; only the newest request's result is kept).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "state/compute.h"

namespace sepconv::app {

// What a finished job hands back to the UI thread, swapped in whole.
struct JobOutcome {
  uint64_t generation = 0;
  std::shared_ptr<const JobResult> result;  // null when the job failed or was cancelled
  std::string error;                        // readable reason when it failed
  bool cancelled = false;
};

struct JobStatus {
  bool running = false;  // a job is computing or waiting to start
  double progress = 0;   // 0..1 of the running job
  uint64_t latest = 0;   // generation of the newest request
};

class JobRunner {
 public:
  using ComputeFn = std::function<JobResult(const JobRequest&, const RunControl&)>;

  // The default computes the layer with the engine; tests pass their own function.
  explicit JobRunner(ComputeFn compute = ComputeLayer);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Queues `request` as the newest job, cancelling the running one and replacing any
  // job still waiting. Returns the request's generation.
  uint64_t Submit(JobRequest request);
  // Cancels the running job and drops the waiting one; a cancelled outcome follows.
  void Cancel();
  // The newest finished outcome not yet taken (older ones are dropped).
  std::optional<JobOutcome> TakeFinished();
  JobStatus Status() const;
  // Blocks until no job is running or waiting (tests and scripted runs only).
  bool WaitIdle(double timeout_seconds) const;

 private:
  void WorkerLoop();

  ComputeFn compute_;
  mutable std::mutex mutex_;
  mutable std::condition_variable wake_;  // the worker waits for work here
  mutable std::condition_variable idle_;  // WaitIdle waits here
  std::optional<JobRequest> pending_;
  std::shared_ptr<std::atomic<bool>> running_cancel_;  // the running job's own flag
  bool busy_ = false;
  bool stop_ = false;
  uint64_t latest_ = 0;
  std::optional<JobOutcome> finished_;
  std::atomic<double> progress_{0.0};
  std::thread worker_;  // last member: started after everything above exists
};

}  // namespace sepconv::app
