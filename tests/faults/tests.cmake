# Faults (docs/limits.md): every write path against a full disk and a read-only folder
# (a script, in a private mount namespace), and the window's faults: a shader that does
# not compile, no display, no OpenGL 3.3 context.
if(TARGET sepconv-lab)
  add_test(NAME Faults.WritePathsOnFullDiskAndReadOnlyFolder
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_write_faults.sh $<TARGET_FILE:sepconv>
                   $<TARGET_FILE:sepconv-lab> ${PROJECT_SOURCE_DIR}/assets/shapes.png)
  # Serial: it starts the app several times under `xvfb-run -a` when there is no display.
  set_tests_properties(Faults.WritePathsOnFullDiskAndReadOnlyFolder
                       PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE)

  find_package(nlohmann_json REQUIRED)
  add_executable(fault_window_tests ${CMAKE_CURRENT_LIST_DIR}/test_window_faults.cpp)
  target_include_directories(fault_window_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(fault_window_tests PRIVATE sepconv::core nlohmann_json::nlohmann_json
                                                   GTest::gtest_main)
  target_compile_definitions(fault_window_tests PRIVATE
    SEPCONV_LAB_EXE="$<TARGET_FILE:sepconv-lab>")
  add_dependencies(fault_window_tests sepconv-lab sepconv)
  gtest_discover_tests(fault_window_tests DISCOVERY_TIMEOUT 60
                       PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
endif()
