# A man page written by help2man has the sections a reader looks for and lists the layer
# flags. Run: cmake -DPAGE=FILE -P check_man_page.cmake
if(NOT EXISTS "${PAGE}")
  message(FATAL_ERROR "${PAGE}: no such man page (is help2man installed?)")
endif()
file(READ "${PAGE}" text)
foreach(wanted ".SH SYNOPSIS" ".SH OPTIONS" "\\-\\-dk" "\\-\\-help")
  string(FIND "${text}" "${wanted}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${PAGE}: '${wanted}' not found")
  endif()
endforeach()
