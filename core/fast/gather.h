// Copying input rows out of a CHW plane with the padding applied (zero, reflect or
// replicate), and counting how many taps of an output row read padding.
#pragma once

#include <cstdint>

#include "conv_params.h"

namespace sepconv::fast {

struct Range {
  int lo = 0, hi = 0;  // [lo, hi)
  int size() const { return hi - lo; }
};

// The j in [0, count) for which offset + j * step lies in [0, size).
Range interior_range(int offset, int step, int size, int count);

// dst[j] = padded input (iy, ix0 + j * step) of one plane, j in [0, count).
void gather_row(const float* plane, int h, int w, int iy, int ix0, int step, int count,
                PadMode mode, float* dst);

// Taps of one input channel that read padding, summed over the outputs (oy, ox) with
// ox in [ox0, ox1): what the reference counts as padded_mults per input channel.
int64_t padded_taps_in_row(const ConvParams& p, int in_h, int in_w, int oy, int ox0, int ox1);

int round_up(int x, int multiple);

// First 64-byte aligned float in p[0, 16): scratch buffers get 16 spare floats so that
// every gathered row starts on a cache line (row lengths are multiples of 16 floats).
float* align_to_line(float* p);

}  // namespace sepconv::fast
