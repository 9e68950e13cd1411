// oneDNN peer: forward-inference convolution with every layout left to oneDNN
// (format_tag::any), so it runs in its preferred blocked layout; reorders are untimed.
#include "peers.h"

#ifdef SEPCONV_HAVE_DNNL
#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>
#endif

namespace sepconv::bench {

#ifdef SEPCONV_HAVE_DNNL
namespace {
using dnnl::memory;

void fill_memory(memory& mem, unsigned seed) {
  Tensor t({static_cast<int>(mem.get_desc().get_size() / sizeof(float)), 1, 1});
  fill_random(t, seed);
  auto* dst = static_cast<float*>(mem.get_data_handle());
  std::copy(t.values().begin(), t.values().end(), dst);
}

class OneDnnRunner : public Runner {
 public:
  OneDnnRunner(const Layer& layer, int threads) : threads_(threads) {
    omp_set_num_threads(threads_);
    const ConvParams p = layer.first();
    const Shape3 o = output_shape(p, layer.h, layer.w);
    const auto f32 = memory::data_type::f32;
    const auto any = memory::format_tag::any;
    const memory::desc src({1, p.in_channels, layer.h, layer.w}, f32, any);
    const memory::desc dst({1, o.c, o.h, o.w}, f32, any);
    const memory::dims wdims =
        p.groups == 1 ? memory::dims{p.out_channels, p.in_channels, p.kernel_h, p.kernel_w}
                      : memory::dims{p.groups, p.out_channels / p.groups, p.in_channels / p.groups,
                                     p.kernel_h, p.kernel_w};
    const memory::desc wei(wdims, f32, any);
    const dnnl::convolution_forward::desc d(
        dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, src, wei, dst,
        {p.stride_h, p.stride_w}, {p.dilation_h - 1, p.dilation_w - 1},
        {p.padding.top, p.padding.left}, {p.padding.bottom, p.padding.right});
    const dnnl::convolution_forward::primitive_desc pd(d, engine_);
    info_ = "onednn " + std::string(pd.impl_info_str());
    src_ = make_memory(pd.src_desc(), src_store_);
    wei_ = make_memory(pd.weights_desc(), wei_store_);
    dst_ = make_memory(pd.dst_desc(), dst_store_);
    fill_memory(src_, 1);
    fill_memory(wei_, 2);
    conv_ = dnnl::convolution_forward(pd);
  }
  void run() override {
    omp_set_num_threads(threads_);
    conv_.execute(stream_, {{DNNL_ARG_SRC, src_}, {DNNL_ARG_WEIGHTS, wei_}, {DNNL_ARG_DST, dst_}});
    stream_.wait();
  }
  std::string kernel() const override { return info_; }

 private:
  // Buffers come from the tensor allocator, so oneDNN streams through the same (huge)
  // pages as our kernels do.
  memory make_memory(const memory::desc& desc, FloatStorage& store) {
    store.resize(desc.get_size() / sizeof(float));
    return memory(desc, engine_, store.data());
  }

  int threads_;
  dnnl::engine engine_{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream_{engine_};
  dnnl::convolution_forward conv_;
  FloatStorage src_store_, wei_store_, dst_store_;
  memory src_, wei_, dst_;
  std::string info_;
};
}  // namespace

std::unique_ptr<Runner> make_onednn_runner(const Layer& layer, int threads) {
  if (layer.family != Family::Depthwise && layer.family != Family::Pointwise &&
      layer.family != Family::Standard) {
    return nullptr;
  }
  return std::make_unique<OneDnnRunner>(layer, threads);
}
#else
std::unique_ptr<Runner> make_onednn_runner(const Layer&, int) {
  return nullptr;
}
#endif

}  // namespace sepconv::bench
