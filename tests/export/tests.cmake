# The animation export encoders (app/export): MP4, GIF and PNG sequences written from
# synthetic frames and decoded back; refusals, cancel, a read-only folder, a full disk.
# sepconv_test_video_reader (the decoder, frame comparisons and a private mount) is a
# library so the app's export tests can decode and compare files too.
add_library(sepconv_test_video_reader STATIC ${CMAKE_CURRENT_LIST_DIR}/video_reader.cpp
                                             ${CMAKE_CURRENT_LIST_DIR}/synthetic_frames.cpp
                                             ${CMAKE_CURRENT_LIST_DIR}/private_mount.cpp)
target_include_directories(sepconv_test_video_reader PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(sepconv_test_video_reader PRIVATE PkgConfig::LIBAV)

sepconv_add_test(NAME export_tests
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/test_animation_writer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_encode_queue.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_animation_faults.cpp
    ${CMAKE_CURRENT_LIST_DIR}/export_test_util.cpp
  LIBS sepconv_app_video sepconv_test_video_reader PkgConfig::STB
  PROPERTIES TIMEOUT 300)
