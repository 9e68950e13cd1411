// In-place depthwise rows: vectors from the plane, the image's edge vectors with zeros
// or gathered.
#include "fast/dw_in_place.h"

#include <algorithm>
#include <cstdint>

#include "fast/gather.h"
#include "reference/padded_input.h"

namespace sepconv::fast {
namespace {
// Stride-2 3x3 tap columns relative to 2x (see DwRowArgs::step).
constexpr int kLeadOneTaps[3] = {-1, 0, 1};
constexpr int kLeadZeroTaps[3] = {0, 1, 2};
}  // namespace

bool dw_reads_in_place(const ConvParams& p, const Tensor& input, const Tensor& out,
                       const IsaKernels& isa) {
  const int k = p.kernel_w, v = isa.vector_floats;
  const int in_w = input.dim(2);
  const bool rows_on_vectors =
      in_w % v == 0 && reinterpret_cast<uintptr_t>(input.data()) % (sizeof(float) * v) == 0;
  if (p.dilation_h != 1 || p.dilation_w != 1 || p.kernel_h != k || !rows_on_vectors) return false;
  if (p.stride_h == 2 && p.stride_w == 2) {
    // 3x3 taps from column 2x - 1 (symmetric padding) or 2x ("same" with an even width).
    return isa.dw_in_place_stride2 && k == 3 && (p.padding.left == 0 || p.padding.left == 1) &&
           in_w >= 6 * v;
  }
  return p.stride_h == 1 && p.stride_w == 1 && (k == 3 || k == 5) && p.padding.left == k / 2 &&
         out.dim(2) == in_w && in_w >= 3 * v;
}

InPlacePlane::InPlacePlane(const ConvParams& p, int in_h, int in_w, const IsaKernels& isa,
                           const float* zero_row)
    : p_(p),
      in_h_(in_h),
      in_w_(in_w),
      isa_(isa),
      zero_row_(zero_row),
      out_w_(output_shape(p, in_h, in_w).w),
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
  if (p_.stride_w == 2)
    return dw_rows_stride2(plane, oy, x0, x1, args, row_ptrs, edge_scratch, out);
  const int input_rows = p_.kernel_h + args.out_rows - 1;
  const int iy0 = oy - p_.padding.top;
  args.rows = row_ptrs.data();
  // Interior: every vector whose neighbours on both sides lie inside the image row (the
  // shuffle kernel loads one vector before and after), streamed when asked. The shuffle
  // kernels take zero padding at the row's ends as zero vectors, so then the interior is
  // the whole row.
  const bool zero_edges =
      isa_.dw_zero_edges && p_.pad_mode == PadMode::Zero && args.out_rows == dw_group_rows(p_);
  const int a = zero_edges && x0 == 0 ? 0 : std::max(x0, v);
  const int b = zero_edges && x1 == in_w_ ? in_w_ : std::min(x1, in_w_ - v);
  if (a < b) {
    for (int i = 0; i < input_rows; ++i) {
      row_ptrs[static_cast<size_t>(i)] = source_row(plane, iy0 + i) + a;
    }
    args.kx_offsets = centred_.data();
    args.n = b - a;
    args.out = out + (a - x0);
    args.zero_before = a == 0;
    args.zero_after = b == in_w_;
    isa_.dw_row(args);
    args.zero_before = args.zero_after = false;
  }
  // The image row's first and last vector, unless the interior took them.
  for (const int ox0 : {0, in_w_ - v}) {
    if (ox0 < x0 || ox0 + v > x1 || (ox0 >= a && ox0 + v <= b)) continue;
    gathered_vectors(plane, oy, ox0, ox0 + v, x0, args, row_ptrs, edge_scratch, out);
  }
}

void InPlacePlane::gathered_vectors(const float* plane, int oy, int from, int to, int x0,
                                    DwRowArgs& args, std::vector<const float*>& row_ptrs,
                                    float* edge_scratch, float* out) const {
  const int v = isa_.vector_floats;
  const int iy0 = oy * p_.stride_h - p_.padding.top;
  const int input_rows = p_.kernel_h + args.out_rows - 1;
  const bool stream = args.stream;
  args.stream = false;
  args.kx_offsets = edge_layout_.kx_offsets.data();
  for (int ox = from; ox < to; ox += v) {
    for (int i = 0; i < input_rows; ++i) {
      float* row = edge_scratch + static_cast<size_t>(i) * edge_layout_.row_floats;
      gather_dw_row(plane, in_h_, in_w_, p_, edge_layout_, iy0 + i, ox, row);
      row_ptrs[static_cast<size_t>(i)] = row;
    }
    args.n = std::min(v, to - ox);
    args.out = out + (ox - x0);
    isa_.dw_row(args);
  }
  args.stream = stream;
}

void InPlacePlane::dw_rows_stride2(const float* plane, int oy, int x0, int x1, DwRowArgs& args,
                                   std::vector<const float*>& row_ptrs, float* edge_scratch,
                                   float* out) const {
  const int v = isa_.vector_floats;
  const int lead = p_.padding.left;
  const int iy0 = oy * 2 - p_.padding.top;
  args.rows = row_ptrs.data();
  // Interior: the output vectors whose loads stay inside the image row. A vector at x
  // reads columns 2x .. 2x + 2v - 1, plus the vector before it (lead 1, first vector
  // only) or after it (lead 0). With zero padding the kernel takes that neighbour as
  // zeros at the row's ends: for lead 1 at the left end, for lead 0 at the right end
  // when the output row is half the input row in whole vectors ("same", even width).
  // Gathering those edge vectors instead cost a quarter of a 270 x 480 layer.
  const bool zero = isa_.dw_zero_edges && p_.pad_mode == PadMode::Zero;
  const bool zero_before = zero && lead == 1 && x0 == 0;
  const bool zero_after =
      zero && lead == 0 && x1 == out_w_ && 2 * out_w_ == in_w_ && out_w_ % v == 0;
  const int a = lead == 1 && !zero_before ? std::max(x0, v) : x0;
  const int last_start = lead == 1 ? (in_w_ - 2 * v) / 2 : (in_w_ - 3 * v) / 2;
  const int b = zero_after ? x1 : std::max(a, std::min(x1, (last_start / v + 1) * v));
  if (a < b) {
    args.zero_before = zero_before;
    args.zero_after = zero_after;
    for (int i = 0; i < p_.kernel_h; ++i) {
      row_ptrs[static_cast<size_t>(i)] = source_row(plane, iy0 + i) + 2 * a;
    }
    args.kx_offsets = lead == 1 ? kLeadOneTaps : kLeadZeroTaps;
    args.n = b - a;
    args.step = 2;
    args.out = out + (a - x0);
    isa_.dw_row(args);
    args.step = 1;
    args.zero_before = args.zero_after = false;
  }
  // The rest, a vector at a time from gathered rows with their padding and phases.
  gathered_vectors(plane, oy, x0, a, x0, args, row_ptrs, edge_scratch, out);
  gathered_vectors(plane, oy, b, x1, x0, args, row_ptrs, edge_scratch, out);
}

}  // namespace sepconv::fast
