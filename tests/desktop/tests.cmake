# The desktop files (app/desktop): the launcher and the metadata pass their validators,
# the icon exists at every size, the man pages have their sections. Under 5 s in all.
if(NOT TARGET sepconv-desktop-files)
  return()
endif()
get_target_property(desktop_file sepconv-desktop-files SEPCONV_DESKTOP_FILE)
get_target_property(metainfo_file sepconv-desktop-files SEPCONV_METAINFO_FILE)
get_target_property(icon_sizes sepconv-desktop-files SEPCONV_ICON_SIZES)
get_target_property(icon_name sepconv-desktop-files SEPCONV_ICON_FILE_NAME)
get_target_property(man_pages sepconv-desktop-files SEPCONV_MAN_PAGES)
get_target_property(desktop_dir sepconv-desktop-files BINARY_DIR)

find_program(SEPCONV_DESKTOP_FILE_VALIDATE desktop-file-validate)
if(SEPCONV_DESKTOP_FILE_VALIDATE)
  add_test(NAME desktop.entry_validates
           COMMAND ${SEPCONV_DESKTOP_FILE_VALIDATE} ${desktop_file})
else()
  message(STATUS "desktop-file-validate not found (desktop-file-utils): its test is skipped")
endif()
find_program(SEPCONV_APPSTREAMCLI appstreamcli)
if(SEPCONV_APPSTREAMCLI)
  add_test(NAME desktop.metainfo_validates
           COMMAND ${SEPCONV_APPSTREAMCLI} validate --no-net ${metainfo_file})
else()
  message(STATUS "appstreamcli not found (appstream): its test is skipped")
endif()

string(REPLACE ";" "," icon_size_list "${icon_sizes}")
sepconv_add_test(NAME desktop_tests
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_icons.cpp
  LIBS sepconv::core
  DEFINITIONS
    SEPCONV_ICON_DIR="${desktop_dir}/icons/hicolor" SEPCONV_ICON_NAME="${icon_name}"
    SEPCONV_ICON_SIZES=${icon_size_list}
  DEPENDS sepconv-desktop-files
  TEST_PREFIX desktop.)

foreach(page IN LISTS man_pages)
  get_filename_component(name ${page} NAME)
  add_test(NAME desktop.man_page.${name}
           COMMAND ${CMAKE_COMMAND} -DPAGE=${page} -P ${CMAKE_CURRENT_LIST_DIR}/check_man_page.cmake)
endforeach()
