# Tests of the desktop app: the job runner and the settings file (always; no GL, also
# under TSAN), the views driven by a backend-less ImGui context, and the real window
# under xvfb-run.
add_executable(gui_state_tests ${CMAKE_CURRENT_LIST_DIR}/test_job_runner.cpp
                               ${CMAKE_CURRENT_LIST_DIR}/test_settings.cpp
                               ${CMAKE_CURRENT_LIST_DIR}/test_asset_dirs.cpp
                               ${CMAKE_CURRENT_LIST_DIR}/test_weight_files.cpp)
target_link_libraries(gui_state_tests PRIVATE sepconv_app_state sepconv_app_settings
                                              GTest::gtest_main)
gtest_discover_tests(gui_state_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)

if(TARGET sepconv_app_views)
  add_executable(gui_views_tests ${CMAKE_CURRENT_LIST_DIR}/test_views_headless.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/test_theme_headless.cpp)
  target_link_libraries(gui_views_tests PRIVATE sepconv_app_views GTest::gtest_main)
  gtest_discover_tests(gui_views_tests DISCOVERY_TIMEOUT 60)
endif()

if(TARGET sepconv-lab)
  # Runs the real app (under xvfb-run -a when $DISPLAY is unset) and checks screenshots.
  find_package(nlohmann_json REQUIRED)
  add_executable(gui_window_tests ${CMAKE_CURRENT_LIST_DIR}/test_app_window.cpp
                                  ${CMAKE_CURRENT_LIST_DIR}/test_narrow_window.cpp
                                  ${CMAKE_CURRENT_LIST_DIR}/test_theme_window.cpp)
  target_link_libraries(gui_window_tests PRIVATE sepconv::core nlohmann_json::nlohmann_json
                                                 GTest::gtest_main)
  # colormap.h only (no ImGui): the test computes the colours it expects from it.
  target_include_directories(gui_window_tests PRIVATE ${PROJECT_SOURCE_DIR}/app/state)
  target_compile_definitions(gui_window_tests PRIVATE
    SEPCONV_LAB_EXE="$<TARGET_FILE:sepconv-lab>")
  add_dependencies(gui_window_tests sepconv-lab)
  # Serial: concurrent `xvfb-run -a` calls can race for the same display number.
  gtest_discover_tests(gui_window_tests DISCOVERY_TIMEOUT 60
                       PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
endif()

if(TARGET sepconv-lab)
  # Camera-sized photos and scripted runs that must fail loudly (serial, as above).
  find_package(nlohmann_json REQUIRED)
  add_executable(gui_own_photos_tests ${CMAKE_CURRENT_LIST_DIR}/test_own_photos.cpp)
  target_link_libraries(gui_own_photos_tests PRIVATE sepconv::core nlohmann_json::nlohmann_json
                                                     GTest::gtest_main)
  target_compile_definitions(gui_own_photos_tests PRIVATE
    SEPCONV_LAB_EXE="$<TARGET_FILE:sepconv-lab>"
    SEPCONV_MAKE_PHOTO="$<TARGET_FILE:sepconv-make-photo>"
    SEPCONV_ASSETS_DIR="${PROJECT_SOURCE_DIR}/assets")
  add_dependencies(gui_own_photos_tests sepconv-lab sepconv-make-photo)
  gtest_discover_tests(gui_own_photos_tests DISCOVERY_TIMEOUT 60
                       PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE)
endif()

if(TARGET sepconv-lab AND TARGET sepconv_app_animation)
  # The Animation tab at scripted positions in the real window (serial, as above).
  add_executable(gui_animation_window_tests ${CMAKE_CURRENT_LIST_DIR}/test_animation_window.cpp)
  target_link_libraries(gui_animation_window_tests PRIVATE sepconv::core
                        nlohmann_json::nlohmann_json GTest::gtest_main)
  target_compile_definitions(gui_animation_window_tests PRIVATE
    SEPCONV_LAB_EXE="$<TARGET_FILE:sepconv-lab>")
  add_dependencies(gui_animation_window_tests sepconv-lab)
  gtest_discover_tests(gui_animation_window_tests DISCOVERY_TIMEOUT 60
                       PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
endif()

if(TARGET sepconv-lab AND TARGET sepconv_test_video_reader)
  # File > Export animation, scripted, decoded back (serial, as above).
  add_executable(gui_animation_export_tests
                 ${CMAKE_CURRENT_LIST_DIR}/test_animation_export_window.cpp)
  target_link_libraries(gui_animation_export_tests PRIVATE sepconv::core sepconv_test_video_reader
                        nlohmann_json::nlohmann_json GTest::gtest_main)
  target_compile_definitions(gui_animation_export_tests PRIVATE
    SEPCONV_LAB_EXE="$<TARGET_FILE:sepconv-lab>"
    SEPCONV_ASSETS_DIR="${PROJECT_SOURCE_DIR}/assets")
  add_dependencies(gui_animation_export_tests sepconv-lab)
  gtest_discover_tests(gui_animation_export_tests DISCOVERY_TIMEOUT 60
                       PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
endif()

if(TARGET sepconv_app_views AND TARGET sepconv_app_animation)
  # The Animation tab with no window: several layers, positions and the keyboard.
  add_executable(gui_animation_headless_tests
                 ${CMAKE_CURRENT_LIST_DIR}/test_animation_headless.cpp)
  target_link_libraries(gui_animation_headless_tests PRIVATE sepconv_app_views GTest::gtest_main)
  gtest_discover_tests(gui_animation_headless_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endif()

if(TARGET sepconv_app_views AND TARGET sepconv_app_animation)
  # Lesson mode with no window: bundled steps, sessions, keys, predict then reveal.
  add_executable(gui_lessons_headless_tests ${CMAKE_CURRENT_LIST_DIR}/test_lessons_headless.cpp)
  target_link_libraries(gui_lessons_headless_tests PRIVATE sepconv_app_views GTest::gtest_main)
  target_compile_definitions(gui_lessons_headless_tests PRIVATE
    SEPCONV_ASSETS_DIR="${PROJECT_SOURCE_DIR}/assets"
    SEPCONV_PROJECT_VERSION="${PROJECT_VERSION}")
  gtest_discover_tests(gui_lessons_headless_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endif()

if(TARGET sepconv-lab)
  # Presentation mode, bad lesson files and --state-json in the real window (serial).
  add_executable(gui_lessons_window_tests ${CMAKE_CURRENT_LIST_DIR}/test_lessons_window.cpp)
  target_link_libraries(gui_lessons_window_tests PRIVATE sepconv::core
                        nlohmann_json::nlohmann_json GTest::gtest_main)
  target_compile_definitions(gui_lessons_window_tests PRIVATE
    SEPCONV_LAB_EXE="$<TARGET_FILE:sepconv-lab>"
    SEPCONV_ASSETS_DIR="${PROJECT_SOURCE_DIR}/assets")
  add_dependencies(gui_lessons_window_tests sepconv-lab)
  gtest_discover_tests(gui_lessons_window_tests DISCOVERY_TIMEOUT 60
                       PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
endif()

if(TARGET sepconv_app_views AND TARGET sepconv_app_animation)
  # The soak: frames of the whole app with the animation playing and random changes
  # (short here; the long run is documented in the file and in docs/limits.md).
  add_executable(gui_soak_tests ${CMAKE_CURRENT_LIST_DIR}/test_soak_headless.cpp)
  target_link_libraries(gui_soak_tests PRIVATE sepconv_app_views GTest::gtest_main)
  gtest_discover_tests(gui_soak_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 900)
endif()
