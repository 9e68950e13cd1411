# sepconv_app_video: the animation export encoders (MP4 through libx264, GIF through
# libavcodec's gif encoder with a libavfilter palette, PNG sequences through stb). No GL
# or ImGui, so it is tested without a window; core/ never sees FFmpeg. GLOBAL: the tests
# and bench/ link PkgConfig::LIBAV too.
pkg_check_modules(LIBAV REQUIRED IMPORTED_TARGET GLOBAL libavcodec libavformat libavfilter libswscale
                  libavutil)
add_library(sepconv_app_video STATIC
  ${CMAKE_CURRENT_LIST_DIR}/animation_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/encode_queue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/output_place.cpp
  ${CMAKE_CURRENT_LIST_DIR}/libav_util.cpp
  ${CMAKE_CURRENT_LIST_DIR}/libav_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mp4_sink.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gif_palette.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gif_sink.cpp
  ${CMAKE_CURRENT_LIST_DIR}/png_sequence_sink.cpp
)
target_include_directories(sepconv_app_video PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(sepconv_app_video PUBLIC sepconv::core PRIVATE PkgConfig::LIBAV PkgConfig::STB)
