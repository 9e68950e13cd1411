// The headless CLI end to end: the JSON report agrees with the cost model and the
// written tensors, bad input exits with code 2 and one line, and no partial files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cost.h"
#include "image_io.h"
#include "npy_io.h"
#include "run_command.h"

namespace fs = std::filesystem;

namespace {

using Result = sepconv::cli_test::CommandResult;

// Runs the CLI with arguments through the shell, capturing stdout and stderr.
Result run_cli(const std::string& args) {
  return sepconv::cli_test::RunCommand(std::string(SEPCONV_CLI_PATH) + " " + args);
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d =
      fs::temp_directory_path() / ("sepconv_cli_" + name + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

const std::string kSample = std::string(SEPCONV_ASSETS_DIR) + "/tiny.png";

}  // namespace

TEST(Cli, JsonReportMatchesTheCostModelAndTheOutputs) {
  const fs::path dir = fresh_dir("json");
  const Result r = run_cli("--image " + kSample +
                           " --dk 3 --m 5 --n 7 --stride 2 --padding same "
                           "--pad-mode reflect --seed 3 --engine reference --json --out-dir " +
                           dir.string() + " --save-input " + (dir / "in.npy").string());
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  sepconv::LayerSpec s;
  s.dk = 3;
  s.m = 5;
  s.n = 7;
  s.stride = 2;
  s.pad_mode = sepconv::PadMode::Reflect;
  const sepconv::LayerCosts c = sepconv::layer_costs(s, 24, 32);
  EXPECT_EQ(j["input"]["channels"], 5);
  EXPECT_EQ(j["input"]["height"], 24);
  EXPECT_EQ(j["output"]["channels"], 7);
  EXPECT_EQ(j["output"]["height"], 12);
  EXPECT_EQ(j["output"]["width"], 16);
  for (const char* path : {"standard", "depthwise", "pointwise", "separable"}) {
    EXPECT_EQ(j[path]["mults"], j[path]["mults_counted"]) << path;
    EXPECT_EQ(j[path]["adds"], j[path]["adds_counted"]) << path;
    EXPECT_GT(j[path]["ms"].get<double>(), 0.0) << path;
  }
  EXPECT_EQ(j["standard"]["mults"], c.standard.mults);
  EXPECT_EQ(j["separable"]["mults"], c.separable.mults);
  EXPECT_EQ(j["separable"]["params"], c.separable.params);
  EXPECT_DOUBLE_EQ(j["ratio"]["predicted"].get<double>(), c.ratio);
  EXPECT_GT(j["ratio"]["measured"].get<double>(), 0.0);
  EXPECT_LT(j["max_abs_difference_standard_vs_separable"].get<double>(), 1e-4);
  // The written tensors have the reported shapes; standard and separable agree.
  const sepconv::Tensor in = sepconv::read_npy((dir / "in.npy").string());
  EXPECT_EQ(in.shape(), (std::vector<int>{5, 24, 32}));
  const sepconv::Tensor st = sepconv::read_npy((dir / "standard.npy").string());
  const sepconv::Tensor sp = sepconv::read_npy((dir / "separable.npy").string());
  EXPECT_EQ(st.shape(), (std::vector<int>{7, 12, 16}));
  ASSERT_EQ(sp.shape(), st.shape());
  for (int64_t i = 0; i < st.size(); ++i) ASSERT_NEAR(st.data()[i], sp.data()[i], 1e-4);
  EXPECT_TRUE(fs::exists(dir / "depthwise.png"));
  EXPECT_NO_THROW(sepconv::load_image((dir / "separable.png").string()));
}

TEST(Cli, TextReportIsReadable) {
  const Result r = run_cli("--image " + kSample + " --m 3 --n 4 --engine reference");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("separable / standard mults"), std::string::npos);
  EXPECT_NE(r.out.find("mults (counted)"), std::string::npos);
}

TEST(Cli, BadInputExitsWithCodeTwoAndOneLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--image /no/such.png", "/no/such.png"},
      {"--image " + kSample + " --dk 0", "--dk = 0 is outside 1..63"},
      {"--image " + kSample + " --groups 2", "groups = 2 must divide the input channels M = 3"},
      {"--image " + kSample + " --dk 40 --padding valid", "larger than the padded input"},
      {"--image " + kSample + " --m 300", "--m = 300 is outside 1..256"},
      {"--image " + kSample + " --pad-mode wrap", "--pad-mode 'wrap'"},
      {"--image " + kSample + " --frobnicate", "--frobnicate"},
      {"--dk 3", "--image is required"},
  };
  for (const auto& [args, expected] : cases) {
    const Result r = run_cli(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_NE(r.err.find(expected), std::string::npos) << args << " -> " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

TEST(Cli, MalformedWeightsAndExistingFilesLeaveNoPartialOutput) {
  const fs::path dir = fresh_dir("partial");
  { std::ofstream(dir / "bad.npy") << "not numpy"; }
  Result r = run_cli("--image " + kSample + " --dw-weights " + (dir / "bad.npy").string() +
                     " --out-dir " + dir.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.npy: not a .npy file"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "standard.npy"));
  // An existing output is never overwritten without --overwrite.
  { std::ofstream(dir / "separable.png") << "mine"; }
  r = run_cli("--image " + kSample + " --out-dir " + dir.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("already exists"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "standard.npy"));
  std::ifstream f(dir / "separable.png");
  std::string content((std::istreambuf_iterator<char>(f)), {});
  EXPECT_EQ(content, "mine");
}

TEST(Cli, WeightsFromNpyAreUsed) {
  const fs::path dir = fresh_dir("weights");
  // Pointwise as [N, M] (the PyTorch weight squeezed), all ones: output = sum of depthwise
  // channels.
  sepconv::write_npy((dir / "pw.npy").string(), sepconv::Tensor({2, 3}, 1.0f));
  sepconv::Tensor dw({3, 1, 1, 1}, 1.0f);
  sepconv::write_npy((dir / "dw.npy").string(), dw);
  const Result r =
      run_cli("--image " + kSample + " --dk 1 --n 2 --path separable --dw-weights " +
              (dir / "dw.npy").string() + " --pw-weights " + (dir / "pw.npy").string() +
              " --out-dir " + dir.string() + " --save-input " + dir.string() + " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const sepconv::Tensor in = sepconv::read_npy((dir / "input.npy").string());
  const sepconv::Tensor out = sepconv::read_npy((dir / "separable.npy").string());
  EXPECT_NEAR(out.at(1, 5, 7), in.at(0, 5, 7) + in.at(1, 5, 7) + in.at(2, 5, 7), 1e-6);
  EXPECT_FALSE(fs::exists(dir / "standard.npy"));  // --path separable
}

// --path spatial: the same report fields as every other path, the closed form equal to
// the engine's count, spatial.npy equal to the full-kernel depthwise output.
TEST(Cli, SpatialPathReportsTheSameFieldsAndWritesSpatialNpy) {
  const fs::path dir = fresh_dir("spatial");
  const fs::path dw_dir = fresh_dir("spatial_dw");
  const std::string layer = " --dk 5 --m 4 --stride 2 --dilation 2 --padding 3 --kernel gaussian";
  const Result r =
      run_cli("--image " + kSample + layer + " --path spatial --json --out-dir " + dir.string());
  ASSERT_EQ(r.code, 0) << r.err;
  const Result all = run_cli("--image " + kSample + layer + " --json --out-dir " + dw_dir.string());
  ASSERT_EQ(all.code, 0) << all.err;
  const auto j = nlohmann::json::parse(r.out), ja = nlohmann::json::parse(all.out);
  ASSERT_TRUE(j["spatial"].is_object());
  std::vector<std::string> keys, sep_keys;
  for (const auto& item : j["spatial"].items()) keys.push_back(item.key());
  for (const auto& item : ja["separable"].items()) sep_keys.push_back(item.key());
  EXPECT_EQ(keys, sep_keys);
  EXPECT_EQ(j["spatial"]["mults"], j["spatial"]["mults_counted"]);
  EXPECT_EQ(j["spatial"]["adds"], j["spatial"]["adds_counted"]);
  // tiny.png is 32 x 24: Ho = (24 + 6 - 9) / 2 + 1 = 11, Wo = (32 + 6 - 9) / 2 + 1 = 15;
  // stride 2, dilation 2: gcd 2, one residue class, columns read = 15 + 4 min(1, 15) = 19.
  EXPECT_EQ(sepconv::spatial_columns_read(15, 5, 2, 2), 19);
  EXPECT_EQ(j["spatial"]["mults"], 4 * (5 * 11 * 19 + 5 * 11 * 15));
  EXPECT_EQ(j["spatial"]["params"], 4 * (5 + 5));
  EXPECT_TRUE(j["standard"].is_null());
  EXPECT_TRUE(j["separable"].is_null());
  EXPECT_EQ(j["params"]["separable"], "depthwise");
  EXPECT_LE(j["spatial_factors"]["relative_error"].get<double>(), 1e-6);
  EXPECT_EQ(j["spatial_factors"]["column"].size(), 5u);
  EXPECT_TRUE(ja["spatial"].is_null()) << "--path all keeps its meaning";
  const sepconv::Tensor sp = sepconv::read_npy((dir / "spatial.npy").string());
  const sepconv::Tensor dw = sepconv::read_npy((dw_dir / "depthwise.npy").string());
  ASSERT_EQ(sp.shape(), (std::vector<int>{4, 11, 15}));
  ASSERT_EQ(sp.shape(), dw.shape());
  for (int64_t i = 0; i < sp.size(); ++i) ASSERT_NEAR(sp.data()[i], dw.data()[i], 1e-5) << i;
  EXPECT_EQ(sepconv::read_npy((dir / "column_conv.weight.npy").string()).shape(),
            (std::vector<int>{4, 1, 5, 1}));
  EXPECT_EQ(sepconv::read_npy((dir / "row_conv.weight.npy").string()).shape(),
            (std::vector<int>{4, 1, 1, 5}));
  EXPECT_TRUE(fs::exists(dir / "spatial.png"));
  EXPECT_TRUE(fs::exists(dir / "input.npy"));
  for (const char* absent : {"standard.npy", "depthwise.npy", "separable.npy"})
    EXPECT_FALSE(fs::exists(dir / absent)) << absent;
  for (const char* absent : {"spatial.npy", "column_conv.weight.npy"})
    EXPECT_FALSE(fs::exists(dw_dir / absent)) << absent;
  // The text report has its row.
  const Result text = run_cli("--image " + kSample + " --path spatial");
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("\nspatial "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("spatial / depthwise mults"), std::string::npos) << text.out;
}

TEST(Cli, SpatialPathRefusesAKernelThatIsNotRankOne) {
  const fs::path dir = fresh_dir("spatial_refused");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"sharpen",
       "--kernel sharpen is not rank 1: the closest rank-1 kernel is 6.91% away "
       "(relative Frobenius error); spatially separable needs a rank-1 kernel such "
       "as sobel-x, box, gaussian or identity"},
      {"laplacian", "the closest rank-1 kernel is 10.1% away"},
      {"emboss", "the closest rank-1 kernel is 66.9% away"},
      {"random", "--kernel random (channel "},
  };
  for (const auto& [kernel, expected] : cases) {
    const Result r = run_cli("--image " + kSample + " --path spatial --kernel " + kernel +
                             " --out-dir " + dir.string());
    EXPECT_EQ(r.code, 2) << kernel;
    EXPECT_NE(r.err.find(expected), std::string::npos) << kernel << " -> " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_TRUE(r.out.empty()) << kernel;
    EXPECT_TRUE(fs::is_empty(dir)) << kernel << ": nothing written";
  }
  // The same kernels are fine on the other paths.
  EXPECT_EQ(run_cli("--image " + kSample + " --kernel sharpen --path all").code, 0);
}

// --path all is standard, depthwise, pointwise and separable; a layer that asks for the
// spatial kind (--separable spatial) gets the spatial path beside them.
TEST(Cli, PathAllKeepsItsPathsAndAddsSpatialOnlyWhenTheLayerAsks) {
  const Result plain = run_cli("--image " + kSample + " --json");
  ASSERT_EQ(plain.code, 0) << plain.err;
  const auto j = nlohmann::json::parse(plain.out);
  for (const char* path : {"standard", "depthwise", "pointwise", "separable"})
    EXPECT_TRUE(j[path].is_object()) << path;
  EXPECT_TRUE(j["spatial"].is_null());
  const Result asked = run_cli("--image " + kSample + " --separable spatial --json");
  ASSERT_EQ(asked.code, 0) << asked.err;
  const auto k = nlohmann::json::parse(asked.out);
  for (const char* path : {"standard", "depthwise", "pointwise", "separable", "spatial"})
    EXPECT_TRUE(k[path].is_object()) << path;
  EXPECT_EQ(k["params"]["separable"], "spatial");
  EXPECT_LT(k["max_abs_difference_spatial_vs_depthwise"].get<double>(), 1e-5);
  const Result bad = run_cli("--image " + kSample + " --path rows");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("standard, depthwise, pointwise, separable, spatial or all"),
            std::string::npos)
      << bad.err;
}
