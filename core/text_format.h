// Number formatting shared by the CLI and the app, so a count reads the same everywhere.
#pragma once

#include <cstdint>
#include <string>

namespace sepconv {

// 132710400 -> "132,710,400" (INT64_MIN included).
std::string format_thousands(int64_t value);

// A measured time given in milliseconds, with three significant digits in a unit that
// keeps them: "523 ms", "31.4 ms", "1.53 ms", "412 µs", "8.20 µs", "5.53 s". Negative
// or non-finite times print as "n/a".
std::string format_duration(double ms);

// Bytes from a file shown inside a one-line message: printable ASCII as it is, any other
// byte as \xNN, and at most `max_bytes` of the text (then "...").
std::string printable(const std::string& text, size_t max_bytes = 60);

}  // namespace sepconv
