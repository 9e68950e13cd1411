// The SIMD inner loops written once over an `Ops` type (load/store/set1/fma of one
// register); each isa_*.cpp includes this under its own target pragma and Ops.
// Everything here has internal linkage so no two ISAs ever share a symbol.
#pragma once

#include <xmmintrin.h>

#include <cstdint>
#include <cstring>
#include <utility>

#include "fast/isa.h"

namespace sepconv::fast {
namespace {

// [SECTION] depthwise row

// Writes one output vector: `count` floats at dst, a whole vector when count >= width,
// else the row's last few through a buffer. Only whole-line vectors may stream: half-line
// streaming stores to four rows at once left write-combining buffers partly filled
// (180-185 ms against 46-50 ms with normal stores, AVX2, 64 x 1080 x 1920, 3x3).
template <class O>
void store_out(float* dst, typename O::V v, int count, bool stream) {
  constexpr int W = O::width;
  if (count >= W) {
    if (sizeof(float) * W == 64 && stream && reinterpret_cast<uintptr_t>(dst) % 64 == 0) {
      O::stream(dst, v);
    } else {
      O::store(dst, v);
    }
    return;
  }
  float tmp[W];
  O::store(tmp, v);
  std::memcpy(dst, tmp, sizeof(float) * static_cast<size_t>(count));
}

// Kernel size known at compile time: weights live in registers, U vectors in flight.
template <class O, int KH, int KW, int U>
void dw_row_fixed(const DwRowArgs& a) {
  using V = typename O::V;
  constexpr int W = O::width;
  const float* rows[KH];
  int off[KW];
  V w[KH * KW];
  for (int ky = 0; ky < KH; ++ky) rows[ky] = a.rows[ky];
  for (int kx = 0; kx < KW; ++kx) off[kx] = a.kx_offsets[kx];
  for (int t = 0; t < KH * KW; ++t) w[t] = O::set1(a.weights[t]);
  const V bias = O::set1(a.bias);
  const int n = a.n;
  int x = 0;
  for (; x + U * W <= n; x += U * W) {
    V acc[U];
#pragma GCC unroll 8
    for (int u = 0; u < U; ++u) acc[u] = bias;
#pragma GCC unroll 8
    for (int ky = 0; ky < KH; ++ky) {
#pragma GCC unroll 8
      for (int kx = 0; kx < KW; ++kx) {
        const float* p = rows[ky] + off[kx] + x;
#pragma GCC unroll 8
        for (int u = 0; u < U; ++u) acc[u] = O::fma(w[ky * KW + kx], O::load(p + u * W), acc[u]);
      }
    }
#pragma GCC unroll 8
    for (int u = 0; u < U; ++u) O::store(a.out + x + u * W, acc[u]);
  }
  // Single vectors, then one last partial vector computed in full (rows have slack).
  for (; x < n; x += W) {
    V acc = bias;
#pragma GCC unroll 8
    for (int ky = 0; ky < KH; ++ky) {
#pragma GCC unroll 8
      for (int kx = 0; kx < KW; ++kx) {
        acc = O::fma(w[ky * KW + kx], O::load(rows[ky] + off[kx] + x), acc);
      }
    }
    store_out<O>(a.out + x, acc, n - x, false);
  }
}

// Any kernel size: the same loop with the taps read from memory.
template <class O>
void dw_row_general(const DwRowArgs& a) {
  using V = typename O::V;
  constexpr int W = O::width;
  const V bias = O::set1(a.bias);
  for (int x = 0; x < a.n; x += W) {
    V acc0 = bias, acc1 = O::zero();
    for (int ky = 0; ky < a.kh; ++ky) {
      const float* row = a.rows[ky] + x;
      const float* wrow = a.weights + ky * a.kw;
      int kx = 0;
      for (; kx + 1 < a.kw; kx += 2) {
        acc0 = O::fma(O::set1(wrow[kx]), O::load(row + a.kx_offsets[kx]), acc0);
        acc1 = O::fma(O::set1(wrow[kx + 1]), O::load(row + a.kx_offsets[kx + 1]), acc1);
      }
      if (kx < a.kw) acc0 = O::fma(O::set1(wrow[kx]), O::load(row + a.kx_offsets[kx]), acc0);
    }
    store_out<O>(a.out + x, O::add(acc0, acc1), a.n - x, false);
  }
}

// Unit stride and dilation with aligned rows: one aligned load per vector and kernel row,
// the shifted windows built in registers (valignd). Unaligned loads would split a cache
// line for every tap but the first and halve the L1 throughput.
template <class O, int KX, int K>
typename O::V dw_taps_of_row(const typename O::V* w, typename O::V cur, typename O::V next,
                             typename O::V acc) {
  if constexpr (KX == K) {
    return acc;
  } else {
    return dw_taps_of_row<O, KX + 1, K>(w, cur, next,
                                        O::fma(w[KX], O::template shift<KX>(cur, next), acc));
  }
}

template <class O, int K>
void dw_row_aligned(const DwRowArgs& a) {
  using V = typename O::V;
  constexpr int W = O::width;
  const float* rows[K];
  V w[K * K];
  for (int ky = 0; ky < K; ++ky) rows[ky] = a.rows[ky];
  for (int t = 0; t < K * K; ++t) w[t] = O::set1(a.weights[t]);
  const V bias = O::set1(a.bias);
  for (int x = 0; x < a.n; x += W) {
    // One accumulator per kernel row: a single chain of K*K dependent FMAs would leave
    // the FMA units waiting on latency.
    V acc[K];
#pragma GCC unroll 8
    for (int ky = 0; ky < K; ++ky) {
      const float* r = rows[ky] + x;
      acc[ky] = dw_taps_of_row<O, 0, K>(w + ky * K, O::load(r), O::load(r + W),
                                        ky == 0 ? bias : O::zero());
    }
#pragma GCC unroll 8
    for (int ky = 1; ky < K; ++ky) acc[0] = O::add(acc[0], acc[ky]);
    store_out<O>(a.out + x, acc[0], a.n - x, false);
  }
}

// R output rows at once from K + R - 1 input rows: the K windows of an input row are
// built once and feed every output row that input row belongs to. Two ways to build
// them: `Shuffle` loads two aligned vectors and shifts (valignd) - needs unit stride
// and dilation and vector-aligned rows, measured 1.25x faster; otherwise unaligned
// loads at the tap offsets, which run anywhere (any alignment, every ISA).
template <class O, int K, int R, bool Shuffle, int Lead = 0>
void dw_rows(const DwRowArgs& a) {
  using V = typename O::V;
  constexpr int W = O::width;
  const float* rows[K + R - 1];
  int off[K];
  V w[K * K];
  for (int i = 0; i < K + R - 1; ++i) rows[i] = a.rows[i];
  for (int kx = 0; kx < K; ++kx) off[kx] = a.kx_offsets[kx];
  for (int t = 0; t < K * K; ++t) w[t] = O::set1(a.weights[t]);
  const V bias = O::set1(a.bias);
  float* const out = a.out;
  const int64_t out_ld = a.out_ld;
  const int n = a.n;
  for (int x = 0; x < n; x += W) {
    V acc[R];
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) acc[r] = bias;
    // Zero padding at the row's ends is taken as zeros, not loaded (DwRowArgs).
    const bool zero_prev = x == 0 && a.zero_before, zero_next = x + W >= n && a.zero_after;
#pragma GCC unroll 16
    for (int i = 0; i < K + R - 1; ++i) {
      const float* p = rows[i] + x;
      V s[K];
      if constexpr (Shuffle) {
        // Taps start `Lead` floats before x: those windows come from (prev, cur).
        const V prev = Lead > 0 && !zero_prev ? O::load(p - W) : O::zero();
        const V cur = O::load(p);
        const V next = K - 1 - Lead > 0 && !zero_next ? O::load(p + W) : O::zero();
        [&]<int... X>(std::integer_sequence<int, X...>) {
          ((s[X] = X < Lead ? O::template shift<(W + X - Lead) % W>(prev, cur)
                            : O::template shift<(X - Lead + W) % W>(cur, next)),
           ...);
        }(std::make_integer_sequence<int, K>{});
      } else {
#pragma GCC unroll 8
        for (int kx = 0; kx < K; ++kx) s[kx] = O::load(p + off[kx]);
      }
#pragma GCC unroll 8
      for (int r = 0; r < R; ++r) {
        const int ky = i - r;
        if (ky < 0 || ky >= K) continue;
#pragma GCC unroll 8
        for (int kx = 0; kx < K; ++kx) acc[r] = O::fma(w[ky * K + kx], s[kx], acc[r]);
      }
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) store_out<O>(out + r * out_ld + x, acc[r], n - x, a.stream);
  }
}

// True when the rows suit the shuffle kernels: K x K taps at unit stride and dilation
// starting `lead` floats before x, every input row on a vector boundary.
template <class O, int K>
bool dw_rows_are_aligned(const DwRowArgs& a, int input_rows, int lead = 0) {
  if (a.kh != K || a.kw != K) return false;
  for (int kx = 0; kx < K; ++kx) {
    if (a.kx_offsets[kx] != kx - lead) return false;
  }
  for (int i = 0; i < input_rows; ++i) {
    if (reinterpret_cast<uintptr_t>(a.rows[i]) % (sizeof(float) * O::width) != 0) return false;
  }
  return true;
}

template <class O, int K>
bool dw_row_try_aligned(const DwRowArgs& a) {
  if (!dw_rows_are_aligned<O, K>(a, K)) return false;
  dw_row_aligned<O, K>(a);
  return true;
}

// One output row (out_rows is ignored).
template <class O>
void dw_one_row(const DwRowArgs& a) {
  if constexpr (O::has_shift) {
    if (dw_row_try_aligned<O, 3>(a) || dw_row_try_aligned<O, 5>(a) || dw_row_try_aligned<O, 7>(a)) {
      return;
    }
  }
  if (a.kh == 3 && a.kw == 3) return dw_row_fixed<O, 3, 3, 4>(a);
  if (a.kh == 5 && a.kw == 5) return dw_row_fixed<O, 5, 5, 4>(a);
  if (a.kh == 7 && a.kw == 7) return dw_row_fixed<O, 7, 7, 2>(a);
  dw_row_general<O>(a);
}

// Stride-2 3x3 rows read in place (ISAs with a two-source permute). rows[i] points at
// input column 2 x of the first output. A step loads the 32 input floats of 16 outputs
// per row and splits them into even and odd columns; the tap on the other side comes
// from the neighbouring step's vector (the previous one when the taps start one column
// left, Lead = 1, the next one when they start at 2 x, Lead = 0), carried in a register.
// That neighbour is a zero vector at a zero-padded row end (zero_before for Lead 1,
// zero_after for Lead 0 when the row ends on whole vectors).
template <class O, int Lead>
void dw_row_s2(const DwRowArgs& a) {
  using V = typename O::V;
  constexpr int W = O::width;
  V w[9];
  for (int t = 0; t < 9; ++t) w[t] = O::set1(a.weights[t]);
  const V bias = O::set1(a.bias);
  const float* rows[3] = {a.rows[0], a.rows[1], a.rows[2]};
  V carry[3];
#pragma GCC unroll 3
  for (int i = 0; i < 3; ++i) {
    carry[i] = Lead == 0 ? O::load(rows[i]) : a.zero_before ? O::zero() : O::load(rows[i] - W);
  }
  for (int x = 0; x < a.n; x += W) {
    const bool zero_next = Lead == 0 && a.zero_after && x + W >= a.n;
    V acc = bias;
#pragma GCC unroll 3
    for (int i = 0; i < 3; ++i) {
      const float* p = rows[i] + 2 * x;
      const V b = O::load(p + W);
      V k0, k1, k2;
      if constexpr (Lead == 1) {
        const V lo = O::load(p);
        const V even = O::even(lo, b), odd = O::odd(lo, b);
        k0 = O::template shift<W - 1>(carry[i], odd);  // column 2x - 1
        k1 = even;
        k2 = odd;
        carry[i] = b;
      } else {
        const V next = zero_next ? O::zero() : O::load(p + 2 * W);
        k0 = O::even(carry[i], b);
        k1 = O::odd(carry[i], b);
        k2 = O::template shift<1>(k0, next);  // column 2x + 2
        carry[i] = next;
      }
      acc = O::fma(w[3 * i], k0, acc);
      acc = O::fma(w[3 * i + 1], k1, acc);
      acc = O::fma(w[3 * i + 2], k2, acc);
    }
    store_out<O>(a.out + x, acc, a.n - x, a.stream);
  }
}

template <class O>
void dw_row(const DwRowArgs& a) {
  if (a.step == 2) {
    // Only reached on ISAs that set IsaKernels::dw_in_place_stride2.
    if constexpr (O::has_deinterleave && O::has_shift) {
      if (a.kx_offsets[0] == -1) return dw_row_s2<O, 1>(a);
      return dw_row_s2<O, 0>(a);
    }
    return;
  }
  if constexpr (O::has_shift) {
    // Rows in groups of four (3x3) or two (5x5) where the shuffle kernel applies.
    if (a.out_rows == 4 && dw_rows_are_aligned<O, 3>(a, 3 + 4 - 1)) {
      return dw_rows<O, 3, 4, true>(a);
    }
    if (a.out_rows == 2 && dw_rows_are_aligned<O, 5>(a, 5 + 2 - 1)) {
      return dw_rows<O, 5, 2, true>(a);
    }
    // Rows read in place from the input, centred taps ("same" padding).
    if (a.out_rows == 4 && dw_rows_are_aligned<O, 3>(a, 3 + 4 - 1, 1)) {
      return dw_rows<O, 3, 4, true, 1>(a);
    }
    if (a.out_rows == 2 && dw_rows_are_aligned<O, 5>(a, 5 + 2 - 1, 2)) {
      return dw_rows<O, 5, 2, true, 2>(a);
    }
  }
  if (a.out_rows == 4 && a.kh == 3 && a.kw == 3) return dw_rows<O, 3, 4, false>(a);
  if (a.out_rows == 2 && a.kh == 5 && a.kw == 5) return dw_rows<O, 5, 2, false>(a);
  DwRowArgs one = a;
  for (int r = 0; r < a.out_rows; ++r) {
    one.rows = a.rows + r;
    one.out = a.out + r * a.out_ld;
    dw_one_row<O>(one);
  }
}

// [SECTION] GEMM micro-kernel

// Lines to prefetch while a tile runs, spread evenly over its k steps: `count` lines,
// `per_row` of them in each row, rows `ld` bytes apart from `base`.
struct TilePrefetch {
  const char* base = nullptr;
  long ld = 0;
  int per_row = 0, count = 0;
  // Rows from a table instead (row r at table[r] + offset floats); base and ld unused.
  const float* const* table = nullptr;
  int offset = 0;
};

// One MR x (NV * width) tile of C over k rows of B: accumulators stay in registers. They
// start from c_in (partial sums, rows ld_in apart) when given, else from the bias or zero.
// `pf` lines are prefetched along the way (the next panel of B).
template <class O, int MR, int NV>
void gemm_tile(const float* ap, const float* b, int ldb, int k, const float* c_in, int ld_in,
               float* c, int ldc, int rows, int cols, const float* bias, bool stream,
               TilePrefetch pf = {}) {
  using V = typename O::V;
  constexpr int W = O::width;
  const bool whole = rows == MR && cols == NV * W;
  V acc[MR][NV];
  if (c_in) {
    // A partial tile's sums come through a zero-padded buffer (constant indices only).
    alignas(64) float tmp[MR][NV * W];
    const float* src = c_in;
    long ld = ld_in;
    if (!whole) {
      std::memset(tmp, 0, sizeof tmp);
      for (int i = 0; i < rows; ++i) {
        std::memcpy(tmp[i], c_in + static_cast<long>(i) * ld_in,
                    sizeof(float) * static_cast<size_t>(cols));
      }
      src = tmp[0];
      ld = NV * W;
    }
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) {
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[i][v] = O::load(src + i * ld + v * W);
    }
  } else {
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) {
      const V init = bias ? O::set1(bias[i]) : O::zero();
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[i][v] = init;
    }
  }
  auto pf_start = [&pf](int r) {
    return pf.table ? reinterpret_cast<const char*>(pf.table[r] + pf.offset) : pf.base + r * pf.ld;
  };
  int pf_r = 0, pf_line = 0, pf_left = pf.count;
  const char* pf_row = pf_left > 0 ? pf_start(0) : nullptr;
  const int pf_per_step = k > 0 ? (pf.count + k - 1) / k : 0;
  for (int kk = 0; kk < k; ++kk) {
    for (int q = 0; q < pf_per_step && pf_left > 0; ++q) {
      _mm_prefetch(pf_row + 64 * pf_line, _MM_HINT_T0);
      if (--pf_left > 0 && ++pf_line == pf.per_row) {
        pf_line = 0;
        pf_row = pf_start(++pf_r);
      }
    }
    const float* bk = b + static_cast<long>(kk) * ldb;
    V bv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) bv[v] = O::load(bk + v * W);
    const float* ak = ap + kk * MR;
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) {
      const V ai = O::set1(ak[i]);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[i][v] = O::fma(ai, bv[v], acc[i][v]);
    }
  }
  if (whole) {
    // Whole tile: unrolled stores keep the accumulators in registers. Streaming stores
    // skip the read-for-ownership of C and overlap its write-back with the next tile.
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) {
      float* row = c + static_cast<long>(i) * ldc;
      if (stream && reinterpret_cast<uintptr_t>(row) % (sizeof(float) * W) == 0) {
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) O::stream(row + v * W, acc[i][v]);
      } else {
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) O::store(row + v * W, acc[i][v]);
      }
    }
    return;
  }
  // A partial tile goes through a buffer, stored with constant indices: indexing acc
  // with the runtime row count would keep every accumulator on the stack.
  alignas(64) float tmp[MR][NV * W];
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) O::store(tmp[i] + v * W, acc[i][v]);
  }
  for (int i = 0; i < rows; ++i) {
    std::memcpy(c + static_cast<long>(i) * ldc, tmp[i], sizeof(float) * static_cast<size_t>(cols));
  }
}

