# Fuzz targets (docs/fuzzing.md). With SEPCONV_FUZZ (clang) each is a libFuzzer binary;
# otherwise each is linked with replay_main.cpp (compiled once, sepconv_fuzz_replay). Either way ctest replays the seed corpus
# (written at build time by sepconv-fuzz-seeds) and tests/fuzz/regressions/<target>/.
set(SEPCONV_FUZZ_TARGETS image npy lesson layer_flags trace)
set(SEPCONV_FUZZ_SEEDS ${CMAKE_CURRENT_BINARY_DIR}/fuzz/seeds)
set(SEPCONV_FUZZ_REGRESSIONS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regressions)

add_executable(sepconv-fuzz-seeds fuzz/make_seeds.cpp)
target_link_libraries(sepconv-fuzz-seeds PRIVATE sepconv::core PkgConfig::STB)
file(GLOB SEPCONV_FUZZ_LESSONS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/assets/lessons/*.json)
add_custom_command(
  OUTPUT ${SEPCONV_FUZZ_SEEDS}/stamp
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${SEPCONV_FUZZ_SEEDS}
  COMMAND sepconv-fuzz-seeds ${SEPCONV_FUZZ_SEEDS} ${PROJECT_SOURCE_DIR}/assets
  COMMAND ${CMAKE_COMMAND} -E touch ${SEPCONV_FUZZ_SEEDS}/stamp
  DEPENDS sepconv-fuzz-seeds ${SEPCONV_FUZZ_LESSONS}
  COMMENT "Writing the fuzz seed corpora")
add_custom_target(sepconv_fuzz_seeds ALL DEPENDS ${SEPCONV_FUZZ_SEEDS}/stamp)

if(NOT SEPCONV_FUZZ)
  add_library(sepconv_fuzz_replay OBJECT fuzz/replay_main.cpp)
  target_include_directories(sepconv_fuzz_replay PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
  target_link_libraries(sepconv_fuzz_replay PRIVATE sepconv::core)
endif()
foreach(target IN LISTS SEPCONV_FUZZ_TARGETS)
  set(exe fuzz_${target})
  add_executable(${exe} fuzz/fuzz_${target}.cpp)
  target_include_directories(${exe} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
  target_link_libraries(${exe} PRIVATE sepconv::core)
  if(SEPCONV_FUZZ)
    target_link_options(${exe} PRIVATE -fsanitize=fuzzer)
    set(replay_args -runs=0)  # libFuzzer runs each given input once and stops
  else()
    target_link_libraries(${exe} PRIVATE sepconv_fuzz_replay)
    set(replay_args)
  endif()
  add_dependencies(${exe} sepconv_fuzz_seeds)
  set(inputs ${SEPCONV_FUZZ_SEEDS}/${target})
  if(EXISTS ${SEPCONV_FUZZ_REGRESSIONS}/${target})
    list(APPEND inputs ${SEPCONV_FUZZ_REGRESSIONS}/${target})
  endif()
  add_test(NAME Fuzz.Replay.${target} COMMAND ${exe} ${replay_args} ${inputs})
  # Some regressions are inputs that once hung: a hang fails instead of stalling the run.
  set_tests_properties(Fuzz.Replay.${target} PROPERTIES TIMEOUT 120)
endforeach()
target_link_libraries(fuzz_layer_flags PRIVATE sepconv_layer_flags)
if(SEPCONV_FUZZ)
  # The decoder itself instrumented, so coverage guides the fuzzer inside it.
  target_sources(fuzz_image PRIVATE fuzz/stb_image_instrumented.c)
  # Warnings off (not our code), and the UBSan checks of arithmetic that stb's decoders
  # trip on damaged data where no memory is at stake (docs/fuzzing.md): a shift by 32 in
  # the JPEG bit reader, a float cast to a byte in the PSD matte removal, null + 0 and a
  # 0-byte memcpy for an empty PNG IDAT chunk; signed overflow goes with them. ASan and the
  # bounds check stay on, so what these do to memory is still caught.
  set_source_files_properties(
    fuzz/stb_image_instrumented.c PROPERTIES
    COMPILE_OPTIONS
      "-w;-fno-sanitize=shift,signed-integer-overflow,float-cast-overflow,pointer-overflow,nonnull-attribute")
  target_link_libraries(fuzz_image PRIVATE PkgConfig::STB)
endif()
