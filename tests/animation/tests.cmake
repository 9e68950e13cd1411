# The animation model, tested without a window.
sepconv_add_test(NAME animation_tests
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/test_animation_model.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_animation_crop.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_animation_script.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_animation_range.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_spatial_walk.cpp
  LIBS sepconv_app_animation)