// Copies panel j0 of B (k rows of NR floats) into g.panel. Locals instead of g's members:
// the stores to the panel could alias g as far as the compiler knows, which made it
// reload the panel and table pointers after every store. Four rows' loads go out
// before their stores, so the loads of rows still on their way overlap.
template <class O, int NV>
void pack_panel(const GemmArgs& g, int j0) {
  constexpr int NR = NV * O::width, U = 4;
  float* const panel = g.panel;
  const float* const* const table = g.b_rows;
  const float* const b = table ? nullptr : g.b + j0;  // g.b is null with a table
  const long ldb = g.ldb;
  const int k = g.k;
  auto row = [&](int kk) { return table ? table[kk] + j0 : b + kk * ldb; };
  int kk = 0;
  for (; kk + U <= k; kk += U) {
    typename O::V v[U][NV];
#pragma GCC unroll 4
    for (int u = 0; u < U; ++u) {
      const float* src = row(kk + u);
#pragma GCC unroll 4
      for (int x = 0; x < NV; ++x) v[u][x] = O::load(src + x * O::width);
    }
#pragma GCC unroll 4
    for (int u = 0; u < U; ++u) {
#pragma GCC unroll 4
      for (int x = 0; x < NV; ++x) O::store(panel + (kk + u) * NR + x * O::width, v[u][x]);
    }
  }
  for (; kk < k; ++kk) {
    const float* src = row(kk);
#pragma GCC unroll 4
    for (int x = 0; x < NV; ++x)
      O::store(panel + kk * NR + x * O::width, O::load(src + x * O::width));
  }
}

