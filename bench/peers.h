// Peer implementations timed on the same layers: OpenCV filter2D per plane, oneDNN in
// its preferred layout, OpenBLAS sgemm. Each returns null where it does not apply or
// was not found at build time.
#pragma once

#include <memory>

#include "layers.h"

namespace sepconv::bench {

// Depthwise, stride 1 (filter2D has no stride), one plane at a time.
std::unique_ptr<Runner> make_opencv_runner(const Layer& layer, int threads);
// Depthwise, pointwise and standard layers.
std::unique_ptr<Runner> make_onednn_runner(const Layer& layer, int threads);
// Pointwise layers as one sgemm.
std::unique_ptr<Runner> make_openblas_runner(const Layer& layer, int threads);

}  // namespace sepconv::bench
