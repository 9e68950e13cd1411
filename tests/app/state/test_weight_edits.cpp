// Hand-edited weights: an edit is applied like any other change, the computation uses
// it, the composed standard kernel follows it, and a shape change falls back to presets.
#include <gtest/gtest.h>

#include <limits>

#include <atomic>

#include "presets.h"
#include "state/app_state.h"
#include "state/weight_edits.h"

using namespace sepconv;
using namespace sepconv::app;

namespace {

AppState StateWithImage(int m, int n) {
  AppState s;
  auto img = std::make_shared<LoadedImage>();
  img->pixels = Tensor({3, 12, 10});
  for (int64_t i = 0; i < img->pixels.size(); ++i)
    img->pixels.data()[i] = static_cast<float>(i % 7) / 7.0f;
  s.doc.input.image = img;
  s.doc.edit.spec.m = m;
  s.doc.edit.spec.n = n;
  ApplyEdits(s);
  s.doc.dirty = {};
  return s;
}

JobResult Compute(const AppState& s) {
  JobRequest req;
  req.image = std::shared_ptr<const Tensor>(s.doc.input.image, &s.doc.input.image->pixels);
  req.choice = s.doc.applied;
  std::atomic<bool> cancel{false};
  RunControl control;
  control.cancel = &cancel;
  return ComputeLayer(req, control);
}

}  // namespace

TEST(WeightEdits, DepthwiseEditIsAppliedAndComputed) {
  AppState s = StateWithImage(3, 4);
  const std::vector<float> identity = make_kernel(KernelPreset::Identity, 3);
  ASSERT_TRUE(EditDepthwiseKernel(s.doc.edit, 1, identity));
  ApplyEdits(s);
  EXPECT_TRUE(s.doc.dirty.layer);
  EXPECT_TRUE(s.doc.param_error.empty());
  ASSERT_TRUE(s.doc.applied.custom_dw);
  const JobResult r = Compute(s);
  for (int i = 0; i < 9; ++i)
    EXPECT_EQ(r.dw_weights.at(1, 0, i / 3, i % 3), identity[static_cast<size_t>(i)]);
  // Channel 1 of the depthwise output is now channel 1 of the input, unchanged.
  EXPECT_FLOAT_EQ(r.intermediate.at(1, 5, 5), r.input->at(1, 5, 5));
  // Other channels keep the preset (Sobel x).
  EXPECT_EQ(r.dw_weights.at(0, 0, 1, 0), -2.0f);
  // The composed standard kernel follows the edit, so the outputs still match.
  EXPECT_LT(r.max_abs_diff, 1e-4);
}

TEST(WeightEdits, PointwiseEditAndRevert) {
  AppState s = StateWithImage(3, 4);
  ASSERT_TRUE(EditPointwiseWeight(s.doc.edit, 2, 0, 5.0f));
  ApplyEdits(s);
  JobResult r = Compute(s);
  EXPECT_EQ(r.pw_weights.at(2, 0, 0, 0), 5.0f);
  EXPECT_EQ(r.std_weights.at(2, 0, 1, 0), 5.0f * r.dw_weights.at(0, 0, 1, 0));
  RevertWeightEdits(s.doc.edit);
  ApplyEdits(s);
  EXPECT_FALSE(s.doc.applied.custom_pw);
  r = Compute(s);
  EXPECT_NE(r.pw_weights.at(2, 0, 0, 0), 5.0f);
}

// A typed "nan" or "inf" never reaches the weights (it would make every output NaN).
TEST(WeightEdits, NonFiniteValuesAreIgnored) {
  AppState s = StateWithImage(3, 4);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_FALSE(EditPointwiseWeight(s.doc.edit, 2, 0, inf));
  EXPECT_FALSE(EditDepthwiseKernel(s.doc.edit, 0, {nan, 0, 0, 0, 1, 0, 0, 0, 0}));
  EXPECT_FALSE(EditAllDepthwiseKernels(s.doc.edit, {0, 0, 0, 0, -inf, 0, 0, 0, 0}));
  EXPECT_FALSE(s.doc.edit.custom_pw);
  EXPECT_FALSE(s.doc.edit.custom_dw);
  EXPECT_TRUE(EditPointwiseWeight(s.doc.edit, 2, 0, 0.25f));
  EXPECT_TRUE(s.doc.edit.custom_pw) << "finite edits still apply";
}

TEST(WeightEdits, EditsThatNoLongerFitFallBackToPresets) {
  AppState s = StateWithImage(3, 4);
  ASSERT_TRUE(EditAllDepthwiseKernels(s.doc.edit, make_kernel(KernelPreset::Box, 3)));
  ApplyEdits(s);
  EXPECT_TRUE(has_fitting_edits(s.doc.applied));
  s.doc.edit.spec.dk = 5;
  ApplyEdits(s);
  EXPECT_TRUE(s.doc.param_error.empty());
  EXPECT_FALSE(has_fitting_edits(s.doc.applied));
  const JobResult r = Compute(s);
  EXPECT_EQ(r.dw_weights.shape(), (std::vector<int>{3, 1, 5, 5}));
}

TEST(WeightEdits, SameSeedGivesTheCliWeights) {
  AppState s = StateWithImage(3, 4);
  WeightChoice wc;
  wc.depthwise = s.doc.applied.kernel;
  wc.pointwise = s.doc.applied.mix;
  wc.seed = s.doc.applied.seed;
  const LayerWeights cli = make_layer_weights(s.doc.applied.spec, wc);
  const JobResult r = Compute(s);
  EXPECT_EQ(r.pw_weights.values(), cli.pointwise.values());
  EXPECT_EQ(r.std_weights.values(), cli.standard.values());
}
