# Tests of core/fast against the reference (owned by the fast-engine work).
set(SEPCONV_FAST_TEST_SOURCES
  fast/fast_test_support.cpp
  fast/conv_case.cpp
  fast/test_depthwise.cpp
  fast/test_gemm_conv.cpp
  fast/test_separable.cpp
  fast/test_engine.cpp
  fast/test_parallel.cpp
)
