// Background threads yield the CPU to the UI thread: on a 2-core laptop the layer's
// threads and the software rasteriser compete for the same cores, and a frame should not
// wait for a convolution.
#pragma once

namespace sepconv::app {

// Lowers the calling thread's scheduling priority (nice +10 on Linux). Threads it starts
// inherit it, so the engine's worker pool, started from a background thread, does too.
void LowerThisThreadsPriority();

}  // namespace sepconv::app
