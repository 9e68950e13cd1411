// Reading an input value at a position that may lie in the padding border.
#pragma once

#include "conv_params.h"
#include "tensor.h"

namespace sepconv::reference {

// Maps an index outside [0, size) back inside. Reflect mirrors about the edge pixel
// without repeating it (-1 -> 1), replicate repeats the edge pixel (-1 -> 0).
inline int remap_index(int i, int size, PadMode mode) {
  if (mode == PadMode::Replicate) return i < 0 ? 0 : (i >= size ? size - 1 : i);
  if (size == 1) return 0;
  while (i < 0 || i >= size) i = i < 0 ? -i : 2 * (size - 1) - i;
  return i;
}

// Value of channel c at (y, x) of the padded input; *padded says if it was padding.
inline float padded_value(const Tensor& input, int c, int y, int x, PadMode mode, bool* padded) {
  const int h = input.dim(1), w = input.dim(2);
  *padded = y < 0 || y >= h || x < 0 || x >= w;
  if (!*padded) return input.at(c, y, x);
  if (mode == PadMode::Zero) return 0.0f;
  return input.at(c, remap_index(y, h, mode), remap_index(x, w, mode));
}

}  // namespace sepconv::reference
