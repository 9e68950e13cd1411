// The layer option table (core/layer_options.h) on a CLI11 command line, and the one way
// both programs end a bad command line: one line on stderr and exit code 2.
#pragma once

#include <CLI/CLI.hpp>

#include "layer_choice.h"

namespace sepconv::flags {

// Adds every option of the table to `app`; parsed values go into `choice`. A value the
// table refuses fails the parse with the table's one-line message.
void AddLayerFlags(CLI::App& app, LayerChoice& choice);

// The project's version (project(VERSION) in CMakeLists.txt), e.g. "0.1".
const char* Version();
// --version: prints "PROGRAM VERSION" and exits 0 (ParseCommandLine handles it).
void AddVersionFlag(CLI::App& app, const char* program);

// Parses argv. Returns -1 to go on; 0 after printing --help or --version; 2 after printing
// "PROGRAM: <reason> (see --help)" on stderr.
int ParseCommandLine(CLI::App& app, int argc, char** argv, const char* program);

// One line on stderr, "PROGRAM: message", and the exit code of a bad command line (2).
int FailCommandLine(const char* program, const std::string& message);

}  // namespace sepconv::flags
