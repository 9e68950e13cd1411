// What every fuzz target shares: the entry point libFuzzer (or replay_main.cpp) calls, an
// invariant check that stops the run, and a reader of small numbers from the input bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace sepconv::fuzz {

// A broken invariant is a crash libFuzzer records (and replay reports), not a message.
inline void check(bool ok) {
  if (!ok) __builtin_trap();
}

// Every refusal is one line that names what is wrong (docs/limits.md).
inline void check_refusal(const Error& e, ErrorKind expected) {
  const std::string what = e.what();
  check(e.kind() == expected);
  check(!what.empty() && what.find('\n') == std::string::npos);
}

// Small numbers from the input, one byte each; zeros once the bytes run out, so every
// input, however short, describes a case.
class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  // A value in [lo, hi].
  int next(int lo, int hi) {
    const int byte = at_ < size_ ? data_[at_++] : 0;
    return lo + byte % (hi - lo + 1);
  }
  bool next_bool() { return next(0, 1) == 1; }
  size_t remaining() const { return size_ - at_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

}  // namespace sepconv::fuzz
