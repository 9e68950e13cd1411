// sepconv-lab: the desktop app. Parses the command line and runs the frame loop
// (app_loop.h): poll input, upload what changed, build the UI (views edit AppState),
// apply the changes (start or cancel jobs), render, swap.
#include <cstdio>
#include <exception>
#include <new>
#include <optional>

#include "app_loop.h"
#include "platform/options.h"

namespace sepconv::app {
namespace {

int Run(int argc, char** argv) {
  int exit_code = 0;
  std::optional<Options> parsed = ParseOptions(argc, argv, &exit_code);
  if (!parsed) return exit_code;
  AppLoop loop(*parsed);
  if (const int code = loop.Start(); code != 0) return code;
  while (loop.Running()) loop.Frame();
  return loop.Finish();
}

}  // namespace
}  // namespace sepconv::app

#if defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>
// Under AddressSanitizer only: keep the GL driver mapped after Mesa closes it at exit, so
// its allocations stay reachable and LeakSanitizer does not report them as frames of an
// unloaded module (no suppressions file is needed). Does nothing elsewhere.
static void KeepGlDriverLoaded() {
  for (const char* lib : {"libGLX_mesa.so.0", "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"})
    (void)dlopen(lib, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
}
#else
static void KeepGlDriverLoaded() {}
#endif

int main(int argc, char** argv) {
  KeepGlDriverLoaded();
  // Work that can fail is caught where it runs (jobs, loads, writes); this is the last
  // line, so nothing ends the app without a word.
  try {
    return sepconv::app::Run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "sepconv-lab: out of memory\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sepconv-lab: unexpected error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "sepconv-lab: unexpected error of unknown type\n");
  }
  return 1;
}
