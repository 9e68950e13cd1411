// The one table of layer options: name, value name, help, default and parser of every
// flag that changes a layer's numbers. The CLI (sepconv) and the app (sepconv-lab) both
// register exactly these, so a flag means the same thing with the same default in both.
#pragma once

#include <string>
#include <vector>

#include "layer_choice.h"

namespace sepconv {

struct LayerOption {
  const char* name;        // "--dk"
  const char* value_name;  // "DK"; nullptr for a flag that takes no value
  const char* help;        // one line, with the limits
  // Parses `text` into `choice`; returns "" or one line naming the flag, the value given
  // and what is allowed. Flags without a value are called with "".
  std::string (*apply)(LayerChoice& choice, const std::string& text);
  // The choice's value as the user would type it ("true"/"false" for a flag); applying
  // it gives the choice back. Hand-edited weights have no text: they are written to
  // files first (sessions, the copied command line).
  std::string (*value_text)(const LayerChoice& choice);
};

// The value of a default-constructed LayerChoice: what the help shows.
std::string default_text(const LayerOption& option);

// The options whose value differs from the default, in table order: the flags that
// reproduce `choice` (its hand edits aside) on either command line or in a lesson file.
struct LayerFlagValue {
  std::string name;  // "--dk"
  std::string text;  // "5"; "true" for a flag
};
std::vector<LayerFlagValue> layer_flag_values(const LayerChoice& choice);

const std::vector<LayerOption>& layer_options();

// The option named `name` ("--dk"), or nullptr.
const LayerOption* find_layer_option(const std::string& name);

// Limits the table enforces (docs/app.md lists them with the option table).
struct LayerLimits {
  static constexpr int kMaxDk = 63;
  static constexpr int kMaxN = 4096;
  static constexpr int kMaxStride = 1024;
  static constexpr int kMaxDilation = 1024;
  static constexpr int kMaxPadding = 4096;
  static constexpr int kMaxMultiplier = 64;
  static constexpr int kMaxThreads = 256;
  static constexpr double kMinWorkingMegapixels = 0.01;
  static constexpr double kMaxWorkingMegapixels = 1000;
};

// "12MP", "0.5MP" or "full": the --working-size text of a value.
std::string working_size_text(const WorkingSize& size);
// Parses "full", "12", "12MP" or "12mp"; returns "" or the reason.
std::string parse_working_size(const std::string& text, WorkingSize* out);

}  // namespace sepconv
