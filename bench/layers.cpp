// Benchmark layers and the runner of our fast engine.
#include "layers.h"

#include <cstdint>

#include "cost.h"
#include "fast/dispatch.h"

namespace sepconv::bench {

std::string Layer::name() const {
  static const char* names[] = {"dw", "pw", "std", "sep-fused", "sep-unfused"};
  std::string s = names[static_cast<int>(family)];
  if (family != Family::Pointwise) s += "/k" + std::to_string(k) + "/s" + std::to_string(stride);
  s += "/M" + std::to_string(m);
  if (family != Family::Depthwise) s += "-N" + std::to_string(n);
  return s + "/" + std::to_string(h) + "x" + std::to_string(w);
}

ConvParams Layer::first() const {
  ConvParams p;
  p.in_channels = m;
  p.out_channels = family == Family::Standard || family == Family::Pointwise ? n : m;
  p.groups = family == Family::Standard || family == Family::Pointwise ? 1 : m;
  const int kk = family == Family::Pointwise ? 1 : k;
  p.kernel_h = p.kernel_w = kk;
  p.stride_h = p.stride_w = family == Family::Pointwise ? 1 : stride;
  const int pad = (kk - 1) / 2;
  p.padding = {pad, pad, pad, pad};
  return p;
}

ConvParams Layer::second() const {
  ConvParams p;
  p.in_channels = m;
  p.out_channels = n;
  p.kernel_h = p.kernel_w = 1;
  return p;
}

double Layer::flops() const {
  double mults = static_cast<double>(conv_cost(first(), h, w).mults);
  if (family == Family::SeparableFused || family == Family::SeparableUnfused) {
    const Shape3 mid = output_shape(first(), h, w);
    mults += static_cast<double>(conv_cost(second(), mid.h, mid.w).mults);
  }
  return 2.0 * mults;
}

double Layer::bytes() const {
  const ConvParams p = first();
  const Shape3 out = output_shape(p, h, w);
  const double in = static_cast<double>(m) * h * w;
  const double weights =
      static_cast<double>(p.out_channels) * (p.in_channels / p.groups) * p.kernel_h * p.kernel_w;
  if (family == Family::SeparableFused || family == Family::SeparableUnfused) {
    const double mid = static_cast<double>(out.size());
    const double final_out = static_cast<double>(n) * out.h * out.w;
    const double pw_weights = static_cast<double>(m) * n;
    const double intermediate = family == Family::SeparableUnfused ? 2 * mid : 0;
    return 4 * (in + weights + pw_weights + intermediate + final_out);
  }
  return 4 * (in + weights + static_cast<double>(out.size()));
}

void fill_random(Tensor& t, unsigned seed) {
  uint32_t s = seed * 2654435761u + 1;
  for (float& v : t.values()) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    v = static_cast<float>(s >> 8) * (2.0f / 16777216.0f) - 1.0f;
  }
}

namespace {
class OurRunner : public Runner {
 public:
  OurRunner(const Layer& layer, int threads) : layer_(layer), options_{threads, nullptr, true} {
    p1_ = layer.first();
    p2_ = layer.second();
    input_ = Tensor({layer.m, layer.h, layer.w});
    fill_random(input_, 1);
    w1_ = Tensor({p1_.out_channels, p1_.in_channels / p1_.groups, p1_.kernel_h, p1_.kernel_w});
    fill_random(w1_, 2);
    w2_ = Tensor({p2_.out_channels, p2_.in_channels, 1, 1});
    fill_random(w2_, 3);
    options_.allow_fused = layer.family != Family::SeparableUnfused;
  }
  void run() override {
    if (layer_.family == Family::SeparableFused || layer_.family == Family::SeparableUnfused) {
      // Unfused keeps its intermediate allocated between runs, as the output is.
      Tensor* mid = options_.allow_fused ? nullptr : &mid_;
      kernel_ = fast::separable(input_, w1_, {}, w2_, {}, p1_, p2_, out_, options_, nullptr,
                                nullptr, mid);
    } else {
      kernel_ = fast::conv2d(input_, w1_, {}, p1_, out_, options_);
    }
  }
  std::string kernel() const override { return kernel_; }

 private:
  Layer layer_;
  fast::FastOptions options_;
  ConvParams p1_, p2_;
  Tensor input_, w1_, w2_, out_, mid_;
  std::string kernel_;
};
}  // namespace

std::unique_ptr<Runner> make_our_runner(const Layer& layer, int threads) {
  return std::make_unique<OurRunner>(layer, threads);
}

Layer target_layer(Family f, int m) {
  Layer l;
  l.family = f;
  l.m = m;
  l.n = m;
  return l;
}

}  // namespace sepconv::bench
