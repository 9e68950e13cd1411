// The per-instruction-set inner kernels of the fast engine (AVX-512, AVX2, SSE2) and
// the run-time choice between them; the drivers around them are ISA-neutral.
#pragma once

#include <cstdint>
#include <string>

namespace sepconv::fast {

// Depthwise output rows: out[x] = bias + sum_t weights[t] * rows[t / kw][kx_offset[t % kw] + x]
// for x in [0, n). Rows must stay readable for one SIMD vector before the first and
// past the last tap (offsets may be negative when rows point into the input itself).
// With out_rows > 1 (vertical stride and dilation 1 only) the call computes out_rows
// consecutive output rows, row r from rows[r .. r + kh) into out + r * out_ld: each
// input row is then loaded and shifted once for every output row that needs it.
struct DwRowArgs {
  const float* const* rows;  // kh + out_rows - 1 pointers, one per input row (already padded)
  const int* kx_offsets;     // kw offsets into each row (stride phases folded in)
  const float* weights;      // kh * kw weights, already flipped for true convolution
  float bias = 0.0f;
  int kh = 0, kw = 0;
  float* out = nullptr;
  int n = 0;
  int out_rows = 1;
  int64_t out_ld = 0;
  // Whole vectors on 64-byte aligned addresses may be written with streaming stores
  // (the caller fences); kernels that do not stream store normally.
  bool stream = false;
  // 2: stride-2 3x3 rows read in place (IsaKernels::dw_in_place_stride2): rows point at
  // input column 2 x of the first output and kx_offsets are the taps' columns relative
  // to 2 x ({-1, 0, 1} or {0, 1, 2}). 1: rows as gathered or read at unit stride.
  int step = 1;
  // The vector before the first output's taps (after the last output's) is zero padding
  // to be taken as zeros, not loaded (IsaKernels::dw_zero_edges): rows read in place by
  // the shuffle kernels with out_rows == dw_rows_per_call(kh), or by the stride-2 kernel
  // (zero_before for taps from 2 x - 1, zero_after for taps from 2 x).
  bool zero_before = false, zero_after = false;
};

// C[rows x cols] = bias + A[rows x k] * B[k x cols]. A is packed in blocks of mr rows
// ([k x mr] each, zero-padded); B has row stride ldb and stays readable up to a
// multiple of nr columns; bias is null or padded to a multiple of mr.
struct GemmArgs {
  const float* a_packed = nullptr;
  const float* b = nullptr;
  int ldb = 0;
  int k = 0;
  float* c = nullptr;
  int ldc = 0;
  int rows = 0, cols = 0;
  const float* bias = nullptr;
  float* panel = nullptr;  // scratch of k * nr floats for one packed panel of B
  bool stream_c = false;   // whole tiles on 64-byte aligned rows of C use streaming stores
  // When set, B row kk starts at b_rows[kk] (b and ldb unused), each readable for whole
  // panels; the kernel packs a panel from the rows before using it.
  const float* const* b_rows = nullptr;
  // A slice of a longer k: the packed A blocks of mr rows are a_k * mr floats apart
  // (0: a_k = k), and the sums start from c_in (partial sums, rows ld_in apart) when set
  // instead of from the bias.
  int a_k = 0;
  const float* c_in = nullptr;
  int ld_in = 0;
};

// Output rows per dw_row call that the shuffle kernels take at once (vertical stride and
// dilation 1): four for 3x3, two for 5x5; other sizes run row by row.
inline int dw_rows_per_call(int kernel_h) {
  return kernel_h == 3 ? 4 : kernel_h == 5 ? 2 : 1;
}

struct IsaKernels {
  const char* name;   // "avx512", "avx2" or "sse2"
  int vector_floats;  // floats per SIMD register
  int mr, nr;         // GEMM micro-tile: rows of A, columns of B
  void (*dw_row)(const DwRowArgs& args);
  void (*gemm)(const GemmArgs& args);
  // dst = src with non-temporal stores (for results that go straight to memory).
  void (*stream_copy)(float* dst, const float* src, int n);
  // dw_row takes stride-2 3x3 rows in place (DwRowArgs::step = 2).
  bool dw_in_place_stride2;
  // dw_row honours DwRowArgs::zero_before / zero_after.
  bool dw_zero_edges;
};

// How one call runs: which kernels, how many threads, and whether results are written
// with streaming stores (see store_policy.h).
struct KernelSetup {
  const IsaKernels& isa;
  int threads = 0;
  bool stream = false;
};

const IsaKernels& isa_avx512();
const IsaKernels& isa_avx2();
const IsaKernels& isa_sse2();

// True when this CPU can run the named kernel set.
bool isa_supported(const IsaKernels& isa);
// The widest kernel set this CPU supports (SEPCONV_FAST_ISA=avx2|sse2 narrows it).
const IsaKernels& best_isa();
// The kernel set called `name`, or null when unknown or unsupported here.
const IsaKernels* isa_by_name(const std::string& name);

}  // namespace sepconv::fast
