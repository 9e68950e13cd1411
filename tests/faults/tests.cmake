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

  sepconv_add_test(NAME fault_window_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_window_faults.cpp
    LIBS sepconv::core nlohmann_json::nlohmann_json
    DEPENDS sepconv
    APP
    PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
endif()
