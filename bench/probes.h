// Machine probes measured in the same run as the kernels: the peak FMA rate and the
// copy bandwidth every row's percentages are relative to.
#pragma once

#include <string>

namespace sepconv::bench {

struct PeakFma {
  double gflops = 0;  // 2 flops per FMA lane
  std::string isa;    // widest vector FMA used
};

// Register-only FMA chains on `threads` threads at once.
PeakFma measure_peak_fma(int threads);

// memcpy of a buffer far larger than the caches; bytes read + bytes written per second.
double measure_copy_gbs(int threads);

}  // namespace sepconv::bench
