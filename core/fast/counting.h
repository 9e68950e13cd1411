// Instrumented counts, added by the kernels per row or tile they compute, with the
// definitions of cost.h (every tap multiplied, taps-1 additions, +1 with bias).
#pragma once

#include <cstdint>

#include "op_counts.h"

namespace sepconv::fast {

inline void count_outputs(OpCounts& c, int64_t outputs, int64_t taps, bool bias,
                          int64_t padded_taps) {
  c.mults += outputs * taps;
  c.adds += outputs * (taps - 1 + (bias ? 1 : 0));
  c.padded_mults += padded_taps;
}

}  // namespace sepconv::fast
