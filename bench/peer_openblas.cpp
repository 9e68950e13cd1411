// OpenBLAS peer: a pointwise layer is one sgemm [N x M] x [M x H*W] on CHW data.
#include "peers.h"

#ifdef SEPCONV_HAVE_OPENBLAS
#include <cblas.h>
#endif

namespace sepconv::bench {

#ifdef SEPCONV_HAVE_OPENBLAS
namespace {
class OpenBlasRunner : public Runner {
 public:
  OpenBlasRunner(const Layer& layer, int threads) : layer_(layer), threads_(threads) {
    input_ = Tensor({layer.m, layer.h, layer.w});
    fill_random(input_, 1);
    weights_ = Tensor({layer.n, layer.m, 1, 1});
    fill_random(weights_, 2);
    output_ = Tensor({layer.n, layer.h, layer.w});
  }
  void run() override {
    openblas_set_num_threads(threads_);
    const int p = layer_.h * layer_.w;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, layer_.n, p, layer_.m, 1.0f,
                weights_.data(), layer_.m, input_.data(), p, 0.0f, output_.data(), p);
  }
  std::string kernel() const override { return "openblas sgemm"; }

 private:
  Layer layer_;
  int threads_;
  Tensor input_, weights_, output_;
};
}  // namespace

std::unique_ptr<Runner> make_openblas_runner(const Layer& layer, int threads) {
  if (layer.family != Family::Pointwise) return nullptr;
  return std::make_unique<OpenBlasRunner>(layer, threads);
}
#else
std::unique_ptr<Runner> make_openblas_runner(const Layer&, int) {
  return nullptr;
}
#endif

}  // namespace sepconv::bench
