// Operation counts the engine records while it computes (instrumented counts).
#pragma once

#include <cstdint>

namespace sepconv {

struct OpCounts {
  int64_t mults = 0;         // every multiplication performed (see cost.h for the definition)
  int64_t adds = 0;          // every addition performed
  int64_t padded_mults = 0;  // of mults, those whose input value came from padding

  OpCounts& operator+=(const OpCounts& o) {
    mults += o.mults;
    adds += o.adds;
    padded_mults += o.padded_mults;
    return *this;
  }
};

}  // namespace sepconv
