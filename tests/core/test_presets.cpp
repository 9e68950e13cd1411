// Kernel and mixing presets, the layer weights built from them, and the feature stack.
#include <gtest/gtest.h>

#include <set>

#include "core/test_util.h"
#include "error.h"
#include "feature_stack.h"
#include "layer_weights.h"
#include "presets.h"

using namespace sepconv;

TEST(Presets, ClassicThreeByThreeKernels) {
  EXPECT_EQ(make_kernel(KernelPreset::SobelX, 3),
            (std::vector<float>{-1, 0, 1, -2, 0, 2, -1, 0, 1}));
  EXPECT_EQ(make_kernel(KernelPreset::SobelY, 3),
            (std::vector<float>{-1, -2, -1, 0, 0, 0, 1, 2, 1}));
  EXPECT_EQ(make_kernel(KernelPreset::Laplacian, 3),
            (std::vector<float>{0, 1, 0, 1, -4, 1, 0, 1, 0}));
  EXPECT_EQ(make_kernel(KernelPreset::Sharpen, 3),
            (std::vector<float>{0, -1, 0, -1, 5, -1, 0, -1, 0}));
  EXPECT_EQ(make_kernel(KernelPreset::Emboss, 3),
            (std::vector<float>{-2, -1, 0, -1, 1, 1, 0, 1, 2}));
  EXPECT_EQ(make_kernel(KernelPreset::Identity, 3),
            (std::vector<float>{0, 0, 0, 0, 1, 0, 0, 0, 0}));
}

TEST(Presets, SmoothingKernelsSumToOneAndDerivativesToZero) {
  for (int dk : {1, 2, 3, 5, 7, 15}) {
    for (KernelPreset p : {KernelPreset::Box, KernelPreset::Gaussian}) {
      float s = 0;
      for (float v : make_kernel(p, dk)) s += v;
      EXPECT_NEAR(s, 1.0f, 1e-5) << to_string(p) << " " << dk;
    }
    for (KernelPreset p : {KernelPreset::SobelX, KernelPreset::SobelY, KernelPreset::Laplacian}) {
      if (dk < 2) continue;
      float s = 0;
      for (float v : make_kernel(p, dk)) s += v;
      EXPECT_NEAR(s, 0.0f, 1e-4) << to_string(p) << " " << dk;
    }
  }
}

TEST(Presets, RandomIsDeterministicPerSeed) {
  EXPECT_EQ(make_kernel(KernelPreset::Random, 5, 42), make_kernel(KernelPreset::Random, 5, 42));
  EXPECT_NE(make_kernel(KernelPreset::Random, 5, 42), make_kernel(KernelPreset::Random, 5, 43));
  EXPECT_EQ(make_pointwise_weights(MixPreset::Random, 4, 3, 9).values(),
            make_pointwise_weights(MixPreset::Random, 4, 3, 9).values());
}

TEST(Presets, PointwiseMatrices) {
  const Tensor swap = make_pointwise_weights(MixPreset::ChannelSwap, 3, 3, 0);
  EXPECT_EQ(swap.at(0, 2, 0, 0), 1.0f);
  EXPECT_EQ(swap.at(2, 0, 0, 0), 1.0f);
  EXPECT_EQ(swap.at(1, 1, 0, 0), 1.0f);
  const Tensor gray = make_pointwise_weights(MixPreset::GrayscaleMix, 2, 3, 0);
  EXPECT_FLOAT_EQ(gray.at(1, 1, 0, 0), 0.587f);
  const Tensor id = make_pointwise_weights(MixPreset::Identity, 4, 3, 0);
  EXPECT_EQ(id.at(3, 0, 0, 0) + id.at(3, 1, 0, 0) + id.at(3, 2, 0, 0), 0.0f);
  EXPECT_EQ(id.at(2, 2, 0, 0), 1.0f);
}

TEST(Presets, NamesRoundTrip) {
  for (KernelPreset p : all_kernel_presets()) {
    KernelPreset back;
    ASSERT_TRUE(parse_kernel_preset(to_string(p), &back));
    EXPECT_EQ(back, p);
  }
  MixPreset m;
  EXPECT_FALSE(parse_mix_preset("nonsense", &m));
}

TEST(LayerWeights, ComposedOnlyWhenTheSpecAllowsIt) {
  LayerSpec s;
  s.m = 4;
  s.n = 6;
  WeightChoice c;
  LayerWeights w = make_layer_weights(s, c);
  EXPECT_TRUE(w.standard_is_composed);
  EXPECT_EQ(w.standard.shape(), (std::vector<int>{6, 4, 3, 3}));
  EXPECT_FLOAT_EQ(w.standard.at(2, 1, 0, 0),
                  w.pointwise.at(2, 1, 0, 0) * w.depthwise.at(1, 0, 0, 0));
  s.groups = 2;
  w = make_layer_weights(s, c);
  EXPECT_FALSE(w.standard_is_composed);
  EXPECT_EQ(w.standard.shape(), (std::vector<int>{6, 2, 3, 3}));
}

TEST(FeatureStack, ImageAsIsLuminanceAndDerivedMaps) {
  const Tensor img = sepconv::testing::random_tensor({3, 20, 24}, 5, 0, 1);
  const FeatureStack same = make_feature_stack(img, 3);
  EXPECT_EQ(same.maps.values(), img.values());
  const FeatureStack luma = make_feature_stack(img, 1);
  EXPECT_NEAR(luma.maps.at(0, 3, 4),
              0.299f * img.at(0, 3, 4) + 0.587f * img.at(1, 3, 4) + 0.114f * img.at(2, 3, 4), 1e-6);
  EXPECT_EQ(luma.names[0], "luminance");
  const FeatureStack big = make_feature_stack(img, 40);
  EXPECT_EQ(big.maps.dim(0), 40);
  EXPECT_EQ(big.names[3], "blur σ1 (R)");
  EXPECT_EQ(big.names[5], "edge 0° σ1 (R)");
  std::set<std::string> unique(big.names.begin(), big.names.end());
  EXPECT_EQ(unique.size(), 40u);
  // Deterministic.
  EXPECT_EQ(make_feature_stack(img, 40).maps.values(), big.maps.values());
}

TEST(FeatureStack, EdgeMapsRespondToEdgesOfTheirOrientation) {
  // A vertical step edge: the 0° edge map (d/dx) responds, the 90° one (d/dy) does not.
  Tensor img({1, 16, 16});
  for (int y = 0; y < 16; ++y)
    for (int x = 8; x < 16; ++x) img.at(0, y, x) = 1.0f;
  const FeatureStack fs = make_feature_stack(img, 1 + 2 + 8);
  ASSERT_EQ(fs.names[3], "edge 0° σ1 (gray)");
  ASSERT_EQ(fs.names[7], "edge 90° σ1 (gray)");
  EXPECT_GT(std::abs(fs.maps.at(3, 8, 8)), 0.2f);
  EXPECT_LT(std::abs(fs.maps.at(7, 8, 8)), 1e-4f);
}

TEST(FeatureStack, AllowsUpTo256ChannelsOnAGrayImage) {
  const Tensor img = sepconv::testing::random_tensor({1, 8, 8}, 5, 0, 1);
  const std::vector<std::string> names = feature_names(1, 256);
  EXPECT_EQ(names.size(), 256u);
  std::set<std::string> unique(names.begin(), names.end());
  EXPECT_EQ(unique.size(), 256u);
  EXPECT_EQ(make_feature_stack(img, 256).maps.dim(0), 256);
  EXPECT_THROW(make_feature_stack(img, 257), Error);
  EXPECT_THROW(make_feature_stack(img, 0), Error);
}
