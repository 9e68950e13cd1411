// Tensor construction and shape formatting.
#include "tensor.h"

#include <atomic>

#include <algorithm>
#include <limits>

#include "error.h"
#include "fast/parallel.h"
#include "run_control.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace sepconv {

namespace {
constexpr size_t kLineBytes = 64;
constexpr size_t kHugePageBytes = size_t{2} << 20;
// Below this a block is not worth a huge page's rounding.
constexpr size_t kHugeMinBytes = size_t{8} << 20;

size_t huge_rounded(size_t bytes) {
  return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
}

// What tensor storage holds now and at most since the last reset: the memory estimate is
// checked against these (tests/core/test_memory_estimate.cpp).
std::atomic<int64_t> g_bytes_in_use{0};
std::atomic<int64_t> g_bytes_peak{0};

void count_allocation(int64_t bytes) {
  const int64_t now = g_bytes_in_use.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  int64_t peak = g_bytes_peak.load(std::memory_order_relaxed);
  while (now > peak && !g_bytes_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
}
}  // namespace

int64_t tensor_bytes_in_use() {
  return g_bytes_in_use.load(std::memory_order_relaxed);
}

int64_t tensor_bytes_peak() {
  return g_bytes_peak.load(std::memory_order_relaxed);
}

void reset_tensor_bytes_peak() {
  g_bytes_peak.store(g_bytes_in_use.load(std::memory_order_relaxed), std::memory_order_relaxed);
}

void* allocate_tensor_bytes(size_t bytes) {
  if (bytes < kHugeMinBytes) {
    void* p = ::operator new (bytes, std::align_val_t{kLineBytes});
    count_allocation(static_cast<int64_t>(bytes));
    return p;
  }
  const size_t rounded = huge_rounded(bytes);
  void* p = ::operator new (rounded, std::align_val_t{kHugePageBytes});
  count_allocation(static_cast<int64_t>(bytes));
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // A feature map streamed by core/fast touches one page per channel row; with 4 KiB
  // pages those walks miss the TLB every few hundred floats. Advice only: ignored
  // where huge pages are off.
  madvise(p, rounded, MADV_HUGEPAGE);
#endif
  return p;
}

void free_tensor_bytes(void* p, size_t bytes) {
  g_bytes_in_use.fetch_sub(static_cast<int64_t>(bytes), std::memory_order_relaxed);
  // Unsized: clang declares the sized aligned delete only with -fsized-deallocation.
  if (bytes < kHugeMinBytes) return ::operator delete (p, std::align_val_t{kLineBytes});
  ::operator delete (p, std::align_val_t{kHugePageBytes});
}

namespace {
// The number of values of `shape`. A shape with a 0 holds none, whatever its other
// dimensions (a .npy file may say (0, 2147483647, 2147483647)); a count beyond 64 bits is
// refused rather than overflowed.
int64_t value_count(const std::vector<int>& shape) {
  for (int d : shape) {
    if (d < 0) {
      throw Error(ErrorKind::InvalidParameter,
                  "tensor shape " + shape_to_string(shape) + " has a negative dimension");
    }
  }
  if (std::find(shape.begin(), shape.end(), 0) != shape.end()) return 0;
  int64_t count = 1;
  for (int d : shape) {
    if (count > std::numeric_limits<int64_t>::max() / d) {
      throw Error(ErrorKind::InvalidParameter,
                  "tensor shape " + shape_to_string(shape) + " has more values than 64 bits count");
    }
    count *= d;
  }
  return count;
}
}  // namespace

Tensor::Tensor(std::vector<int> shape, float fill) : shape_(std::move(shape)) {
  data_.assign(static_cast<size_t>(value_count(shape_)), fill);
}

Tensor Tensor::zeroed(std::vector<int> shape, int threads, const RunControl* control) {
  Tensor t;
  const int64_t count = value_count(shape);
  t.shape_ = std::move(shape);
  t.data_.resize(static_cast<size_t>(count));   // default-initialised: not yet touched
  constexpr int64_t kChunk = int64_t{4} << 20;  // floats: 16 MiB per task
  const int chunks = static_cast<int>((count + kChunk - 1) / kChunk);
  float* data = t.data_.data();
  const RunControl cancel = cancel_only(control);  // the caller reports the progress
  fast::parallel_for(chunks, threads, &cancel, [&](int i, int) {
    const int64_t from = i * kChunk, to = std::min(count, from + kChunk);
    std::fill(data + from, data + to, 0.0f);
  });
  return t;
}

std::string Tensor::shape_string() const {
  return shape_to_string(shape_);
}

std::string shape_to_string(const std::vector<int>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

}  // namespace sepconv
