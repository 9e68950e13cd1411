// Memory estimates from the cost model's shapes.
#include "memory_budget.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "cost.h"
#include "error.h"

namespace sepconv {

int64_t estimate_layer_bytes(const LayerSpec& spec, int image_channels, int in_h, int in_w) {
  const LayerCosts c = layer_costs(spec, in_h, in_w);
  const int64_t plane = static_cast<int64_t>(in_h) * in_w;
  const int64_t floats = plane * (image_channels + spec.m) + c.standard.params +
                         c.separable.params + c.depthwise.out.size() + c.standard.out.size() +
                         c.separable.out.size();
  return 4 * floats;
}

int64_t default_memory_budget() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  const int64_t physical =
      pages > 0 && page_size > 0 ? static_cast<int64_t>(pages) * page_size : (int64_t{8} << 30);
  return std::min<int64_t>(physical / 2, int64_t{16} << 30);
}

std::string format_bytes(int64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

void check_memory_budget(int64_t bytes, int64_t budget, const std::string& what) {
  if (bytes > budget) {
    throw Error(ErrorKind::OutOfBudget, what + " needs about " + format_bytes(bytes) +
                                            " of memory, more than the budget of " +
                                            format_bytes(budget));
  }
}

}  // namespace sepconv
