// When the fast kernels write results with non-temporal stores: only for outputs far
// larger than the caches, which nobody reads back before they are evicted anyway.
#pragma once

#include <xmmintrin.h>

#include <cstdint>

namespace sepconv::fast {

inline constexpr int64_t kStreamMinFloats = int64_t{8} << 20;  // 32 MiB

// Makes a task's streaming stores visible before the task is reported done (SSE is
// part of every x86-64 CPU).
inline void store_fence() {
  _mm_sfence();
}

}  // namespace sepconv::fast
