# The fast engine (threads + SIMD). Only isa_avx512.cpp / isa_avx2.cpp contain wide
# instructions (via target pragmas), and they run only after a CPU check.
set(SEPCONV_FAST_SOURCES
  fast/isa_select.cpp
  fast/isa_sse2.cpp
  fast/isa_avx2.cpp
  fast/isa_avx512.cpp
  fast/parallel.cpp
  fast/gather.cpp
  fast/depthwise.cpp
  fast/dw_in_place.cpp
  fast/gemm_conv.cpp
  fast/fused.cpp
  fast/dispatch.cpp
)
