# Tests of the cost panel (app/views/cost_*, app/widgets/*): the numbers and strings it
# shows, plot ticks and mapping, export, and the panel driven in an ImGui context that
# has no backend. None of them needs a window or a display.
# sepconv_cost_panel (app/views) is the library the app links too: the panel and the
# widgets alone, so these tests link no GL or window code.
sepconv_add_test(NAME cost_panel_tests
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/test_number_format.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_plot.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_cost_text.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_cost_export.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_cost_panel_imgui.cpp
  LIBS sepconv_cost_panel)
# tests/gui/headless_imgui.h: the backend-less ImGui context the view tests share.
target_include_directories(cost_panel_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests/gui)

# The panel in the real window, once the app exists: screenshots under xvfb-run.
if(TARGET sepconv-lab)
  sepconv_add_test(NAME cost_panel_window_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cost_panel_window.cpp
    LIBS sepconv::core nlohmann_json::nlohmann_json
    APP
    PROPERTIES TIMEOUT 300)
  # tests/gui/app_runner.h: runs the app under xvfb-run and reads its screenshot back.
  target_include_directories(cost_panel_window_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests/gui)
endif()
