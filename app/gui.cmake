# The sepconv-lab GUI: sepconv_app_views (ImGui only: testable with no window) and the
# executable (GLFW window, glad generated at build time, shaders embedded at build time).
find_package(glfw3 3.3 REQUIRED)
find_package(OpenGL REQUIRED)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
find_program(SEPCONV_GLAD glad REQUIRED)

# --- views -----------------------------------------------------------------------
# The cost panel (issue #5) and the animation tab's drawing code (issue #4) list their
# own sources; both are part of the views library.
include(${CMAKE_CURRENT_SOURCE_DIR}/views/cost_panel.cmake)
include(${CMAKE_CURRENT_SOURCE_DIR}/animation/animation_view.cmake)
add_library(sepconv_app_views STATIC
  views/animation_panel.cpp
  views/banner.cpp
  views/channel_tiles.cpp
  views/channel_viewer.cpp
  views/costs_region.cpp
  views/animation_export_dialog.cpp
  views/export_dialog.cpp
  views/file_browser.cpp
  views/about_window.cpp
  views/help_window.cpp
  views/input_panel.cpp
  views/kernel_editor.cpp
  views/layout.cpp
  views/layout_record.cpp
  views/lesson_dialog.cpp
  views/lesson_keys.cpp
  views/lesson_strip.cpp
  views/main_menu.cpp
  views/outputs_panel.cpp
  views/parameters_panel.cpp
  views/status_bar.cpp
  ${SEPCONV_COST_PANEL_SOURCES}
  ${SEPCONV_ANIMATION_VIEW_SOURCES}
)
target_include_directories(sepconv_app_views PUBLIC
  ${CMAKE_CURRENT_SOURCE_DIR}/views ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(sepconv_app_views PUBLIC sepconv_app_state sepconv_app_animation sepconv_app_video
                                               PkgConfig::IMGUI)
# Help > About shows project(VERSION), the number --version prints.
target_compile_definitions(sepconv_app_views PRIVATE SEPCONV_VERSION="${PROJECT_VERSION}")

# --- glad: generated into the build tree, never committed --------------------------
set(SEPCONV_GLAD_DIR ${CMAKE_CURRENT_BINARY_DIR}/glad)
add_custom_command(
  OUTPUT ${SEPCONV_GLAD_DIR}/include/glad/gl.h ${SEPCONV_GLAD_DIR}/src/gl.c
  COMMAND ${SEPCONV_GLAD} --reproducible --quiet --api gl:core=3.3
          --out-path ${SEPCONV_GLAD_DIR} c
  COMMENT "Generating the OpenGL 3.3 core loader with glad"
  VERBATIM)
add_library(sepconv_glad STATIC ${SEPCONV_GLAD_DIR}/src/gl.c)
target_include_directories(sepconv_glad PUBLIC ${SEPCONV_GLAD_DIR}/include)
target_link_libraries(sepconv_glad PUBLIC ${CMAKE_DL_LIBS})

# --- shaders: each file in shaders/ becomes a string constant in a generated header ---
set(SEPCONV_SHADER_FILES
  ${PROJECT_SOURCE_DIR}/shaders/fullscreen.vert
  ${PROJECT_SOURCE_DIR}/shaders/colormap.frag)
set(SEPCONV_SHADER_HEADER ${CMAKE_CURRENT_BINARY_DIR}/generated/shader_sources.h)
add_custom_command(
  OUTPUT ${SEPCONV_SHADER_HEADER}
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${SEPCONV_SHADER_HEADER}
          "-DINPUTS=${SEPCONV_SHADER_FILES}" -P ${PROJECT_SOURCE_DIR}/shaders/embed.cmake
  DEPENDS ${SEPCONV_SHADER_FILES} ${PROJECT_SOURCE_DIR}/shaders/embed.cmake
  COMMENT "Embedding shaders"
  VERBATIM)

# --- the executable --------------------------------------------------------------
add_executable(sepconv-lab
  main.cpp
  app_loop.cpp
  loop_actions.cpp
  script_files.cpp
  platform/file_dialog.cpp
  platform/options.cpp
  platform/window.cpp
  render/renderer.cpp
  render/offscreen_ui.cpp
  render/animation_recorder.cpp
  ${SEPCONV_SHADER_HEADER})
target_include_directories(sepconv-lab PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}
                                               ${CMAKE_CURRENT_BINARY_DIR}/generated)
target_link_libraries(sepconv-lab PRIVATE sepconv_app_views sepconv_app_settings sepconv_glad
                                          glfw OpenGL::GL sepconv_layer_flags)

include(GNUInstallDirs)
install(TARGETS sepconv-lab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Samples and lessons alike, where Debian puts an application's data; the app finds them
# relative to its binary (../share/sepconv-lab), so a relocated prefix works.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/sepconv-lab
        FILES_MATCHING PATTERN "*.png" PATTERN "*.jpg" PATTERN "*.json")
