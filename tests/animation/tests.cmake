# The animation model, tested without a window.
add_executable(animation_tests ${CMAKE_CURRENT_LIST_DIR}/test_animation_model.cpp
                               ${CMAKE_CURRENT_LIST_DIR}/test_animation_crop.cpp
                               ${CMAKE_CURRENT_LIST_DIR}/test_animation_script.cpp
                               ${CMAKE_CURRENT_LIST_DIR}/test_animation_range.cpp
                               ${CMAKE_CURRENT_LIST_DIR}/test_spatial_walk.cpp)
target_link_libraries(animation_tests PRIVATE sepconv_app_animation GTest::gtest_main)
gtest_discover_tests(animation_tests DISCOVERY_TIMEOUT 60)
