# Turns shader files into a C++ header of string constants (run with cmake -P), so the
# installed app needs no source tree. Each file foo.frag becomes kShader_foo_frag.
file(WRITE ${OUTPUT}.tmp "// Generated from shaders/ by shaders/embed.cmake. Do not edit.\n#pragma once\n\n")
foreach(input IN LISTS INPUTS)
  get_filename_component(name ${input} NAME)
  string(MAKE_C_IDENTIFIER ${name} id)
  file(READ ${input} text)
  file(APPEND ${OUTPUT}.tmp "inline constexpr char kShader_${id}[] = R\"glsl(${text})glsl\";\n\n")
endforeach()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
