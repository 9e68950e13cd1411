// Where a path's bias comes from (--bias-std, --bias-dw, --bias-pw): none, all zero, one
// constant for every channel, seeded random in PyTorch's default range, or a float32 .npy
// file of one value per output channel. The option's text is kept as given (so saved
// files and the reproducing command show it) and read here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sepconv {

enum class BiasKind { None, Zero, Constant, Random, File };

struct BiasSource {
  BiasKind kind = BiasKind::None;
  float value = 0;   // Constant
  std::string file;  // File
};

// "" or "none", "zero", "random", a finite number ("0.5", "-1e-3"), else a file name.
// Returns "" or why the text is refused (a non-finite or out-of-range constant), naming
// `flag`.
std::string parse_bias_source(const std::string& flag, const std::string& text, BiasSource* out);
BiasSource bias_source_of(const std::string& text);  // the text already validated
bool bias_given(const std::string& text);            // anything but none

// The bias values of `count` channels. `fan_in` (inputs per output: channels per group x
// kernel area) sets the random range +-1/sqrt(fan_in); a file must hold [count] finite
// float32 values (its name and the shape are in the error otherwise).
std::vector<float> make_bias(const std::string& text, int count, int fan_in, uint64_t seed);

}  // namespace sepconv
