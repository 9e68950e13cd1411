// AVX-512 instantiation of the fast kernels (compiled for AVX-512 only in this file,
// called only after a CPU check).
#include <immintrin.h>

#include <cstring>

#include "fast/isa.h"

// clang has no GCC target pragma; its attribute pragma marks the same functions.
#if defined(__clang__)
#pragma clang attribute push( \
    __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma")
#endif

#include "fast/kernels_impl.h"

namespace sepconv::fast {
namespace {
struct Avx512Ops {
  using V = __m512;
  static constexpr int width = 16;
  static V load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
  static V set1(float x) { return _mm512_set1_ps(x); }
  static V zero() { return _mm512_setzero_ps(); }
  static V add(V a, V b) { return _mm512_add_ps(a, b); }
  static V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
  // The 16 floats starting `n` into the 32 of (a, b).
  static constexpr bool has_shift = true;
  template <int n>
  static V shift(V a, V b) {
    if constexpr (n == 0) {
      return a;
    } else {
      // The masked form: GCC 12 warns about the unmasked one's undefined pass-through.
      const __m512i ai = _mm512_castps_si512(a);
      return _mm512_castsi512_ps(
          _mm512_mask_alignr_epi32(ai, 0xFFFF, _mm512_castps_si512(b), ai, n));
    }
  }
  static void stream(float* p, V v) { _mm512_stream_ps(p, v); }
  // The even and the odd floats of the 32 in (a, b), for stride-2 rows.
  static constexpr bool has_deinterleave = true;
  static V even(V a, V b) {
    const __m512i idx = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
    return _mm512_permutex2var_ps(a, idx, b);
  }
  static V odd(V a, V b) {
    const __m512i idx = _mm512_set_epi32(31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1);
    return _mm512_permutex2var_ps(a, idx, b);
  }
};
void dw_row_avx512(const DwRowArgs& a) {
  dw_row<Avx512Ops>(a);
}
void stream_copy_avx512(float* dst, const float* src, int n) {
  stream_copy<Avx512Ops>(dst, src, n);
}
void gemm_avx512(const GemmArgs& g) {
  gemm<Avx512Ops, 8, 3>(g);
}
}  // namespace

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

const IsaKernels& isa_avx512() {
  static const IsaKernels k{"avx512", 16,  8, 48, &dw_row_avx512, &gemm_avx512, &stream_copy_avx512,
                            true,     true};
  return k;
}

}  // namespace sepconv::fast
