# Hand-edited weights in the app state (no window).
sepconv_add_test(NAME weight_edit_tests
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_weight_edits.cpp
  LIBS sepconv_app_state)
