// import_weight_folder: each file of the set that exists is read against its shape.
#include "weight_import.h"

#include <filesystem>

#include "error.h"
#include "layer_weights.h"
#include "npy_io.h"

namespace sepconv {

namespace fs = std::filesystem;

ImportedWeights import_weight_folder(const std::string& dir, const LayerSpec& spec) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(ErrorKind::NpyFormat, dir + " is not a folder");
  ImportedWeights w;
  const auto present = [&](const char* name) {
    const fs::path p = fs::path(dir) / name;
    return fs::is_regular_file(p, ec) ? p.string() : std::string();
  };
  const auto tensor = [&](const char* name,
                          const std::vector<int>& shape) -> std::optional<Tensor> {
    const std::string path = present(name);
    if (path.empty()) return std::nullopt;
    Tensor t = read_weights_npy(path, shape);
    w.read.push_back(path);
    return t;
  };
  const auto checked_path = [&](const char* name, const std::vector<int>& shape) {
    const std::string path = present(name);
    if (!path.empty()) {
      (void)read_weights_npy(path, shape);
      w.read.push_back(path);
    }
    return path;
  };
  const int mk = spec.m * spec.depth_multiplier;
  w.depthwise = tensor("depthwise_conv.weight.npy", depthwise_shape(spec));
  w.pointwise = tensor("pointwise_conv.weight.npy", pointwise_shape(spec));
  w.standard = checked_path("standard_conv.weight.npy", standard_shape(spec));
  w.depthwise_bias = checked_path("depthwise_conv.bias.npy", {mk});
  w.pointwise_bias = checked_path("pointwise_conv.bias.npy", {spec.n});
  w.standard_bias = checked_path("standard_conv.bias.npy", {spec.n});
  if (!w.depthwise && !w.pointwise && w.standard.empty()) {
    throw Error(ErrorKind::NpyFormat,
                dir +
                    " holds none of depthwise_conv.weight.npy, pointwise_conv.weight.npy or "
                    "standard_conv.weight.npy");
  }
  return w;
}

}  // namespace sepconv
