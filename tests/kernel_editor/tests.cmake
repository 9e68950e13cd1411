# Hand-edited weights in the app state (no window).
add_executable(weight_edit_tests ${CMAKE_CURRENT_LIST_DIR}/test_weight_edits.cpp)
target_link_libraries(weight_edit_tests PRIVATE sepconv_app_state GTest::gtest_main)
gtest_discover_tests(weight_edit_tests DISCOVERY_TIMEOUT 60)
