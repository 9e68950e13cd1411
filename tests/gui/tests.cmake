# Tests of the desktop app: the job runner (always; no GL, also under TSAN), the views
# driven by a backend-less ImGui context, and the real window under xvfb-run.
add_executable(gui_state_tests ${CMAKE_CURRENT_LIST_DIR}/test_job_runner.cpp)
target_link_libraries(gui_state_tests PRIVATE sepconv_app_state GTest::gtest_main)
gtest_discover_tests(gui_state_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
