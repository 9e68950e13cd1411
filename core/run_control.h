// Lets a caller on another thread cancel a long computation and watch its progress.
#pragma once

#include <atomic>
#include <functional>

#include "error.h"

namespace sepconv {

struct RunControl {
  const std::atomic<bool>* cancel = nullptr;      // set to true to stop; checked per row
  std::function<void(double fraction)> progress;  // 0..1, called from the computing thread

  // Throws Error(Cancelled) when cancellation was requested.
  void check() const {
    if (cancel && cancel->load(std::memory_order_relaxed)) {
      throw Error(ErrorKind::Cancelled, "computation cancelled");
    }
  }
  void report(double fraction) const {
    if (progress) progress(fraction);
  }
};

// The same cancel flag, with a part's own 0..1 progress mapped to [from, to] of the
// parent's: for a stage of a longer computation.
inline RunControl slice(const RunControl* parent, double from, double to) {
  RunControl c;
  if (!parent) return c;
  c.cancel = parent->cancel;
  if (parent->progress) {
    auto progress = parent->progress;
    c.progress = [progress, from, to](double f) { progress(from + (to - from) * f); };
  }
  return c;
}

// The same cancel flag without progress: for inner loops whose caller reports progress.
inline RunControl cancel_only(const RunControl* c) {
  RunControl r;
  if (c) r.cancel = c->cancel;
  return r;
}

}  // namespace sepconv
