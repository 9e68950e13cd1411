// The width and height an image file's header states, read without a decoder, for the
// formats whose header says it plainly (PNG, JPEG, GIF, BMP, PSD, PNM, Radiance HDR). A
// decoder may refuse a header before saying its size ("too large"); this names the size,
// so the refusal can say what the limit is instead of calling the file damaged.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sepconv {

struct HeaderSize {
  int64_t width = 0, height = 0;  // as stated; may be far beyond any limit
};

// nullopt when the bytes are none of these formats or the header is cut short.
std::optional<HeaderSize> peek_image_size(std::string_view bytes);

}  // namespace sepconv