// Column panels outside, row blocks inside. B is read in place when its rows are a short,
// odd stride apart (an im2col or depthwise block in L2). Otherwise each panel is first
// copied into a contiguous [k x NR] buffer: rows one plane apart would collide in L1 sets
// and defeat the prefetchers, and rows from a table (taps read in place from the input)
// are not on vector boundaries.
template <class O, int MR, int NV>
void gemm(const GemmArgs& g) {
  constexpr int NR = NV * O::width;
  const bool pack = g.b_rows || g.ldb > 4096 || g.ldb % 1024 == 0;
  const int row_tiles = (g.rows + MR - 1) / MR;
  const long a_k = g.a_k ? g.a_k : g.k;
  auto tile = [&](int i0, int j0, const float* b, int ldb, TilePrefetch pf = {}) {
    const int rows = g.rows - i0 < MR ? g.rows - i0 : MR;
    const int cols = g.cols - j0 < NR ? g.cols - j0 : NR;
    gemm_tile<O, MR, NV>(g.a_packed + i0 * a_k, b, ldb, g.k,
                         g.c_in ? g.c_in + static_cast<long>(i0) * g.ld_in + j0 : nullptr, g.ld_in,
                         g.c + static_cast<long>(i0) * g.ldc + j0, g.ldc, rows, cols,
                         g.bias ? g.bias + i0 : nullptr, g.stream_c, pf);
  };
  for (int j0 = 0; j0 < g.cols; j0 += NR) {
    if (!pack) {
      for (int i0 = 0; i0 < g.rows; i0 += MR) tile(i0, j0, g.b + j0, g.ldb);
      continue;
    }
    pack_panel<O, NV>(g, j0);
    for (int i0 = 0; i0 < g.rows; i0 += MR) {
      // The next panel's rows, a share per tile, into L1 before it is packed: a line or
      // two per k step of the tile, so the line fill buffers see a steady trickle
      // instead of a burst at the start of each tile (pointwise 64 -> 64 at 1080p:
      // 58-59 ms against 63-64; standard 3x3 64 -> 64, rows from the tap table:
      // 492-505 ms against 501-511).
      TilePrefetch next;
      if (j0 + NR < g.cols) {
        const int k0 = g.k * (i0 / MR) / row_tiles, k1 = g.k * (i0 / MR + 1) / row_tiles;
        if (g.b_rows) {
          // Tap rows start anywhere: a panel may touch NV + 1 lines.
          next = TilePrefetch{nullptr, 0, NV + 1, (k1 - k0) * (NV + 1), g.b_rows + k0, j0 + NR};
        } else {
          const char* src =
              reinterpret_cast<const char*>(g.b + static_cast<long>(k0) * g.ldb + j0 + NR);
          // Rows off a line boundary reach into one more line.
          const bool unaligned = reinterpret_cast<uintptr_t>(src) % 64 != 0 || g.ldb % 16 != 0;
          const int per_row = NV + (unaligned ? 1 : 0);
          next = TilePrefetch{src, static_cast<long>(g.ldb) * static_cast<long>(sizeof(float)),
                              per_row, (k1 - k0) * per_row};
        }
      }
      tile(i0, j0, g.panel, NR, next);
    }
  }
}

// [SECTION] streaming copy

// dst[0, n) = src[0, n) with non-temporal stores where dst is vector-aligned: results
// headed for memory skip the read-for-ownership a normal store would cost. The caller
// fences once per task (store_fence) rather than once per row.
template <class O>
void stream_copy(float* dst, const float* src, int n) {
  constexpr int W = O::width;
  constexpr uintptr_t align = sizeof(float) * W;
  int x = 0;
  while (x < n && reinterpret_cast<uintptr_t>(dst + x) % align != 0) {
    dst[x] = src[x];
    ++x;
  }
  for (; x + 4 * W <= n; x += 4 * W) {
#pragma GCC unroll 4
    for (int u = 0; u < 4; ++u) O::stream(dst + x + u * W, O::load(src + x + u * W));
  }
  for (; x + W <= n; x += W) O::stream(dst + x, O::load(src + x));
  for (; x < n; ++x) dst[x] = src[x];
}

}  // namespace
}  // namespace sepconv::fast
