// Fuzz target: image file bytes through the loader the CLI and the app use
// (load_image_from_memory, core/image_io.h) with a small pixel limit, plus the header
// reader that names a refused size (core/image_header.h).
#include <cmath>
#include <string_view>

#include "fuzz_support.h"
#include "image_header.h"
#include "image_io.h"

using namespace sepconv;

namespace {
// 64 x 64: the seeds fit, and every decode the limit lets through stays quick.
constexpr int64_t kMaxPixels = 64 * 64;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The header reader stands alone: it runs on bytes the decoder refuses. What it reads is
  // as stated, negative sizes included; the loader's check words them.
  (void)peek_image_size(std::string_view(reinterpret_cast<const char*>(data), size));
  LoadedImage image;
  try {
    image = load_image_from_memory(data, static_cast<int>(size), "fuzz.img", kMaxPixels);
  } catch (const Error& e) {
    fuzz::check_refusal(
        e, e.kind() == ErrorKind::ImageTooLarge ? ErrorKind::ImageTooLarge : ErrorKind::ImageLoad);
    return 0;
  }
  // What the rest of the program relies on: 1 or 3 channels within the limit, values in
  // [0, 1] except HDR's, which are finite.
  const Tensor& px = image.pixels;
  fuzz::check(px.rank() == 3 && (px.dim(0) == 1 || px.dim(0) == 3));
  fuzz::check(px.dim(1) > 0 && px.dim(2) > 0 && int64_t{px.dim(1)} * px.dim(2) <= kMaxPixels);
  fuzz::check(image.channels_in_file >= 1 && image.channels_in_file <= 4);
  fuzz::check(image.had_alpha == (image.channels_in_file % 2 == 0));
  const bool hdr = image.bits_per_channel == 32;
  for (int64_t i = 0; i < px.size(); ++i) {
    const float v = px.data()[i];
    fuzz::check(std::isfinite(v));
    if (!hdr) fuzz::check(v >= 0.0f && v <= 1.0f);
  }
  return 0;
}
