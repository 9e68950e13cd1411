// Depthwise rows computed straight from the input plane ("in place"): for the common
// "same" 3x3 / 5x5 layer, and for stride-2 3x3 layers on AVX-512 (even and odd columns
// split in registers), the kernel reads each row where it lies. Zero padding at an image
// row's ends is taken as zero vectors where the ISA allows (AVX-512); otherwise the
// vectors at the ends are gathered with their padding. Used by the depthwise driver and
// by the depthwise stage of the fused separable driver.
#pragma once

#include <vector>

#include "conv_params.h"
#include "fast/depthwise.h"
#include "fast/isa.h"
#include "tensor.h"

namespace sepconv::fast {

// True when rows can be read in place, rows a whole number of vectors starting on vector
// boundaries and dilation 1: either unit stride with 3x3 or 5x5 taps centred
// horizontally and the output as wide as the input (at least three vectors), or stride 2
// with 3x3 taps starting at column 2x - 1 or 2x on ISAs with dw_in_place_stride2 (at
// least six vectors).
bool dw_reads_in_place(const ConvParams& p, const Tensor& input, const Tensor& out,
                       const IsaKernels& isa);

// One input plane as the in-place kernels read it.
class InPlacePlane {
 public:
  // `zero_row` holds at least round_up(in_w, 16) zeros (rows above or below a
  // zero-padded image).
  InPlacePlane(const ConvParams& p, int in_h, int in_w, const IsaKernels& isa,
               const float* zero_row);

  // Output rows [oy, oy + args.out_rows) of `plane` for the outputs [x0, x1) (multiples of
  // the vector) into out (column x0 of row oy, rows args.out_ld apart). args brings the
  // weights, bias, kernel size, out_rows, out_ld and stream; `row_ptrs` must have room
  // for kh + out_rows - 1 pointers and `edge_scratch` for as many rows of
  // make_dw_row_layout(p, vector, vector), 64-byte aligned.
  void dw_rows(const float* plane, int oy, int x0, int x1, DwRowArgs& args,
               std::vector<const float*>& row_ptrs, float* edge_scratch, float* out) const;

 private:
  const float* source_row(const float* plane, int iy) const;
  // Outputs [from, to) of rows [oy, oy + args.out_rows), a vector at a time from gathered
  // (padded) rows; `out` is column x0, args.rows is row_ptrs.
  void gathered_vectors(const float* plane, int oy, int from, int to, int x0, DwRowArgs& args,
                        std::vector<const float*>& row_ptrs, float* edge_scratch, float* out) const;
  void dw_rows_stride2(const float* plane, int oy, int x0, int x1, DwRowArgs& args,
                       std::vector<const float*>& row_ptrs, float* edge_scratch, float* out) const;

  const ConvParams& p_;
  int in_h_, in_w_;
  const IsaKernels& isa_;
  const float* zero_row_;
  int out_w_;
  DwRowLayout edge_layout_;
  std::vector<int> centred_;
};

}  // namespace sepconv::fast
