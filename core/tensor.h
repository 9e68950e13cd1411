// A dense float32 tensor in C order. Images and feature maps are CHW (values of an
// image in [0,1]); convolution weights use PyTorch's [O, I/groups, Kh, Kw] layout.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <new>
#include <string>
#include <utility>
#include <vector>

namespace sepconv {

struct RunControl;

// Storage for tensor values (tensor.cpp): at least 64-byte aligned; large blocks are
// 2 MiB aligned and backed by transparent huge pages where the system offers them.
void* allocate_tensor_bytes(size_t bytes);
void free_tensor_bytes(void* p, size_t bytes);

// Bytes of tensor storage allocated now, and the most since reset_tensor_bytes_peak():
// what the memory estimate (memory_budget.h) is tested against.
int64_t tensor_bytes_in_use();
int64_t tensor_bytes_peak();
void reset_tensor_bytes_peak();

// Allocates on 64-byte boundaries: the first row of every plane then starts on a cache
// line, so rows whose width is a multiple of 16 floats can be read with aligned vector
// loads and written with streaming stores by core/fast.
template <class T>
struct CacheLineAllocator {
  using value_type = T;
  CacheLineAllocator() = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(allocate_tensor_bytes(n * sizeof(T))); }
  // Default-initialises (no zero fill) on resize: Tensor::zeroed fills large blocks in
  // cancellable parallel chunks instead, and every other path fills explicitly.
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  void deallocate(T* p, size_t n) { free_tensor_bytes(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const CacheLineAllocator<U>&) const {
    return true;
  }
};

using FloatStorage = std::vector<float, CacheLineAllocator<float>>;

class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(std::vector<int> shape, float fill = 0.0f);
  // A zero tensor whose pages are written on up to `threads` threads in chunks, checking
  // `control` between them: a camera-sized output (hundreds of MB, slow to fault in) can
  // be cancelled while it is being allocated. Throws Error(Cancelled).
  static Tensor zeroed(std::vector<int> shape, int threads, const RunControl* control);

  const std::vector<int>& shape() const { return shape_; }
  int rank() const { return static_cast<int>(shape_.size()); }
  int dim(int i) const { return shape_.at(static_cast<size_t>(i)); }
  int64_t size() const { return static_cast<int64_t>(data_.size()); }
  bool empty() const { return data_.empty(); }

  float* data() { return data_.data(); }
  const float* data() const { return data_.data(); }
  FloatStorage& values() { return data_; }
  const FloatStorage& values() const { return data_; }
  // The values as a plain vector (a copy).
  std::vector<float> to_vector() const { return {data_.begin(), data_.end()}; }

  // CHW access (rank 3): channel c, row y, column x.
  float& at(int c, int y, int x) { return data_[index3(c, y, x)]; }
  float at(int c, int y, int x) const { return data_[index3(c, y, x)]; }
  // Weight access (rank 4): output o, input i, row ky, column kx.
  float& at(int o, int i, int ky, int kx) { return data_[index4(o, i, ky, kx)]; }
  float at(int o, int i, int ky, int kx) const { return data_[index4(o, i, ky, kx)]; }

  // Pointer to the start of one channel plane of a CHW tensor.
  float* plane(int c) { return data_.data() + static_cast<int64_t>(c) * dim(1) * dim(2); }
  const float* plane(int c) const {
    return data_.data() + static_cast<int64_t>(c) * dim(1) * dim(2);
  }

  // "[3, 480, 640]", for messages.
  std::string shape_string() const;

 private:
  int64_t index3(int c, int y, int x) const {
    return (static_cast<int64_t>(c) * shape_[1] + y) * shape_[2] + x;
  }
  int64_t index4(int o, int i, int ky, int kx) const {
    return ((static_cast<int64_t>(o) * shape_[1] + i) * shape_[2] + ky) * shape_[3] + kx;
  }

  std::vector<int> shape_;
  FloatStorage data_;
};

std::string shape_to_string(const std::vector<int>& shape);

}  // namespace sepconv
