# Tests of core/fast against the reference (owned by the fast-engine work).
set(SEPCONV_FAST_TEST_SOURCES "")
