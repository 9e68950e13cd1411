// When the fast kernels write results with non-temporal stores: only for outputs far
// larger than the caches, which nobody reads back before they are evicted anyway.
#pragma once

#include <xmmintrin.h>

#include <cstdint>

namespace sepconv::fast {

inline bool stream_output(int64_t out_floats) {
  constexpr int64_t kThresholdFloats = int64_t{8} << 20;  // 32 MiB
  return out_floats >= kThresholdFloats;
}

// Makes a task's streaming stores visible before the task is reported done (SSE is
// part of every x86-64 CPU).
inline void store_fence() {
  _mm_sfence();
}

}  // namespace sepconv::fast
