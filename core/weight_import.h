// Reading a folder of weights and biases back (the app's Kernels tab > Import): the files
// an export or the CLI's --out-dir wrote, under their PyTorch state_dict names, checked
// against the layer's shapes before anything changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "conv_params.h"
#include "tensor.h"

namespace sepconv {

struct ImportedWeights {
  std::optional<Tensor> depthwise;  // depthwise_conv.weight.npy [M*K, 1, Dk, Dk]
  std::optional<Tensor> pointwise;  // pointwise_conv.weight.npy [N, M*K, 1, 1]
  // standard_conv.weight.npy [N, M/groups, Dk, Dk]: its path, checked (the standard
  // kernel is read from its file, as --std-weights does).
  std::string standard;
  // The bias files found, checked against their channel counts ("" when absent).
  std::string depthwise_bias, pointwise_bias, standard_bias;
  std::vector<std::string> read;  // every file read, in order
};

// Reads what `dir` holds of the set for a layer of shape `spec`. Throws Error naming the
// file and both shapes when one does not fit the layer, the file when it is not float32
// or holds NaN or Inf, and the folder when it holds none of the weight files.
ImportedWeights import_weight_folder(const std::string& dir, const LayerSpec& spec);

}  // namespace sepconv
