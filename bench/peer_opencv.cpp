// OpenCV peer: cv::filter2D on each plane (cross-correlation, zero border), the way an
// image-processing user would run a depthwise 3x3 over the channels.
#include "peers.h"

#ifdef SEPCONV_HAVE_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace sepconv::bench {

#ifdef SEPCONV_HAVE_OPENCV
namespace {
class OpenCvRunner : public Runner {
 public:
  OpenCvRunner(const Layer& layer, int threads) : threads_(threads) {
    input_ = Tensor({layer.m, layer.h, layer.w});
    fill_random(input_, 1);
    output_ = Tensor({layer.m, layer.h, layer.w});
    for (int c = 0; c < layer.m; ++c) {
      cv::Mat k(layer.k, layer.k, CV_32F);
      for (int i = 0; i < layer.k * layer.k; ++i)
        k.at<float>(i) = 0.01f * static_cast<float>(i + c);
      kernels_.push_back(k);
    }
  }
  void run() override {
    cv::setNumThreads(threads_);
    for (int c = 0; c < input_.dim(0); ++c) {
      const cv::Mat src(input_.dim(1), input_.dim(2), CV_32F, input_.plane(c));
      cv::Mat dst(output_.dim(1), output_.dim(2), CV_32F, output_.plane(c));
      cv::filter2D(src, dst, CV_32F, kernels_[static_cast<size_t>(c)], cv::Point(-1, -1), 0,
                   cv::BORDER_CONSTANT);
    }
  }
  std::string kernel() const override { return "opencv filter2D per plane"; }

 private:
  int threads_;
  Tensor input_, output_;
  std::vector<cv::Mat> kernels_;
};
}  // namespace

std::unique_ptr<Runner> make_opencv_runner(const Layer& layer, int threads) {
  if (layer.family != Family::Depthwise || layer.stride != 1) return nullptr;
  return std::make_unique<OpenCvRunner>(layer, threads);
}
#else
std::unique_ptr<Runner> make_opencv_runner(const Layer&, int) {
  return nullptr;
}
#endif

}  // namespace sepconv::bench
