// AVX-512 instantiation of the fast kernels (compiled for AVX-512 only in this file,
// called only after a CPU check).
#include <immintrin.h>

#include <cstring>

#include "fast/isa.h"

#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma")

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
};
void dw_row_avx512(const DwRowArgs& a) {
  dw_row<Avx512Ops>(a);
}
void gemm_avx512(const GemmArgs& g) {
  gemm<Avx512Ops, 8, 3>(g);
}
}  // namespace

#pragma GCC pop_options

const IsaKernels& isa_avx512() {
  static const IsaKernels k{"avx512", 16, 8, 48, &dw_row_avx512, &gemm_avx512};
  return k;
}

}  // namespace sepconv::fast
