// Export of the cost panel: CSV round trips against the core model, PyTorch snippets for
// several layers, and saving that never replaces an existing file unasked.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cost.h"
#include "cost_panel/cost_export.h"
#include "error.h"

namespace sepconv::app {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CostExport, CountsCsvRoundTrip) {
  sepconv::LayerSpec spec;
  spec.dk = 5;
  spec.m = 8;
  spec.n = 24;
  spec.stride = 2;
  spec.groups = 2;
  spec.depth_multiplier = 3;
  spec.bias = true;
  const sepconv::LayerCosts c = sepconv::layer_costs(spec, 61, 47);
  const auto rows = ParseCsv(CountsCsv(spec, 61, 47));
  ASSERT_EQ(rows.size(), 5u);
  const std::vector<std::string> header = rows[0];
  ASSERT_EQ(header.size(), 19u);
  auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << name;
    return static_cast<size_t>(it - header.begin());
  };
  const std::pair<const char*, const sepconv::OpCost*> paths[] = {{"standard", &c.standard},
                                                                  {"depthwise", &c.depthwise},
                                                                  {"pointwise", &c.pointwise},
                                                                  {"separable", &c.separable}};
  for (size_t i = 0; i < 4; ++i) {
    const std::vector<std::string>& row = rows[i + 1];
    ASSERT_EQ(row.size(), header.size());
    EXPECT_EQ(row[column("path")], paths[i].first);
    const sepconv::OpCost& cost = *paths[i].second;
    EXPECT_EQ(std::stoll(row[column("mults")]), cost.mults);
    EXPECT_EQ(std::stoll(row[column("flops")]), 2 * cost.mults);
    EXPECT_EQ(std::stoll(row[column("adds")]), cost.adds);
    EXPECT_EQ(std::stoll(row[column("params")]), cost.params);
    EXPECT_EQ(std::stoll(row[column("bytes_read")]), cost.bytes_read);
    EXPECT_EQ(std::stoll(row[column("bytes_written")]), cost.bytes_written);
    EXPECT_EQ(std::stoi(row[column("out_c")]), cost.out.c);
    EXPECT_EQ(std::stoi(row[column("out_h")]), cost.out.h);
    EXPECT_EQ(std::stoi(row[column("out_w")]), cost.out.w);
    EXPECT_EQ(std::stoi(row[column("dk")]), 5);
    EXPECT_EQ(std::stoi(row[column("depth_multiplier")]), 3);
    EXPECT_EQ(std::stoi(row[column("in_h")]), 61);
  }
}

TEST(CostExport, CurvesCsvRoundTripKeepsEveryDigitAndGaps) {
  sepconv::LayerSpec spec;
  spec.m = 6;
  spec.n = 12;
  spec.groups = 3;
  spec.pad_policy = sepconv::PadPolicy::Valid;  // kernels wider than 61 leave gaps
  const CurveData d = ComputeCurves(spec, 61, 90, CurveAxis::Dk, 1, 300, 64, true);
  const auto rows = ParseCsv(CurvesCsv(d));
  ASSERT_EQ(rows.size(), d.x.size() + 1);
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"Dk", "standard_mults", "depthwise_mults", "pointwise_mults",
                                      "separable_mults", "ratio_exact", "ratio_identity"}));
  int gaps = 0;
  for (size_t i = 0; i < d.x.size(); ++i) {
    const std::vector<std::string>& row = rows[i + 1];
    ASSERT_EQ(row.size(), 7u);
    const std::vector<double>* columns[] = {
        &d.x,         &d.standard,    &d.depthwise,     &d.pointwise,
        &d.separable, &d.ratio_exact, &d.ratio_identity};
    for (size_t j = 0; j < 7; ++j) {
      const double expected = (*columns[j])[i];
      if (std::isnan(expected)) {
        EXPECT_EQ(row[j], "");
        ++gaps;
      } else {
        EXPECT_EQ(std::strtod(row[j].c_str(), nullptr), expected) << row[j];
      }
    }
  }
  EXPECT_GT(gaps, 0);
}

TEST(CostExport, ParseCsvHandlesQuotesAndLineEndings) {
  const auto rows = ParseCsv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\nlast");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"two\nlines", "", "x"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"last"}));
  EXPECT_TRUE(ParseCsv("").empty());
}

TEST(CostExport, PyTorchSnippetDefaultLayer) {
  sepconv::LayerSpec spec;  // Dk 3, M 3, N 16, stride 1, same padding
  EXPECT_EQ(PyTorchSnippet(spec, 224, 224),
            "# SepConv Lab layer: Dk=3, M=3, N=16, stride 1, dilation 1, padding same (zero) "
            "on a 224 x 224 input\n"
            "import torch\n"
            "import torch.nn as nn\n"
            "\n"
            "# Standard: 21,676,032 multiplications, 432 parameters\n"
            "standard = nn.Conv2d(3, 16, 3, stride=1, padding=1, dilation=1, groups=1, "
            "bias=False, padding_mode='zeros')\n"
            "\n"
            "# Depthwise separable: 1,354,752 + 2,408,448 = 3,763,200 multiplications, 75 "
            "parameters\n"
            "separable = nn.Sequential(\n"
            "    nn.Conv2d(3, 3, 3, stride=1, padding=1, dilation=1, groups=3, bias=False, "
            "padding_mode='zeros'),  # depthwise\n"
            "    nn.Conv2d(3, 16, 1, bias=False),  # pointwise\n"
            ")\n"
            "\n"
            "x = torch.randn(1, 3, 224, 224)\n"
            "assert standard(x).shape == separable(x).shape == (1, 16, 224, 224)\n"
            "assert sum(p.numel() for p in standard.parameters()) == 432\n"
            "assert sum(p.numel() for p in separable.parameters()) == 75\n");
}

