# The install layout and the Debian package, checked by installing into a temporary
# DESTDIR and by building the .deb (serial: both read the whole build tree).
if(TARGET sepconv-lab)
  add_test(NAME Install.InstalledAppFindsItsDataFromAnotherFolder
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_install.sh ${PROJECT_BINARY_DIR}
                   ${PROJECT_VERSION})
  add_test(NAME Install.DebianPackageHoldsEverythingWithItsDepends
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_deb.sh ${PROJECT_BINARY_DIR}
                   ${PROJECT_VERSION})
  set_tests_properties(Install.InstalledAppFindsItsDataFromAnotherFolder
                       Install.DebianPackageHoldsEverythingWithItsDepends
                       PROPERTIES RUN_SERIAL TRUE TIMEOUT 300)
endif()
