// SSE2 instantiation of the fast kernels: the x86-64 baseline, runs on any CPU.
#include <emmintrin.h>

#include <cstring>

#include "fast/isa.h"
#include "fast/kernels_impl.h"

namespace sepconv::fast {
namespace {
struct Sse2Ops {
  using V = __m128;
  static constexpr bool has_shift = false;
  static constexpr bool has_deinterleave = false;
  static constexpr int width = 4;
  static V load(const float* p) { return _mm_loadu_ps(p); }
  static void store(float* p, V v) { _mm_storeu_ps(p, v); }
  static V set1(float x) { return _mm_set1_ps(x); }
  static V zero() { return _mm_setzero_ps(); }
  static V add(V a, V b) { return _mm_add_ps(a, b); }
  // No FMA in the baseline: a separate multiply and add.
  static V fma(V a, V b, V c) { return _mm_add_ps(_mm_mul_ps(a, b), c); }
  static void stream(float* p, V v) { _mm_stream_ps(p, v); }
};
void dw_row_sse2(const DwRowArgs& a) {
  dw_row<Sse2Ops>(a);
}
void stream_copy_sse2(float* dst, const float* src, int n) {
  stream_copy<Sse2Ops>(dst, src, n);
}
void gemm_sse2(const GemmArgs& g) {
  gemm<Sse2Ops, 4, 2>(g);
}
}  // namespace

const IsaKernels& isa_sse2() {
  static const IsaKernels k{"sse2", 4,    4, 8, &dw_row_sse2, &gemm_sse2, &stream_copy_sse2,
                            false,  false};
  return k;
}

}  // namespace sepconv::fast
