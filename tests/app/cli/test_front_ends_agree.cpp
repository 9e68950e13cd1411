// One truth: the same flags give the same numbers in the CLI and the app. The app's job
// (ComputeLayer) parses the flags with the same table and must produce the same weights
// and outputs bit for bit (same engine, same threads, same summation order); both
// programs list every flag of the table and refuse a bad one with exit code 2.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "flags/layer_flags.h"
#include "image_io.h"
#include "layer_options.h"
#include "npy_io.h"
#include "run_command.h"
#include "state/app_state.h"
#include "state/compute.h"
#include "state/weight_edits.h"

namespace fs = std::filesystem;

namespace {

using Outcome = sepconv::cli_test::CommandResult;
using sepconv::cli_test::RunCommand;

// The flags as the app's parser reads them (the same table, on CLI11).
sepconv::LayerChoice ParseLikeTheApp(const std::vector<std::string>& flags) {
  sepconv::LayerChoice choice;
  CLI::App app;
  sepconv::flags::AddLayerFlags(app, choice);
  std::vector<std::string> args(flags.rbegin(), flags.rend());  // CLI11 takes them reversed
  app.parse(args);
  return choice;
}

TEST(FrontEnds, TheSameFlagsGiveTheSameWeightsAndOutputs) {
  const std::string image = std::string(SEPCONV_ASSETS_DIR) + "/shapes.png";
  const std::vector<std::vector<std::string>> layers = {
      {},
      {"--dk", "5", "--m", "6", "--n", "8", "--stride", "2", "--pad-mode", "reflect", "--seed",
       "3"},
      {"--m", "4", "--n", "8", "--groups", "2", "--multiplier", "2", "--kernel", "random"},
      {"--dk", "3", "--std-kernel", "box", "--mix", "swap", "--working-size", "0.02MP"},
      {"--separable", "spatial", "--kernel", "gaussian", "--dk", "5", "--stride", "2"},
      {"--bias-dw", "random", "--bias-pw", "-0.25", "--n", "5"},
      {"--std-kernel", "box", "--bias-std", "0.5", "--bias-dw", "zero"},
  };
  for (const auto& flags : layers) {
    std::string joined;
    for (const std::string& f : flags) joined += " " + f;
    const fs::path dir = fs::temp_directory_path() / ("sepconv_agree_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const Outcome cli = RunCommand(std::string(SEPCONV_CLI_PATH) + " --image " + image + joined +
                                   " --out-dir " + dir.string());
    ASSERT_EQ(cli.code, 0) << joined << ": " << cli.err;

    sepconv::app::JobRequest request;
    request.image = std::make_shared<const sepconv::Tensor>(sepconv::load_image(image).pixels);
    request.choice = ParseLikeTheApp(flags);
    const sepconv::app::JobResult app = sepconv::app::ComputeLayer(request, {});
    const auto same = [&](const char* file, const sepconv::Tensor& t) {
      const sepconv::Tensor saved = sepconv::read_npy((dir / file).string());
      EXPECT_EQ(saved.shape(), t.shape()) << file << joined;
      EXPECT_TRUE(saved.values() == t.values()) << file << joined << ": not identical bits";
    };
    same("input.npy", *app.input);
    same("depthwise_conv.weight.npy", app.dw_weights);
    same("pointwise_conv.weight.npy", app.pw_weights);
    same("standard_conv.weight.npy", app.std_weights);
    same("standard.npy", app.standard);
    same("depthwise.npy", app.intermediate);
    same("separable.npy", app.separable);
    // --separable spatial: both front ends compute the spatially separable path too.
    EXPECT_EQ(fs::exists(dir / "spatial.npy"), app.ran_spatial) << joined;
    if (app.ran_spatial) {
      same("spatial.npy", app.spatial);
      same("column_conv.weight.npy", app.spatial_columns);
      same("row_conv.weight.npy", app.spatial_rows);
    }
    fs::remove_all(dir);
  }
}

// Kernels tab > Export from the app, then the CLI reading those files: the same outputs.
TEST(FrontEnds, WeightsExportedFromTheAppGiveTheSameOutputsInTheCli) {
  const std::string image = std::string(SEPCONV_ASSETS_DIR) + "/shapes.png";
  const fs::path dir = fs::temp_directory_path() / ("sepconv_wexp_" + std::to_string(getpid()));
  fs::remove_all(dir);
  sepconv::app::JobRequest request;
  request.image = std::make_shared<const sepconv::Tensor>(sepconv::load_image(image).pixels);
  request.choice = ParseLikeTheApp({"--kernel", "random", "--mix", "random", "--n", "6",
                                    "--bias-dw", "random", "--bias-pw", "0.3", "--seed", "11"});
  sepconv::app::AppState state;
  state.doc.result =
      std::make_shared<const sepconv::app::JobResult>(sepconv::app::ComputeLayer(request, {}));
  std::vector<std::string> written;
  ASSERT_EQ(sepconv::app::ExportWeights(state.doc, (dir / "w").string(), false, &written).why(),
            "");
  EXPECT_EQ(written.size(), 6u) << "three weights, two biases and the derived standard bias";
  const fs::path w = dir / "w";
  fs::create_directories(dir / "out");
  const Outcome run =
      RunCommand(std::string(SEPCONV_CLI_PATH) + " --image " + image + " --n 6 --dw-weights " +
                 (w / "depthwise_conv.weight.npy").string() + " --pw-weights " +
                 (w / "pointwise_conv.weight.npy").string() + " --bias-dw " +
                 (w / "depthwise_conv.bias.npy").string() + " --bias-pw " +
                 (w / "pointwise_conv.bias.npy").string() + " --out-dir " + (dir / "out").string());
  ASSERT_EQ(run.code, 0) << run.err;
  const sepconv::Tensor separable = sepconv::read_npy((dir / "out" / "separable.npy").string());
  const sepconv::Tensor standard = sepconv::read_npy((dir / "out" / "standard.npy").string());
  EXPECT_TRUE(separable.values() == state.doc.result->separable.values());
  EXPECT_TRUE(standard.values() == state.doc.result->standard.values());
  fs::remove_all(dir);
}

std::vector<std::string> Programs() {
  std::vector<std::string> p = {SEPCONV_CLI_PATH};
#ifdef SEPCONV_LAB_EXE
  p.push_back(SEPCONV_LAB_EXE);
#endif
  return p;
}

TEST(FrontEnds, BothProgramsListEveryLayerFlagWithItsDefault) {
  for (const std::string& program : Programs()) {
    const Outcome help = RunCommand(program + " --help");
    ASSERT_EQ(help.code, 0) << program;
    for (const sepconv::LayerOption& o : sepconv::layer_options()) {
      const std::string expected =
          o.value_name ? std::string(o.name) + " " + o.value_name : std::string(o.name);
      EXPECT_NE(help.out.find(expected), std::string::npos) << program << " lacks " << expected;
      if (o.value_name && !default_text(o).empty()) {
        EXPECT_NE(help.out.find(expected + "=" + default_text(o)), std::string::npos)
            << program << ": " << expected << " default";
      }
    }
    EXPECT_EQ(help.out.find("--standard "), std::string::npos) << "the app's --standard goes";
  }
}

TEST(FrontEnds, BothProgramsRefuseABadFlagWithExitTwoAndOneLine) {
  for (const std::string& program : Programs()) {
    const Outcome r = RunCommand(program + " --image x.png --dk 0");
    EXPECT_EQ(r.code, 2) << program;
    EXPECT_NE(r.err.find("--dk = 0 is outside 1..63"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    const Outcome unknown = RunCommand(program + " --frobnicate");
    EXPECT_EQ(unknown.code, 2) << program;
  }
}

// One version, project(VERSION), printed the same way by both (no window is opened).
TEST(FrontEnds, BothProgramsPrintTheOneVersion) {
  for (const std::string& program : Programs()) {
    const Outcome r = RunCommand(program + " --version");
    EXPECT_EQ(r.code, 0) << program;
    const std::string name = std::filesystem::path(program).filename().string();
    EXPECT_EQ(r.out, name + " " + SEPCONV_PROJECT_VERSION + "\n") << program;
  }
}

#ifdef SEPCONV_LAB_EXE
// The app's own flags refuse the same way (no window is opened for a bad one).
TEST(FrontEnds, TheAppRefusesAnUnknownThemeWithExitTwoAndOneLine) {
  const Outcome r = RunCommand(std::string(SEPCONV_LAB_EXE) + " --theme bogus");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--theme"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bogus"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  const Outcome help = RunCommand(std::string(SEPCONV_LAB_EXE) + " --help");
  EXPECT_NE(help.out.find("--theme"), std::string::npos) << "--help lists --theme";
}
#endif

}  // namespace
