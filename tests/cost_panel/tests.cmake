# Tests of the cost panel (app/views/cost_*, app/widgets/*): the numbers and strings it
# shows, plot ticks and mapping, export, and the panel driven in an ImGui context that
# has no backend. None of them needs a window or a display.
# sepconv_cost_panel (app/views) is the library the app links too: the panel and the
# widgets alone, so these tests link no GL or window code.
add_executable(cost_panel_tests
  ${CMAKE_CURRENT_LIST_DIR}/test_number_format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_plot.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_cost_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_cost_export.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_cost_panel_imgui.cpp
)
target_link_libraries(cost_panel_tests PRIVATE sepconv_cost_panel GTest::gtest_main)
# tests/gui/headless_imgui.h: the backend-less ImGui context the view tests share.
target_include_directories(cost_panel_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests/gui)
gtest_discover_tests(cost_panel_tests DISCOVERY_TIMEOUT 60)

# The panel in the real window, once the app exists: screenshots under xvfb-run.
if(TARGET sepconv-lab)
  find_package(nlohmann_json REQUIRED)
  add_executable(cost_panel_window_tests ${CMAKE_CURRENT_LIST_DIR}/test_cost_panel_window.cpp)
  target_link_libraries(cost_panel_window_tests PRIVATE sepconv::core
                                                        nlohmann_json::nlohmann_json
                                                        GTest::gtest_main)
  # tests/gui/app_runner.h: runs the app under xvfb-run and reads its screenshot back.
  target_include_directories(cost_panel_window_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests/gui)
  target_compile_definitions(cost_panel_window_tests PRIVATE
    SEPCONV_LAB_EXE="$<TARGET_FILE:sepconv-lab>")
  add_dependencies(cost_panel_window_tests sepconv-lab)
  gtest_discover_tests(cost_panel_window_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endif()
