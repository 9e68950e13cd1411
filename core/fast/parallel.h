// A fork-join loop over independent tasks on worker threads kept between calls, with
// cancellation and progress reported through RunControl.
#pragma once

#include <functional>

#include "run_control.h"

namespace sepconv::fast {

// 0 means every hardware thread; anything else is used as given (at least 1).
int resolve_threads(int threads);

// Runs fn(task, worker) for task in [0, tasks) on up to `threads` workers (worker 0 is
// the calling thread; the others come from a pool that serves one call at a time, and a
// call that finds it busy, from another thread or from inside a task, starts threads of
// its own). Tasks are handed out dynamically. RunControl is checked before
// each task; progress is reported by the calling thread only, so callbacks never run
// concurrently. The first exception stops all workers and is rethrown here.
void parallel_for(int tasks, int threads, const RunControl* control,
                  const std::function<void(int task, int worker)>& fn);

}  // namespace sepconv::fast
