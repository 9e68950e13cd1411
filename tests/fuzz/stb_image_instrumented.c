/* stb_image compiled into the image fuzz target (SEPCONV_FUZZ only), from Debian's own
   header: Debian's libstb.so has no coverage or sanitizer instrumentation, so without
   this the fuzzer would be blind inside the decoder. The executable's definitions take
   precedence over the shared library's, for core's calls too. */
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
