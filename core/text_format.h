// Number formatting shared by the CLI and the app, so a count reads the same everywhere.
#pragma once

#include <cstdint>
#include <string>

namespace sepconv {

// 132710400 -> "132,710,400" (INT64_MIN included).
std::string format_thousands(int64_t value);

}  // namespace sepconv
