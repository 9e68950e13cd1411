// When the fast kernels write results with non-temporal stores: only for outputs far
// larger than the caches, which nobody reads back before they are evicted anyway.
#pragma once

#include <xmmintrin.h>

#include <cstdint>

namespace sepconv::fast {

inline constexpr int64_t kStreamMinFloats = int64_t{8} << 20;  // 32 MiB

// Splits [0, total) into pieces of `step` whose starts are 64-byte aligned in `base`
// (after one short head piece), so streamed tiles land on whole cache lines.
class AlignedGrid {
 public:
  AlignedGrid(const float* base, int64_t total, int64_t step) : total_(total), step_(step) {
    const uintptr_t misalign = reinterpret_cast<uintptr_t>(base) % 64;
    head_ = misalign == 0 || misalign % sizeof(float) != 0 ? 0 : (64 - misalign) / sizeof(float);
    // Later starts stay aligned only if the step is whole cache lines; the head piece
    // must also fit the per-task buffers sized by `step`.
    if (head_ >= total_ || head_ > step_ || step_ % 16 != 0) head_ = 0;
  }
  int count() const {
    return static_cast<int>((head_ > 0 ? 1 : 0) + (total_ - head_ + step_ - 1) / step_);
  }
  int64_t start(int i) const {
    if (head_ == 0) return i * step_;
    return i == 0 ? 0 : head_ + (i - 1) * step_;
  }
  int64_t size(int i) const {
    const int64_t end = i + 1 < count() ? start(i + 1) : total_;
    return end - start(i);
  }

 private:
  int64_t total_, step_, head_ = 0;
};

// Makes a task's streaming stores visible before the task is reported done (SSE is
// part of every x86-64 CPU).
inline void store_fence() {
  _mm_sfence();
}

}  // namespace sepconv::fast