TEST(CostExport, PyTorchSnippetOptions) {
  sepconv::LayerSpec spec;
  spec.dk = 5;
  spec.m = 8;
  spec.n = 32;
  spec.stride = 2;
  spec.dilation = 2;
  spec.pad_policy = sepconv::PadPolicy::Explicit;
  spec.pad_amount = 4;
  spec.pad_mode = sepconv::PadMode::Reflect;
  spec.groups = 4;
  spec.depth_multiplier = 2;
  spec.bias = true;
  spec.flip_kernel = true;
  const std::string s = PyTorchSnippet(spec, 64, 48);
  EXPECT_NE(s.find("standard = nn.Conv2d(8, 32, 5, stride=2, padding=4, dilation=2, groups=4, "
                   "bias=True, padding_mode='reflect')\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("    nn.Conv2d(8, 16, 5, stride=2, padding=4, dilation=2, groups=8, "
                   "bias=True, padding_mode='reflect'),  # depthwise\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("    nn.Conv2d(16, 32, 1, bias=True),  # pointwise\n"), std::string::npos);
  EXPECT_NE(s.find("M*K = 16 channels"), std::string::npos);
  EXPECT_NE(s.find("torch.flip(w, dims=[2, 3])"), std::string::npos);
  const sepconv::LayerCosts c = sepconv::layer_costs(spec, 64, 48);
  EXPECT_NE(s.find("== (1, 32, " + std::to_string(c.standard.out.h) + ", " +
                   std::to_string(c.standard.out.w) + ")"),
            std::string::npos);
  EXPECT_NE(s.find("standard.parameters()) == " + std::to_string(c.standard.params)),
            std::string::npos);
}

TEST(CostExport, PyTorchSnippetUnevenPaddingUsesAPadModule) {
  sepconv::LayerSpec spec;
  spec.dk = 4;  // 'same' with an even kernel pads 1 before and 2 after
  spec.m = 2;
  spec.n = 4;
  spec.pad_mode = sepconv::PadMode::Replicate;
  const std::string s = PyTorchSnippet(spec, 10, 10);
  EXPECT_NE(s.find("standard = nn.Sequential(\n    nn.ReplicationPad2d((1, 2, 1, 2)),\n"
                   "    nn.Conv2d(2, 4, 4, stride=1, padding=0, dilation=1, groups=1, "
                   "bias=False),\n)\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("separable = nn.Sequential(\n    nn.ReplicationPad2d((1, 2, 1, 2)),\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("== (1, 4, 10, 10)"), std::string::npos);
}

TEST(CostExport, PyTorchSnippetValidAndRectangularPadding) {
  sepconv::LayerSpec spec;
  spec.pad_policy = sepconv::PadPolicy::Valid;
  EXPECT_NE(PyTorchSnippet(spec, 20, 30).find("padding=0, dilation=1, groups=1"),
            std::string::npos);
  spec.pad_policy = sepconv::PadPolicy::Same;
  spec.stride = 2;
  spec.dk = 3;
  // 'same' at stride 2: 9 rows need 1+1, 10 columns need 0+1 -> uneven, pad module.
  EXPECT_NE(PyTorchSnippet(spec, 9, 10).find("nn.ZeroPad2d((0, 1, 1, 1))"), std::string::npos)
      << PyTorchSnippet(spec, 9, 10);
  spec.n = 0;
  EXPECT_THROW(PyTorchSnippet(spec, 9, 10), sepconv::Error);
}

class SaveTextFileTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cost_panel_save_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(SaveTextFileTest, NeverOverwritesUnasked) {
  const std::string path = (dir_ / "counts.csv").string();
  std::string message;
  EXPECT_EQ(SaveTextFile(path, "first", false, &message), SaveOutcome::Saved);
  EXPECT_NE(message.find("Saved"), std::string::npos);
  EXPECT_EQ(ReadFile(path), "first");
  EXPECT_EQ(SaveTextFile(path, "second", false, &message), SaveOutcome::AlreadyExists);
  EXPECT_NE(message.find("already exists"), std::string::npos);
  EXPECT_EQ(ReadFile(path), "first");
  EXPECT_EQ(SaveTextFile(path, "second", true, &message), SaveOutcome::Saved);
  EXPECT_EQ(ReadFile(path), "second");
}

TEST_F(SaveTextFileTest, ReportsFailures) {
  std::string message;
  EXPECT_EQ(SaveTextFile((dir_ / "missing" / "x.csv").string(), "x", false, &message),
            SaveOutcome::Failed);
  EXPECT_FALSE(message.empty());
  EXPECT_EQ(SaveTextFile("", "x", false, &message), SaveOutcome::Failed);
}

}  // namespace
}  // namespace sepconv::app
