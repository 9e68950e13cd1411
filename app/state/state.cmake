# sepconv_app_state: AppState, the job runner and the image loader. No GL, GLFW or
# ImGui, so it builds (and is tested under ThreadSanitizer) with SEPCONV_BUILD_APP=OFF.
add_library(sepconv_app_state STATIC
  ${CMAKE_CURRENT_LIST_DIR}/app_state.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compute.cpp
  ${CMAKE_CURRENT_LIST_DIR}/image_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/job_runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/region_worker.cpp
  ${CMAKE_CURRENT_LIST_DIR}/export_job.cpp
  ${CMAKE_CURRENT_LIST_DIR}/display_tiles.cpp
  ${CMAKE_CURRENT_LIST_DIR}/background_priority.cpp
  ${CMAKE_CURRENT_LIST_DIR}/weight_edits.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lesson_player.cpp
  ${CMAKE_CURRENT_LIST_DIR}/asset_dirs.cpp
)
target_include_directories(sepconv_app_state PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(sepconv_app_state PUBLIC sepconv::core Threads::Threads)
# Where a binary run from this build tree finds the bundled samples and lessons
# (asset_dirs.h); installed copies use ../share/sepconv-lab only.
target_compile_definitions(sepconv_app_state PRIVATE
  SEPCONV_SOURCE_ASSETS="${PROJECT_SOURCE_DIR}/assets"
  SEPCONV_BUILD_ROOT="${PROJECT_BINARY_DIR}")
