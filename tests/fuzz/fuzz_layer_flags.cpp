// Fuzz target: a command line from the bytes (arguments split at NUL or newline) through
// the layer flags both programs register (app/flags, on the option table of
// core/layer_options.h) and the checks run_layer makes before it allocates anything
// (validate_choice, estimate_for). Sizes and counts must come out without overflow.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cost.h"
#include "flags/layer_flags.h"
#include "fuzz_support.h"
#include "layer_options.h"
#include "layer_run.h"
#include "memory_budget.h"

using namespace sepconv;

namespace {

constexpr size_t kMaxArgs = 64;

std::vector<std::string> split_args(const uint8_t* data, size_t size) {
  std::vector<std::string> args{"sepconv"};
  std::string arg;
  for (size_t i = 0; i < size && args.size() < kMaxArgs; ++i) {
    const char c = static_cast<char>(data[i]);
    if (c == '\0' || c == '\n') {
      args.push_back(arg);
      arg.clear();
    } else {
      arg += c;
    }
  }
  if (!arg.empty() && args.size() < kMaxArgs) args.push_back(arg);
  return args;
}

// A choice the checks accept on an image_h x image_w image has a memory estimate and
// closed-form costs, all within int64.
void check_accepted(const LayerChoice& choice, int image_h, int image_w) {
  const MemoryEstimate m = estimate_for(choice, 3, image_h, image_w);
  for (int64_t part : {m.image, m.working_image, m.feature_scratch, m.input, m.weights, m.standard,
                       m.intermediate, m.separable, m.engine_scratch, m.display})
    fuzz::check(part >= 0);
  fuzz::check(m.peak() >= m.image);
  const Size2 work = working_size_of(choice.working_size, image_h, image_w);
  fuzz::check(work.h >= 1 && work.w >= 1 && work.h <= image_h && work.w <= image_w);
  const LayerCosts costs = layer_costs(choice.spec, work.h, work.w);
  for (const OpCost* c : {&costs.standard, &costs.depthwise, &costs.pointwise, &costs.separable}) {
    fuzz::check(c->out.c > 0 && c->out.h > 0 && c->out.w > 0);
    fuzz::check(c->mults > 0 && c->adds >= 0 && c->params > 0 && c->bytes() > 0);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> args = split_args(data, size);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  LayerChoice choice;
  CLI::App app;
  flags::AddLayerFlags(app, choice);
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError&) {
    return 0;  // a refused flag: the CLI prints the message and exits 2
  }
  // The flags that reproduce the choice give the same choice back (the copied command
  // line, sessions and lessons are written this way).
  LayerChoice again;
  for (const LayerFlagValue& f : layer_flag_values(choice)) {
    const LayerOption* o = find_layer_option(f.name);
    fuzz::check(o != nullptr);
    fuzz::check(o->apply(again, o->value_name ? f.text : "").empty());
  }
  fuzz::check(same_choice(choice, again));
  // The 24 x 32 image, the smallest and the largest the loader accepts.
  const int sizes[][2] = {{24, 32}, {1, 1}, {8192, 8192}};
  for (const auto& s : sizes) {
    const std::string why = validate_choice(choice, s[0], s[1]);
    fuzz::check(why.find('\n') == std::string::npos);
    if (why.empty()) check_accepted(choice, s[0], s[1]);
  }
  return 0;
}
