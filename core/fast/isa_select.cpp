// Run-time choice of the widest kernel set the CPU supports.
#include <cstdlib>
#include <string>

#include "fast/isa.h"

namespace sepconv::fast {

bool isa_supported(const IsaKernels& isa) {
  const std::string name = isa.name;
  if (name == "avx512") {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("fma");
  }
  if (name == "avx2") return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return true;  // SSE2 is part of x86-64
}

const IsaKernels* isa_by_name(const std::string& name) {
  for (const IsaKernels* isa : {&isa_avx512(), &isa_avx2(), &isa_sse2()}) {
    if (name == isa->name) return isa_supported(*isa) ? isa : nullptr;
  }
  return nullptr;
}

const IsaKernels& best_isa() {
  static const IsaKernels& chosen = []() -> const IsaKernels& {
    // An override lets a developer compare or test the narrower paths on a wide CPU.
    if (const char* env = std::getenv("SEPCONV_FAST_ISA")) {
      if (const IsaKernels* isa = isa_by_name(env)) return *isa;
    }
    for (const IsaKernels* isa : {&isa_avx512(), &isa_avx2()}) {
      if (isa_supported(*isa)) return *isa;
    }
    return isa_sse2();
  }();
  return chosen;
}

}  // namespace sepconv::fast
