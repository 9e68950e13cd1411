// In-place depthwise rows: interior vectors from the plane, image-edge vectors gathered.
#include "fast/dw_in_place.h"

#include <algorithm>
#include <cstdint>

#include "fast/gather.h"
#include "reference/padded_input.h"

namespace sepconv::fast {

bool dw_reads_in_place(const ConvParams& p, const Tensor& input, const Tensor& out,
                       const IsaKernels& isa) {
  const int k = p.kernel_w, v = isa.vector_floats;
  const int in_w = input.dim(2);
  return p.stride_h == 1 && p.stride_w == 1 && p.dilation_h == 1 && p.dilation_w == 1 &&
         p.kernel_h == k && (k == 3 || k == 5) && p.padding.left == k / 2 && out.dim(2) == in_w &&
         in_w % v == 0 && in_w >= 3 * v &&
         reinterpret_cast<uintptr_t>(input.data()) % (sizeof(float) * v) == 0;
}

InPlacePlane::InPlacePlane(const ConvParams& p, int in_h, int in_w, const IsaKernels& isa,
                           const float* zero_row)
    : p_(p),
      in_h_(in_h),
      in_w_(in_w),
      isa_(isa),
      zero_row_(zero_row),
      edge_layout_(make_dw_row_layout(p, isa.vector_floats, isa.vector_floats)) {
  for (int kx = 0; kx < p.kernel_w; ++kx) centred_.push_back(kx - p.kernel_w / 2);
}

// Outside the plane: the zero row, or the row the padding mode maps to.
const float* InPlacePlane::source_row(const float* plane, int iy) const {
  if (iy < 0 || iy >= in_h_) {
    if (p_.pad_mode == PadMode::Zero) return zero_row_;
    iy = reference::remap_index(iy, in_h_, p_.pad_mode);
  }
  return plane + static_cast<int64_t>(iy) * in_w_;
}

void InPlacePlane::dw_rows(const float* plane, int oy, int x0, int x1, DwRowArgs& args,
                           std::vector<const float*>& row_ptrs, float* edge_scratch,
                           float* out) const {
  const int v = isa_.vector_floats;
  const int input_rows = p_.kernel_h + args.out_rows - 1;
  const int iy0 = oy - p_.padding.top;
  args.rows = row_ptrs.data();
  // Interior: every vector whose neighbours on both sides lie inside the image row (the
  // shuffle kernel loads one vector before and after), streamed when asked.
  const int a = std::max(x0, v), b = std::min(x1, in_w_ - v);
  if (a < b) {
    for (int i = 0; i < input_rows; ++i) {
      row_ptrs[static_cast<size_t>(i)] = source_row(plane, iy0 + i) + a;
    }
    args.kx_offsets = centred_.data();
    args.n = b - a;
    args.out = out + (a - x0);
    isa_.dw_row(args);
  }
  // The image row's first and last vector, from gathered rows with their padding.
  const bool stream = args.stream;
  args.stream = false;
  args.kx_offsets = edge_layout_.kx_offsets.data();
  args.n = v;
  for (const int ox0 : {0, in_w_ - v}) {
    if (ox0 < x0 || ox0 + v > x1) continue;
    for (int i = 0; i < input_rows; ++i) {
      float* row = edge_scratch + static_cast<size_t>(i) * edge_layout_.row_floats;
      gather_dw_row(plane, in_h_, in_w_, p_, edge_layout_, iy0 + i, ox0, row);
      row_ptrs[static_cast<size_t>(i)] = row;
    }
    args.out = out + (ox0 - x0);
    isa_.dw_row(args);
  }
  args.stream = stream;
}

}  // namespace sepconv::fast
