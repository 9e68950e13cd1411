// Memory estimates from the cost model's shapes and the feature stack's recipe.
#include "memory_budget.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "cost.h"
#include "error.h"
#include "feature_stack.h"

namespace sepconv {
namespace {

constexpr int64_t kFloat = sizeof(float);

int64_t shown(int channels) {
  return std::min(channels, kMaxPreviewChannels);
}

int64_t preview_pixels(int h, int w) {
  return fit_long_side(h, w, kPreviewLongSide).pixels();
}

constexpr int64_t kColouredBytes = 16 / 3 + 1;  // RGBA8 with mipmaps, rounded up
// Each preview pixel is a float and, coloured with its mipmaps, 4 x 4/3 bytes more; a
// switch of the colour range makes a second coloured set while the first is shown.
constexpr int64_t kPreviewPixelBytes = kFloat + 2 * kColouredBytes;

}  // namespace

int64_t spatial_display_bytes(const LayerSpec& spec, Size2 work) {
  const Shape3 out = output_shape(depthwise_params(spec, work.h, work.w), work.h, work.w);
  const int64_t channels = out.c;
  const int64_t shared = std::min<int64_t>(channels, kSharedPreviewChannels);
  const int64_t extra = 2 * shared - std::min<int64_t>(channels, kMaxPreviewChannels);
  return std::max<int64_t>(extra, 0) * preview_pixels(out.h, out.w) * kPreviewPixelBytes;
}

MemoryEstimate estimate_layer_memory(const LayerSpec& spec, EngineKind engine, int image_channels,
                                     int image_h, int image_w, Size2 work) {
  const LayerCosts c = layer_costs(spec, work.h, work.w);
  const int64_t work_plane = work.pixels();
  MemoryEstimate e;
  e.image = kFloat * image_channels * int64_t{image_h} * image_w;
  const bool resized = work.h != image_h || work.w != image_w;
  e.working_image = resized ? kFloat * image_channels * work_plane : 0;
  e.feature_scratch = kFloat * feature_stack_scratch_planes(image_channels, spec.m) * work_plane;
  e.input = kFloat * spec.m * work_plane;
  // The standard kernel is composed into a temporary before it is stored: count it twice.
  e.weights = kFloat * (2 * c.standard.params + c.depthwise.params + c.pointwise.params);
  e.standard = kFloat * c.standard.out.size();
  e.intermediate = kFloat * c.depthwise.out.size();
  e.separable = kFloat * c.pointwise.out.size();
  e.engine_scratch = separable_scratch_bytes(depthwise_params(spec, work.h, work.w),
                                             pointwise_params(spec), work.h, work.w, engine);
  const int64_t out_preview = preview_pixels(c.standard.out.h, c.standard.out.w);
  const int64_t mid_preview = preview_pixels(c.depthwise.out.h, c.depthwise.out.w);
  const int64_t preview_total = shown(spec.m) * preview_pixels(work.h, work.w) +
                                2 * shown(spec.n) * out_preview +
                                shown(spec.m * spec.depth_multiplier) * mid_preview;
  const int64_t overview = fit_long_side(image_h, image_w, kOverviewLongSide).pixels();
  e.display =
      preview_total * kPreviewPixelBytes + overview * (kFloat * image_channels + kColouredBytes);
  return e;
}

std::string MemoryEstimate::breakdown() const {
  std::string s;
  const auto part = [&s](const char* name, int64_t bytes) {
    if (bytes <= 0) return;
    s += (s.empty() ? "" : ", ") + std::string(name) + " " + format_bytes(bytes);
  };
  part("image", image);
  part("working copy", working_image);
  part("feature scratch", feature_scratch);
  part("input", input);
  part("weights", weights);
  part("standard output", standard);
  part("depthwise output", intermediate);
  part("separable output", separable);
  part("engine scratch", engine_scratch);
  part("spatially separable output", spatial);
  part("display copies", display);
  return s;
}

namespace {

// The memory limit of the process's control group (cgroup v2 "memory.max"), or 0 when
// there is none: a container or a systemd slice may allow far less than the machine has.
int64_t cgroup_memory_limit() {
  std::FILE* self = std::fopen("/proc/self/cgroup", "r");
  if (!self) return 0;
  char line[4096] = {};
  const bool read = std::fgets(line, sizeof line, self) != nullptr;
  std::fclose(self);
  // cgroup v2 has one line, "0::/path".
  if (!read || std::strncmp(line, "0::", 3) != 0) return 0;
  std::string group(line + 3);
  while (!group.empty() && (group.back() == '\n' || group.back() == '\r')) group.pop_back();
  std::FILE* f = std::fopen(("/sys/fs/cgroup" + group + "/memory.max").c_str(), "r");
  if (!f) return 0;
  long long limit = 0;
  const bool number = std::fscanf(f, "%lld", &limit) == 1;  // "max" means no limit
  std::fclose(f);
  return number && limit > 0 ? static_cast<int64_t>(limit) : 0;
}

// The address-space limit (ulimit -v), or 0 when unlimited.
int64_t address_space_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_AS, &r) != 0 || r.rlim_cur == RLIM_INFINITY) return 0;
  return static_cast<int64_t>(std::min<rlim_t>(r.rlim_cur, rlim_t{1} << 62));
}

}  // namespace

int64_t default_memory_budget() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  int64_t usable =
      pages > 0 && page_size > 0 ? static_cast<int64_t>(pages) * page_size : (int64_t{8} << 30);
  for (const int64_t limit : {cgroup_memory_limit(), address_space_limit()})
    if (limit > 0) usable = std::min(usable, limit);
  return std::min<int64_t>(usable / 2, int64_t{16} << 30);
}

Size2 working_size_of(const WorkingSize& size, int image_h, int image_w) {
  if (size.full()) return {image_h, image_w};
  return fit_pixels(image_h, image_w, static_cast<int64_t>(size.megapixels * 1e6));
}

double largest_fitting_megapixels(const LayerSpec& spec, EngineKind engine, int image_channels,
                                  int image_h, int image_w, int64_t budget) {
  // The estimate grows with the working size, so search the hundredths of a megapixel.
  const double full = static_cast<double>(image_h) * image_w / 1e6;
  int lo = 0, hi = static_cast<int>(std::floor(full * 100));
  const auto fits = [&](int hundredths) {
    if (hundredths <= 0) return true;
    try {
      const Size2 work = working_size_of(WorkingSize{hundredths / 100.0}, image_h, image_w);
      return estimate_layer_memory(spec, engine, image_channels, image_h, image_w, work).peak() <=
             budget;
    } catch (const Error&) {
      return false;  // too small for the kernel
    }
  };
  while (lo < hi) {
    const int mid = (lo + hi + 1) / 2;
    if (fits(mid))
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo / 100.0;
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
  // No decimals from 100 on: fewer digits to read.
  std::snprintf(buf, sizeof buf, u == 0 || v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

void check_memory_budget(const MemoryEstimate& e, int64_t budget, const std::string& what,
                         double fitting_megapixels) {
  if (e.peak() <= budget) return;
  std::string way_out = "lower M or N";
  if (fitting_megapixels > 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%gMP", fitting_megapixels);
    way_out = std::string("try the working size ") + buf + " (--working-size " + buf + ")";
  }
  throw Error(ErrorKind::OutOfBudget, what + " needs about " + format_bytes(e.peak()) + " (" +
                                          e.breakdown() + "), more than the budget of " +
                                          format_bytes(budget) + "; " + way_out);
}

}  // namespace sepconv
