// The worker thread of the job runner. Each job gets its own cancel flag, so
// cancelling an old job can never stop the next one.
#include "state/job_runner.h"

#include <chrono>
#include <new>

#include "state/background_priority.h"

#include "error.h"

namespace sepconv::app {

JobRunner::JobRunner(ComputeFn compute) : compute_(std::move(compute)) {
  worker_ = std::thread([this] { WorkerLoop(); });
}

JobRunner::~JobRunner() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    pending_.reset();
    if (running_cancel_) running_cancel_->store(true);
  }
  wake_.notify_all();
  worker_.join();
}

uint64_t JobRunner::Submit(JobRequest request) {
  uint64_t generation;
  {
    std::lock_guard lock(mutex_);
    generation = ++latest_;
    request.generation = generation;
    pending_ = std::move(request);
    if (running_cancel_) running_cancel_->store(true);
  }
  wake_.notify_all();
  return generation;
}

void JobRunner::Cancel() {
  std::lock_guard lock(mutex_);
  if (pending_) {
    // A job that never started still ends with a cancelled outcome, so the UI
    // always hears back about the newest request.
    finished_ = JobOutcome{pending_->generation, nullptr, "cancelled", true};
    pending_.reset();
  }
  if (running_cancel_) running_cancel_->store(true);
  if (!busy_) idle_.notify_all();
}

std::optional<JobOutcome> JobRunner::TakeFinished() {
  std::lock_guard lock(mutex_);
  std::optional<JobOutcome> out = std::move(finished_);
  finished_.reset();
  return out;
}

JobStatus JobRunner::Status() const {
  std::lock_guard lock(mutex_);
  return JobStatus{busy_ || pending_.has_value(), progress_.load(), latest_};
}

bool JobRunner::WaitIdle(double timeout_seconds) const {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, std::chrono::duration<double>(timeout_seconds),
                        [this] { return !busy_ && !pending_; });
}

void JobRunner::WorkerLoop() {
  LowerThisThreadsPriority();
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || pending_.has_value(); });
    if (stop_) return;
    JobRequest request = std::move(*pending_);
    pending_.reset();
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    running_cancel_ = cancel;
    busy_ = true;
    progress_.store(0.0);
    lock.unlock();

    JobOutcome outcome;
    outcome.generation = request.generation;
    RunControl control;
    control.cancel = cancel.get();
    control.progress = [this](double f) { progress_.store(f, std::memory_order_relaxed); };
    try {
      outcome.result = std::make_shared<const JobResult>(compute_(request, control));
    } catch (const Error& e) {
      outcome.cancelled = e.kind() == ErrorKind::Cancelled;
      outcome.error = e.what();
    } catch (const std::bad_alloc&) {
      // The estimate fitted the budget, but the system did not give the memory (other
      // programs took it meanwhile): the previous result stays and the app goes on.
      outcome.error =
          "out of memory: the system refused memory for this layer; close other programs, "
          "or choose a smaller working size";
    } catch (const std::exception& e) {
      outcome.error = std::string("unexpected error: ") + e.what();
    } catch (...) {
      outcome.error = "unexpected error of unknown type";
    }
    // A job that was asked to stop but happened to finish is treated as cancelled.
    if (cancel->load()) {
      outcome.result.reset();
      outcome.cancelled = true;
      if (outcome.error.empty()) outcome.error = "cancelled";
    }

    lock.lock();
    running_cancel_.reset();
    busy_ = false;
    // Latest wins: only the newest request's outcome reaches the UI.
    if (outcome.generation == latest_) finished_ = std::move(outcome);
    if (!pending_) idle_.notify_all();
  }
}

}  // namespace sepconv::app
