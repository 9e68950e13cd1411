// Reading and writing NumPy .npy files: float32, little-endian, C order (version 1.0
// written; 1.0, 2.0 and 3.0 read). Used for input tensors, outputs and PyTorch weights.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tensor.h"

namespace sepconv {

// Throws Error(NpyFormat) naming the file and what is wrong (dtype, order, shape, size).
Tensor read_npy(const std::string& path);
Tensor parse_npy(const std::string& bytes, const std::string& name);

// Written through a temporary file and a rename. Throws Error(FileWrite).
void write_npy(const std::string& path, const Tensor& t);
std::string encode_npy(const Tensor& t);

// The flat index of the first NaN or Inf in `t`, or -1 (every .npy read is checked: a
// non-finite weight turns every output into NaN without a word).
int64_t first_non_finite(const Tensor& t);
// "[1, 0, 2, 2] (value 17 in file order)": a flat index as the tensor's own index.
std::string index_text(const std::vector<int>& shape, int64_t flat);
// "NaN", "+Inf" or "-Inf".
std::string describe_value(float v);

// Reads a weights file and checks it against the expected shape. Accepts shapes that
// differ only by trailing 1s (a pointwise [N, M] for [N, M, 1, 1]).
Tensor read_weights_npy(const std::string& path, const std::vector<int>& expected);

}  // namespace sepconv
