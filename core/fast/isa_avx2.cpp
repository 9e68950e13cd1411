// AVX2+FMA instantiation of the fast kernels (compiled for AVX2 only in this file,
// called only after a CPU check).
#include <immintrin.h>

#include <cstring>

#include "fast/isa.h"

// clang has no GCC target pragma; its attribute pragma marks the same functions.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#endif

#include "fast/kernels_impl.h"

namespace sepconv::fast {
namespace {
struct Avx2Ops {
  using V = __m256;
  static constexpr bool has_shift = false;
  static constexpr bool has_deinterleave = false;
  static constexpr int width = 8;
  static V load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
  static V set1(float x) { return _mm256_set1_ps(x); }
  static V zero() { return _mm256_setzero_ps(); }
  static V add(V a, V b) { return _mm256_add_ps(a, b); }
  static V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
  static void stream(float* p, V v) { _mm256_stream_ps(p, v); }
};
void dw_row_avx2(const DwRowArgs& a) {
  dw_row<Avx2Ops>(a);
}
void stream_copy_avx2(float* dst, const float* src, int n) {
  stream_copy<Avx2Ops>(dst, src, n);
}
void gemm_avx2(const GemmArgs& g) {
  gemm<Avx2Ops, 6, 2>(g);
}
}  // namespace

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

const IsaKernels& isa_avx2() {
  static const IsaKernels k{"avx2", 8,    6, 16, &dw_row_avx2, &gemm_avx2, &stream_copy_avx2,
                            false,  false};
  return k;
}

}  // namespace sepconv::fast
