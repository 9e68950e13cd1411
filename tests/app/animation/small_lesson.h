// A small lesson layer with its three walks attached, shared by the animation tests:
// M = 3, N = 4, Dk = 3, stride 2, reflect padding, on a 5 x 6 image.
#pragma once

#include <random>
#include <vector>

#include "animation/animation_model.h"
#include "reference/conv2d.h"

namespace sepconv::app::testing {

inline Tensor random_tensor(std::vector<int> shape, uint64_t seed) {
  Tensor t(std::move(shape));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> d(-1, 1);
  for (float& v : t.values()) v = d(rng);
  return t;
}

struct SmallLesson {
  LayerSpec spec;
  Tensor input, std_w, dw_w, pw_w, std_out, dw_out, pw_out;
  ConvParams sp, dp, pp;
  AnimationModel model;

  SmallLesson() {
    spec.m = 3;
    spec.n = 4;
    spec.stride = 2;
    spec.pad_mode = PadMode::Reflect;
    input = random_tensor({3, 5, 6}, 1);
    std_w = random_tensor({4, 3, 3, 3}, 2);
    dw_w = random_tensor({3, 1, 3, 3}, 3);
    pw_w = random_tensor({4, 3, 1, 1}, 4);
    sp = standard_params(spec, 5, 6);
    dp = depthwise_params(spec, 5, 6);
    pp = pointwise_params(spec);
    std_out = reference::conv2d(input, std_w, {}, sp);
    dw_out = reference::conv2d(input, dw_w, {}, dp);
    pw_out = reference::conv2d(dw_out, pw_w, {}, pp);
    AttachWalks(model, MakeWalk(input, std_w, std_out, sp), MakeWalk(input, dw_w, dw_out, dp),
                MakeWalk(dw_out, pw_w, pw_out, pp));
  }
};

}  // namespace sepconv::app::testing
