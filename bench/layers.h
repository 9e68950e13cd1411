// The layers of the benchmark matrix: their conv2d parameters, work (flops) and the
// bytes a perfect implementation would move, and the data they run on.
#pragma once

#include <memory>
#include <string>

#include "conv_params.h"
#include "tensor.h"

namespace sepconv::bench {

enum class Family { Depthwise, Pointwise, Standard, SeparableFused, SeparableUnfused };

struct Layer {
  Family family = Family::Depthwise;
  int m = 64, n = 64, k = 3, stride = 1;
  int h = 1080, w = 1920;

  // "dw/k3/s1/M64/1080x1920" and the like.
  std::string name() const;
  // The conv2d of a single-layer family, or the depthwise stage of a separable one.
  ConvParams first() const;
  // The pointwise stage of a separable layer.
  ConvParams second() const;
  double flops() const;  // 2 per multiply-add
  double bytes() const;  // tensors read or written once (the fused intermediate never)
};

// Something a row times: our engine or a peer library on one layer.
class Runner {
 public:
  virtual ~Runner() = default;
  virtual void run() = 0;
  virtual std::string kernel() const = 0;  // what ran, for the table
};

// A layer the targets are stated on: M = N = m, 3x3 (1x1 for pointwise),
// stride 1, 1080 x 1920.
Layer target_layer(Family f, int m);

// Seeded pseudo-random fill, fast enough for gigabyte tensors.
void fill_random(Tensor& t, unsigned seed);

std::unique_ptr<Runner> make_our_runner(const Layer& layer, int threads);

}  // namespace sepconv::bench
