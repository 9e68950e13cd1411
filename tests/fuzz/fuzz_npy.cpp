// Fuzz target: .npy bytes through the reader every weight, bias and input file goes
// through (parse_npy, core/npy_io.h; read_npy is this on the file's bytes).
#include <cstring>
#include <string>

#include "fuzz_support.h"
#include "npy_io.h"

using namespace sepconv;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  Tensor t;
  try {
    t = parse_npy(bytes, "fuzz.npy");
  } catch (const Error& e) {
    fuzz::check_refusal(e, ErrorKind::NpyFormat);
    return 0;
  }
  // An accepted array is exactly its shape's values, every one finite, and it survives
  // the writer: what is written reads back the same.
  long double count = 1;  // (0, 2^31 - 1, 2^31 - 1, ...) is empty, its product not an int64
  for (int d : t.shape()) {
    fuzz::check(d >= 0);
    count *= d;
  }
  fuzz::check(count == static_cast<long double>(t.size()));
  fuzz::check(first_non_finite(t) == -1);
  const Tensor again = parse_npy(encode_npy(t), "again.npy");
  fuzz::check(again.shape() == t.shape());
  fuzz::check(t.size() == 0 ||
              std::memcmp(again.data(), t.data(), static_cast<size_t>(t.size()) * 4) == 0);
  return 0;
}
