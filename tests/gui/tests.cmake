# Tests of the desktop app: the job runner and the settings file (always; no GL, also
# under TSAN), the views driven by a backend-less ImGui context, and the real window
# under xvfb-run.
sepconv_add_test(NAME gui_state_tests
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/test_job_runner.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_settings.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_asset_dirs.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_weight_files.cpp
  LIBS sepconv_app_state sepconv_app_settings
  PROPERTIES TIMEOUT 300)

if(TARGET sepconv_app_views)
  sepconv_add_test(NAME gui_views_tests
    SOURCES
      ${CMAKE_CURRENT_LIST_DIR}/test_views_headless.cpp
      ${CMAKE_CURRENT_LIST_DIR}/test_theme_headless.cpp
    LIBS sepconv_app_views)
endif()

if(TARGET sepconv-lab)
  # Runs the real app (under xvfb-run -a when $DISPLAY is unset) and checks screenshots.
  # Serial: concurrent `xvfb-run -a` calls can race for the same display number.
  sepconv_add_test(NAME gui_window_tests
    SOURCES
      ${CMAKE_CURRENT_LIST_DIR}/test_app_window.cpp
      ${CMAKE_CURRENT_LIST_DIR}/test_narrow_window.cpp
      ${CMAKE_CURRENT_LIST_DIR}/test_theme_window.cpp
    LIBS sepconv::core nlohmann_json::nlohmann_json
    APP
    PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
  # colormap.h only (no ImGui): the test computes the colours it expects from it.
  target_include_directories(gui_window_tests PRIVATE ${PROJECT_SOURCE_DIR}/app/state)

  # Camera-sized photos and scripted runs that must fail loudly (serial, as above).
  sepconv_add_test(NAME gui_own_photos_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_own_photos.cpp
    LIBS sepconv::core nlohmann_json::nlohmann_json
    DEFINITIONS SEPCONV_MAKE_PHOTO="$<TARGET_FILE:sepconv-make-photo>"
    DEPENDS sepconv-make-photo
    APP
    PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE)

  # The Animation tab at scripted positions in the real window (serial, as above).
  sepconv_add_test(NAME gui_animation_window_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_animation_window.cpp
    LIBS sepconv::core nlohmann_json::nlohmann_json
    APP
    PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)

  # File > Export animation, scripted, decoded back (serial, as above).
  sepconv_add_test(NAME gui_animation_export_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_animation_export_window.cpp
    LIBS sepconv::core sepconv_test_video_reader nlohmann_json::nlohmann_json
    APP
    PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)

  # Presentation mode, bad lesson files and --state-json in the real window (serial).
  sepconv_add_test(NAME gui_lessons_window_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_lessons_window.cpp
    LIBS sepconv::core nlohmann_json::nlohmann_json
    APP
    PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
endif()

if(TARGET sepconv_app_views)
  # The Animation tab with no window: several layers, positions and the keyboard.
  sepconv_add_test(NAME gui_animation_headless_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_animation_headless.cpp
    LIBS sepconv_app_views
    PROPERTIES TIMEOUT 300)

  # Lesson mode with no window: bundled steps, sessions, keys, predict then reveal.
  sepconv_add_test(NAME gui_lessons_headless_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_lessons_headless.cpp
    LIBS sepconv_app_views
    PROPERTIES TIMEOUT 300)

  # The soak: frames of the whole app with the animation playing and random changes
  # (short here; the long run is documented in the file and in docs/limits.md).
  sepconv_add_test(NAME gui_soak_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_soak_headless.cpp
    LIBS sepconv_app_views
    PROPERTIES TIMEOUT 900)
endif()
