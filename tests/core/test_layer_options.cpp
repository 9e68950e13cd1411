// The layer option table: every default parses back to itself, every bad value is one
// line naming the flag, the value and the limit, and no value overflows an int.
#include <gtest/gtest.h>

#include <algorithm>

#include "cost.h"
#include "layer_options.h"
#include "layer_run.h"
#include "memory_budget.h"

namespace sepconv {
namespace {

TEST(LayerOptions, EveryDefaultParsesBackToTheDefault) {
  for (const LayerOption& o : layer_options()) {
    if (!o.value_name || default_text(o).empty()) continue;  // flags and files
    LayerChoice c;
    EXPECT_EQ(o.apply(c, default_text(o)), "") << o.name;
    EXPECT_TRUE(same_choice(c, LayerChoice{})) << o.name << " = " << default_text(o);
  }
}

TEST(LayerOptions, NamesAreUniqueAndHelpful) {
  std::vector<std::string> names;
  for (const LayerOption& o : layer_options()) {
    names.push_back(o.name);
    EXPECT_GT(std::string(o.help).size(), 8u) << o.name;
    EXPECT_EQ(find_layer_option(o.name), &o);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
  for (const char* cli_name : {"--dk",
                               "--m",
                               "--n",
                               "--stride",
                               "--padding",
                               "--pad-mode",
                               "--dilation",
                               "--groups",
                               "--multiplier",
                               "--convolution",
                               "--kernel",
                               "--mix",
                               "--std-kernel",
                               "--seed",
                               "--std-weights",
                               "--dw-weights",
                               "--pw-weights",
                               "--bias-std",
                               "--bias-dw",
                               "--bias-pw",
                               "--engine",
                               "--threads",
                               "--working-size",
                               "--separable"}) {
    EXPECT_NE(find_layer_option(cli_name), nullptr) << cli_name;
  }
}

TEST(LayerOptions, BadValuesNameTheFlagTheValueAndTheLimit) {
  const std::vector<std::pair<std::pair<const char*, const char*>, const char*>> cases = {
      {{"--dk", "0"}, "--dk = 0 is outside 1..63"},
      {{"--m", "300"}, "--m = 300 is outside 1..256"},
      {{"--padding", "2147483647"}, "--padding '2147483647' must be same, valid or a number"},
      {{"--stride", "99999999999999999999"}, "--stride = 99999999999999999999 is outside"},
      {{"--multiplier", "2147483647"}, "--multiplier = 2147483647 is outside 1..64"},
      {{"--n", "12x"}, "--n '12x' is not a whole number"},
      {{"--pad-mode", "wrap"}, "--pad-mode 'wrap' must be zero, reflect or replicate"},
      {{"--std-kernel", "blur"}, "--std-kernel 'blur' must be composed or a kernel preset"},
      {{"--working-size", "0MP"}, "--working-size '0MP' must be full or a size in megapixels"},
      {{"--threads", "-1"}, "--threads = -1 is outside 0..256"},
      {{"--separable", "row"}, "--separable 'row' must be depthwise or spatial"},
  };
  for (const auto& [input, expected] : cases) {
    LayerChoice c;
    const std::string why = find_layer_option(input.first)->apply(c, input.second);
    EXPECT_NE(why.find(expected), std::string::npos)
        << input.first << " " << input.second << " -> " << why;
    EXPECT_EQ(why.find('\n'), std::string::npos);
    EXPECT_TRUE(same_choice(c, LayerChoice{})) << "a refused value changes nothing";
  }
}

TEST(LayerOptions, ValuesLandInTheChoice) {
  LayerChoice c;
  EXPECT_EQ(find_layer_option("--padding")->apply(c, "2"), "");
  EXPECT_EQ(c.spec.pad_policy, PadPolicy::Explicit);
  EXPECT_EQ(c.spec.pad_amount, 2);
  EXPECT_EQ(find_layer_option("--std-kernel")->apply(c, "box"), "");
  EXPECT_FALSE(c.compose_standard);
  EXPECT_EQ(c.std_preset, KernelPreset::Box);
  EXPECT_EQ(find_layer_option("--working-size")->apply(c, "6MP"), "");
  EXPECT_DOUBLE_EQ(c.working_size.megapixels, 6.0);
  EXPECT_EQ(working_size_text(c.working_size), "6MP");
  EXPECT_EQ(find_layer_option("--working-size")->apply(c, "full"), "");
  EXPECT_TRUE(c.working_size.full());
  EXPECT_EQ(find_layer_option("--convolution")->apply(c, ""), "");
  EXPECT_TRUE(c.spec.flip_kernel);
}

// The table prints what it parses: the flags of any choice rebuild that choice, and a
// default choice needs none.
TEST(LayerOptions, FlagValuesRebuildTheChoice) {
  EXPECT_TRUE(layer_flag_values(LayerChoice{}).empty());
  const std::vector<std::vector<std::pair<const char*, const char*>>> choices = {
      {{"--dk", "5"}, {"--n", "12"}, {"--padding", "valid"}, {"--kernel", "box"}},
      {{"--padding", "2"}, {"--pad-mode", "reflect"}, {"--convolution", ""}, {"--seed", "99"}},
      {{"--m", "8"}, {"--groups", "4"}, {"--multiplier", "2"}, {"--std-kernel", "laplacian"}},
      {{"--dw-weights", "a.npy"}, {"--bias-pw", "b.npy"}, {"--working-size", "6MP"}},
      {{"--engine", "reference"}, {"--threads", "3"}, {"--mix", "swap"}, {"--stride", "3"}},
      {{"--separable", "spatial"}, {"--kernel", "gaussian"}},
  };
  for (const auto& flags : choices) {
    LayerChoice want;
    for (const auto& [name, text] : flags)
      ASSERT_EQ(find_layer_option(name)->apply(want, text), "");
    const std::vector<LayerFlagValue> values = layer_flag_values(want);
    EXPECT_EQ(values.size(), flags.size()) << flags.front().first << " " << values.size();
    LayerChoice rebuilt;
    for (const LayerFlagValue& v : values)
      EXPECT_EQ(find_layer_option(v.name)->apply(rebuilt, v.text), "") << v.name << " " << v.text;
    EXPECT_TRUE(same_choice(rebuilt, want)) << values.front().name;
  }
  LayerChoice off;
  EXPECT_EQ(find_layer_option("--convolution")->apply(off, "false"), "");
  EXPECT_FALSE(off.spec.flip_kernel);
  EXPECT_NE(find_layer_option("--convolution")->apply(off, "yes").find("takes no value"),
            std::string::npos);
}

TEST(LayerChoice, OneRuleForAComposedKernelThatCannotBeComposed) {
  LayerChoice c;
  EXPECT_TRUE(standard_is_composed(c));
  EXPECT_EQ(standard_kernel_text(c), "composed from the separable weights");
  c.spec.groups = 3;
  EXPECT_FALSE(standard_is_composed(c));
  EXPECT_EQ(standard_kernel_text(c),
            "independent (random): a composed kernel needs groups = 1 and K = 1");
  c.spec.groups = 1;
  c.compose_standard = false;
  c.std_preset = KernelPreset::Box;
  EXPECT_EQ(standard_kernel_text(c), "independent (box)");
}

}  // namespace
}  // namespace sepconv

namespace sepconv {
namespace {

// docs/limits.md: with every parameter at its limit, on the largest image a side of the
// pixel limit allows, the counts are exact in 64 bits (checked against long double) and the
// layer validates and has a memory estimate, so nothing overflows before a refusal.
TEST(LayerLimits, CountsAtEveryLimitAreExact) {
  LayerChoice c;
  for (const auto& [flag, value] :
       std::vector<std::pair<const char*, const char*>>{{"--dk", "63"},
                                                        {"--m", "256"},
                                                        {"--n", "4096"},
                                                        {"--padding", "4096"},
                                                        {"--multiplier", "64"}}) {
    ASSERT_EQ(find_layer_option(flag)->apply(c, value), "") << flag;
  }
  const int side = 8192;  // 8192 x 8192 = the 64 Mi pixel limit
  ASSERT_EQ(validate_choice(c, side, side), "");
  const LayerCosts costs = layer_costs(c.spec, side, side);
  const long double ho = side + 2 * 4096 - 62, wo = ho;
  const long double std_mults = 4096.0L * 256 * 63 * 63 * ho * wo;
  EXPECT_EQ(costs.standard.out.h, int(ho));
  EXPECT_EQ((long double)costs.standard.mults, std_mults);
  EXPECT_EQ((long double)costs.depthwise.mults, 256.0L * 64 * 63 * 63 * ho * wo);
  EXPECT_EQ((long double)costs.pointwise.mults, 4096.0L * 256 * 64 * ho * wo);
  EXPECT_LT(std_mults, 9.2e18L);
  const MemoryEstimate m = estimate_for(c, 3, side, side);
  EXPECT_GT(m.peak(), int64_t(4096) * int64_t(ho) * int64_t(wo) * 4) << "at least one output";
}

}  // namespace
}  // namespace sepconv
