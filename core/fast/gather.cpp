// Padded row copies: the interior is a plain copy, only the border pays for remapping.
#include "fast/gather.h"

#include <algorithm>
#include <cstring>

#include "reference/padded_input.h"

namespace sepconv::fast {
namespace {
// Stride-2 rows are the common strided case: with a constant stride and no aliasing the
// compiler turns this into shuffles instead of one scalar load per element.
void copy_every_other(const float* __restrict src, float* __restrict dst, int n) {
  for (int j = 0; j < n; ++j) dst[j] = src[2 * j];
}

int floor_div(int a, int b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}
}  // namespace

int round_up(int x, int multiple) {
  return (x + multiple - 1) / multiple * multiple;
}

float* align_to_line(float* p) {
  const uintptr_t misalign = reinterpret_cast<uintptr_t>(p) % 64;
  return misalign == 0 ? p : p + (64 - misalign) / sizeof(float);
}

Range interior_range(int offset, int step, int size, int count) {
  // Unit stride (every row gathered for the edge vectors of in-place rows) needs no
  // division.
  const int lo = offset >= 0 ? 0 : step == 1 ? -offset : (-offset + step - 1) / step;
  const int hi = step == 1 ? size - offset : floor_div(size - 1 - offset, step) + 1;
  Range r{std::clamp(lo, 0, count), std::clamp(hi, 0, count)};
  if (r.hi < r.lo) r.hi = r.lo;
  return r;
}

void gather_row(const float* plane, int h, int w, int iy, int ix0, int step, int count,
                PadMode mode, float* dst) {
  const bool row_outside = iy < 0 || iy >= h;
  if (row_outside && mode == PadMode::Zero) {
    std::fill(dst, dst + count, 0.0f);
    return;
  }
  const float* row = plane + static_cast<int64_t>(reference::remap_index(iy, h, mode)) * w;
  const Range in = interior_range(ix0, step, w, count);
  auto border = [&](int j) {
    const int ix = ix0 + j * step;
    dst[j] = mode == PadMode::Zero ? 0.0f : row[reference::remap_index(ix, w, mode)];
  };
  for (int j = 0; j < in.lo; ++j) border(j);
  if (step == 1) {
    std::memcpy(dst + in.lo, row + ix0 + in.lo, sizeof(float) * static_cast<size_t>(in.size()));
  } else if (step == 2) {
    copy_every_other(row + ix0 + 2 * in.lo, dst + in.lo, in.size());
  } else {
    for (int j = in.lo; j < in.hi; ++j) dst[j] = row[ix0 + j * step];
  }
  for (int j = in.hi; j < count; ++j) border(j);
}

int64_t padded_taps_in_row(const ConvParams& p, int in_h, int in_w, int oy, int ox0, int ox1) {
  const int n = ox1 - ox0;
  int64_t column_padded = 0;  // taps of one kernel row that fall left or right of the image
  for (int kx = 0; kx < p.kernel_w; ++kx) {
    const int offset = ox0 * p.stride_w - p.padding.left + kx * p.dilation_w;
    column_padded += n - interior_range(offset, p.stride_w, in_w, n).size();
  }
  int64_t total = 0;
  for (int ky = 0; ky < p.kernel_h; ++ky) {
    const int iy = oy * p.stride_h - p.padding.top + ky * p.dilation_h;
    total += (iy < 0 || iy >= in_h) ? static_cast<int64_t>(n) * p.kernel_w : column_padded;
  }
  return total;
}

}  // namespace sepconv::fast
