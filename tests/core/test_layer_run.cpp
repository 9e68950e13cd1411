// The one layer pipeline: counts equal the closed forms, the composed rule, the working
// size, the memory estimate against what tensor storage really held, and the saved file
// set (names, shapes, refusals, nothing left behind).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "error.h"
#include "layer_options.h"
#include "layer_report.h"
#include "layer_run.h"
#include "npy_io.h"
#include "output_files.h"
#include "reference/conv2d.h"
#include "reference/separable.h"
#include "test_util.h"

namespace sepconv {
namespace {

namespace fs = std::filesystem;

fs::path FreshDir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("sepconv_run_" + name + std::to_string(getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

TEST(LayerRun, CountsEqualTheClosedFormsOnEveryPath) {
  const Tensor image = testing::random_tensor({3, 21, 34}, 5, 0.0f, 1.0f);
  for (const EngineKind engine : {EngineKind::Reference, EngineKind::Fast}) {
    LayerChoice c;
    c.spec.m = 5;
    c.spec.n = 7;
    c.spec.stride = 2;
    c.engine = engine;
    const LayerRun r = run_layer(image, c);
    EXPECT_EQ(r.std_counts.mults, r.costs.standard.mults);
    EXPECT_EQ(r.dw_counts.mults, r.costs.depthwise.mults);
    EXPECT_EQ(r.pw_counts.mults, r.costs.pointwise.mults);
    EXPECT_EQ(r.sep_counts.mults, r.costs.separable.mults);
    EXPECT_EQ(r.sep_counts.adds, r.costs.separable.adds);
    EXPECT_TRUE(r.outputs_match);
    EXPECT_GE(r.max_abs_diff, 0.0);
    EXPECT_LT(r.max_abs_diff, 1e-4);
    EXPECT_EQ(r.standard.shape(), r.separable.shape());
  }
}

// Every kind of bias (--bias-dw/pw/std): the outputs equal the reference layers with
// those biases, a composed standard kernel gets P * b_dw + b_pw so both outputs still
// match, and the counts (one add per output for a bias) equal the closed forms.
TEST(LayerRun, BiasesOfEveryKindMatchTheReferenceAndTheCounts) {
  const Tensor image = testing::random_tensor({3, 13, 18}, 9, 0.0f, 1.0f);
  const fs::path dir = FreshDir("bias");
  Tensor file_bias({4});
  for (int i = 0; i < 4; ++i) file_bias.data()[i] = 0.25f * float(i) - 0.3f;
  write_npy((dir / "pw_bias.npy").string(), file_bias);
  const std::pair<std::string, std::string> cases[] = {{"zero", "none"},
                                                       {"0.5", "random"},
                                                       {"random", (dir / "pw_bias.npy").string()},
                                                       {"-1.25", "zero"}};
  for (const auto& [dw, pw] : cases) {
    SCOPED_TRACE(dw + " / " + pw);
    LayerChoice c;
    c.spec.n = 4;
    c.spec.stride = 2;
    ASSERT_EQ(find_layer_option("--bias-dw")->apply(c, dw), "");
    ASSERT_EQ(find_layer_option("--bias-pw")->apply(c, pw), "");
    c.engine = EngineKind::Fast;
    const LayerRun r = run_layer(image, c);
    ASSERT_EQ(r.dw_bias.size(), 3u);
    EXPECT_EQ(r.pw_bias.empty(), pw == "none");
    if (dw == "0.5") EXPECT_EQ(r.dw_bias, std::vector<float>(3, 0.5f));
    if (dw == "zero") EXPECT_EQ(r.dw_bias, std::vector<float>(3, 0.0f));
    if (pw.find("pw_bias") != std::string::npos) EXPECT_EQ(r.pw_bias, file_bias.to_vector());
    const auto ref = reference::separable(*r.input, r.dw_weights, r.dw_bias, r.pw_weights,
                                          r.pw_bias, r.dw_params, r.pw_params);
    // Fast against reference: float sums in another order, values of order 1.
    EXPECT_LT(testing::max_abs_difference(r.separable, ref.output), 1e-4);
    EXPECT_LT(testing::max_abs_difference(r.intermediate, ref.intermediate), 1e-4);
    EXPECT_EQ(r.std_bias, reference::compose_separable_bias(r.dw_bias, r.pw_weights, r.pw_bias));
    EXPECT_TRUE(r.outputs_match);
    EXPECT_LT(r.max_abs_diff, 1e-4);
    EXPECT_NE(r.standard_kernel.find("P * b_dw + b_pw"), std::string::npos) << r.standard_kernel;
    EXPECT_EQ(r.dw_counts.adds, r.costs.depthwise.adds);
    EXPECT_EQ(r.pw_counts.adds, r.costs.pointwise.adds);
    EXPECT_EQ(r.std_counts.adds, r.costs.standard.adds);
    EXPECT_EQ(r.sep_counts.mults, r.costs.separable.mults);
  }
}

TEST(LayerRun, AStandardBiasOfItsOwnMeansTheOutputsNeedNotMatch) {
  const Tensor image = testing::random_tensor({3, 12, 12}, 4, 0.0f, 1.0f);
  LayerChoice c;
  c.spec.n = 5;
  ASSERT_EQ(find_layer_option("--bias-std")->apply(c, "2"), "");
  const LayerRun r = run_layer(image, c);
  EXPECT_EQ(r.std_bias, std::vector<float>(5, 2.0f));
  EXPECT_FALSE(r.outputs_match);
  EXPECT_EQ(r.std_counts.adds, r.costs.standard.adds);
  const Tensor ref = reference::conv2d(*r.input, r.std_weights, r.std_bias, r.std_params);
  EXPECT_LT(testing::max_abs_difference(r.standard, ref), 1e-4);
}

TEST(LayerOptions, BiasTakesNoneZeroRandomAConstantOrAFile) {
  const LayerOption* o = find_layer_option("--bias-dw");
  ASSERT_NE(o, nullptr);
  LayerChoice c;
  EXPECT_EQ(default_text(*o), "none");
  for (const std::string ok : {"zero", "random", "0.5", "-3e-2", "my bias.npy"}) {
    EXPECT_EQ(o->apply(c, ok), "") << ok;
    EXPECT_EQ(o->value_text(c), ok);
  }
  EXPECT_EQ(o->apply(c, "none"), "");
  EXPECT_EQ(c.files.depthwise_bias, "");
  for (const std::string bad : {"nan", "inf", "-inf", "1e7"}) {
    const std::string why = o->apply(c, bad);
    EXPECT_EQ(why,
              "--bias-dw " + bad + ": a constant bias must be a finite number from -1e6 to 1e6");
  }
  // A file that is not there is named when the layer is checked.
  ASSERT_EQ(o->apply(c, "/no/such/bias.npy"), "");
  EXPECT_EQ(validate_choice(c, 32, 32), "--bias-dw /no/such/bias.npy: no such file");
}

TEST(LayerRun, AComposedKernelWithGroupsFallsBackAndClaimsNoMatch) {
  const Tensor image = testing::random_tensor({3, 16, 16}, 6, 0.0f, 1.0f);
  LayerChoice c;
  c.spec.groups = 3;
  c.spec.n = 6;
  const LayerRun r = run_layer(image, c);
  EXPECT_FALSE(r.standard_composed);
  EXPECT_FALSE(r.outputs_match);
  EXPECT_LT(r.max_abs_diff, 0.0);
  EXPECT_EQ(r.standard_kernel,
            "independent (random): a composed kernel needs groups = 1 and K = 1");
  EXPECT_EQ(r.std_weights.shape(), (std::vector<int>{6, 1, 3, 3}));
}

TEST(LayerRun, TheWorkingSizeShrinksTheImageAndTheReportSaysSo) {
  const Tensor image = testing::random_tensor({3, 300, 400}, 8, 0.0f, 1.0f);
  LayerChoice c;
  c.working_size.megapixels = 0.03;
  const LayerRun r = run_layer(image, c);
  EXPECT_TRUE(r.resized());
  EXPECT_LE(r.work.pixels(), 30000);
  EXPECT_EQ(r.input->dim(1), r.work.h);
  EXPECT_EQ(r.standard.dim(2), r.work.w);
  EXPECT_EQ(measured_size_text(r), std::to_string(r.work.w) + " x " + std::to_string(r.work.h) +
                                       " (working size 0.03MP of 400 x 300)");
  EXPECT_NE(report_text(r, "x.png").find("on " + measured_size_text(r)), std::string::npos);
}

TEST(LayerRun, OverBudgetIsRefusedBeforeAllocatingWithAWorkingSizeThatFits) {
  const Tensor image = testing::random_tensor({3, 600, 900}, 9, 0.0f, 1.0f);
  LayerChoice c;
  c.spec.m = 16;
  c.spec.n = 64;
  LayerRunOptions o;
  o.budget = 200 << 20;
  const int64_t before = tensor_bytes_in_use();
  try {
    run_layer(image, c, o);
    FAIL() << "a 200 MiB budget cannot hold this layer";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::OutOfBudget);
    const std::string m = e.what();
    EXPECT_NE(m.find("more than the budget of 200 MiB"), std::string::npos) << m;
    EXPECT_NE(m.find("--working-size "), std::string::npos) << m;
  }
  EXPECT_EQ(tensor_bytes_in_use(), before) << "nothing allocated for a refused layer";
  const double mp = largest_fitting_megapixels(c.spec, c.engine, 3, 600, 900, o.budget);
  ASSERT_GT(mp, 0.0);
  c.working_size.megapixels = mp;
  EXPECT_NO_THROW(run_layer(image, c, o));
}

// The estimate is what the run holds at its worst moment: never below the peak that
// tensor storage recorded, and above it by no more than the display copies (kept by the
// app, not by run_layer) plus 2 %.
TEST(LayerRun, TheMemoryEstimateBoundsTheMeasuredPeak) {
  struct Case {
    int m, n, k, groups;
    EngineKind engine;
  };
  for (const Case& k : {Case{3, 16, 1, 1, EngineKind::Fast}, Case{20, 24, 1, 1, EngineKind::Fast},
                        Case{4, 8, 2, 1, EngineKind::Fast}, Case{6, 12, 1, 3, EngineKind::Fast},
                        Case{3, 8, 1, 1, EngineKind::Reference}}) {
    const Tensor image = testing::random_tensor({3, 480, 720}, 10, 0.0f, 1.0f);
    LayerChoice c;
    c.spec.m = k.m;
    c.spec.n = k.n;
    c.spec.depth_multiplier = k.k;
    c.spec.groups = k.groups;
    c.engine = k.engine;
    const MemoryEstimate e = estimate_for(c, 3, 480, 720);
    reset_tensor_bytes_peak();
    const int64_t base = tensor_bytes_in_use() - image.size() * 4;  // the image is counted
    int64_t peak = 0;
    {
      const LayerRun r = run_layer(image, c);
      peak = tensor_bytes_peak() - base;
    }
    const int64_t without_display = e.peak() - e.display;
    EXPECT_GE(e.peak(), peak) << "M " << k.m << " N " << k.n << ": " << e.breakdown();
    EXPECT_LE(without_display, peak * 102 / 100)
        << "M " << k.m << " N " << k.n << ": estimate " << without_display << " peak " << peak;
  }
}

TEST(OutputFiles, TheSetHasPyTorchNamesAndShapes) {
  const fs::path dir = FreshDir("set");
  const Tensor image = testing::random_tensor({3, 20, 30}, 11, 0.0f, 1.0f);
  LayerChoice c;
  c.spec.n = 5;
  c.spec.depth_multiplier = 2;
  c.compose_standard = false;
  const LayerRun r = run_layer(image, c);
  const std::vector<std::string> written =
      write_output_files(dir.string(), r, report_json(r, "img.png"), false);
  EXPECT_EQ(written.size(), output_file_names(c, true, true).size());
  const auto shape = [&](const char* name) { return read_npy((dir / name).string()).shape(); };
  EXPECT_EQ(shape("input.npy"), (std::vector<int>{3, 20, 30}));
  EXPECT_EQ(shape("standard.npy"), (std::vector<int>{5, 20, 30}));
  EXPECT_EQ(shape("depthwise.npy"), (std::vector<int>{6, 20, 30}));
  EXPECT_EQ(shape("separable.npy"), (std::vector<int>{5, 20, 30}));
  EXPECT_EQ(shape("depthwise_conv.weight.npy"), (std::vector<int>{6, 1, 3, 3}));
  EXPECT_EQ(shape("pointwise_conv.weight.npy"), (std::vector<int>{5, 6, 1, 1}));
  EXPECT_EQ(shape("standard_conv.weight.npy"), (std::vector<int>{5, 3, 3, 3}));
  EXPECT_EQ(read_npy((dir / "separable.npy").string()).values(), r.separable.values());
  for (const char* png : {"input.png", "standard.png", "depthwise.png", "separable.png"})
    EXPECT_TRUE(fs::exists(dir / png)) << png;
  std::ifstream json(dir / "report.json");
  const std::string text((std::istreambuf_iterator<char>(json)), {});
  EXPECT_NE(text.find("\"mults_counted\""), std::string::npos);
  // Existing files are refused, and the refusal changes nothing.
  EXPECT_THROW(write_output_files(dir.string(), r, "{}", false), Error);
  EXPECT_EQ(read_npy((dir / "separable.npy").string()).values(), r.separable.values());
  EXPECT_NO_THROW(write_output_files(dir.string(), r, "{}", true));
}

TEST(OutputFiles, AFailedWriteLeavesNothingBehind) {
  const fs::path dir = FreshDir("fail");
  // A folder where a file of the set should go: its rename fails midway through the set.
  fs::create_directories(dir / "separable.npy" / "occupied");
  const Tensor image = testing::random_tensor({3, 12, 12}, 12, 0.0f, 1.0f);
  const LayerRun r = run_layer(image, LayerChoice{});
  EXPECT_THROW(write_output_files(dir.string(), r, "{}", true), Error);
  for (const char* name : {"input.npy", "standard.npy", "depthwise.npy", "input.png"})
    EXPECT_FALSE(fs::exists(dir / name)) << name << " was left behind";
  for (const auto& entry : fs::directory_iterator(dir))
    EXPECT_EQ(entry.path().filename(), "separable.npy") << "stray " << entry.path();
}

}  // namespace
}  // namespace sepconv
