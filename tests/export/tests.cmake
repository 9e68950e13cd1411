# The animation export encoders (app/export): MP4, GIF and PNG sequences written from
# synthetic frames and decoded back; refusals, cancel, a read-only folder, a full disk.
# sepconv_test_video_reader (the decoder, frame comparisons and a private mount) is a
# library so the app's export tests can decode and compare files too.
add_library(sepconv_test_video_reader STATIC ${CMAKE_CURRENT_LIST_DIR}/video_reader.cpp
                                             ${CMAKE_CURRENT_LIST_DIR}/synthetic_frames.cpp
                                             ${CMAKE_CURRENT_LIST_DIR}/private_mount.cpp)
target_include_directories(sepconv_test_video_reader PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(sepconv_test_video_reader PRIVATE PkgConfig::LIBAV)

add_executable(export_tests ${CMAKE_CURRENT_LIST_DIR}/test_animation_writer.cpp
                            ${CMAKE_CURRENT_LIST_DIR}/test_encode_queue.cpp
                            ${CMAKE_CURRENT_LIST_DIR}/test_animation_faults.cpp
                            ${CMAKE_CURRENT_LIST_DIR}/export_test_util.cpp)
target_link_libraries(export_tests PRIVATE sepconv_app_video sepconv_test_video_reader
                                           PkgConfig::STB GTest::gtest_main)
gtest_discover_tests(export_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
