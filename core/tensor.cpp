// Tensor construction and shape formatting.
#include "tensor.h"

#include "error.h"

namespace sepconv {

Tensor::Tensor(std::vector<int> shape, float fill) : shape_(std::move(shape)) {
  int64_t count = 1;
  for (int d : shape_) {
    if (d < 0) {
      throw Error(ErrorKind::InvalidParameter,
                  "tensor shape " + shape_to_string(shape_) + " has a negative dimension");
    }
    count *= d;
  }
  data_.assign(static_cast<size_t>(count), fill);
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
