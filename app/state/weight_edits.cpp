// Weight edits as new immutable tensors in the edited layer (jobs keep the old ones alive).
#include "state/weight_edits.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

#include "error.h"
#include "output_files.h"
#include "weight_import.h"

namespace sepconv::app {

LayerWeights EditorWeights(const LayerChoice& edit) {
  return separable_weights_for(edit);
}

namespace {
// A typed "nan" or "inf" would turn every output into NaN: such an edit is ignored.
bool AllFinite(const std::vector<float>& values) {
  return std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v); });
}
}  // namespace

bool EditDepthwiseKernel(LayerChoice& edit, int channel, const std::vector<float>& kernel) {
  if (!AllFinite(kernel)) return false;
  Tensor dw = EditorWeights(edit).depthwise;
  const int k2 = dw.dim(2) * dw.dim(3);
  if (channel < 0 || channel >= dw.dim(0) || static_cast<int>(kernel.size()) != k2) return false;
  std::copy(kernel.begin(), kernel.end(), dw.data() + static_cast<int64_t>(channel) * k2);
  edit.custom_dw = std::make_shared<const Tensor>(std::move(dw));
  return true;
}

bool EditAllDepthwiseKernels(LayerChoice& edit, const std::vector<float>& kernel) {
  if (!AllFinite(kernel)) return false;
  Tensor dw = EditorWeights(edit).depthwise;
  const int k2 = dw.dim(2) * dw.dim(3);
  if (static_cast<int>(kernel.size()) != k2) return false;
  for (int c = 0; c < dw.dim(0); ++c)
    std::copy(kernel.begin(), kernel.end(), dw.data() + static_cast<int64_t>(c) * k2);
  edit.custom_dw = std::make_shared<const Tensor>(std::move(dw));
  return true;
}

bool EditPointwiseWeight(LayerChoice& edit, int n, int m, float value) {
  if (!std::isfinite(value)) return false;
  Tensor pw = EditorWeights(edit).pointwise;
  if (n < 0 || n >= pw.dim(0) || m < 0 || m >= pw.dim(1)) return false;
  pw.at(n, m, 0, 0) = value;
  edit.custom_pw = std::make_shared<const Tensor>(std::move(pw));
  return true;
}

void RevertWeightEdits(LayerChoice& edit) {
  edit.custom_dw.reset();
  edit.custom_pw.reset();
}

Outcome ImportWeights(LayerChoice& e, const std::string& folder) {
  ImportedWeights w;
  try {
    w = import_weight_folder(folder, e.spec);
  } catch (const Error& error) {
    return Outcome::Failure(error.what());
  }
  if (w.depthwise) e.custom_dw = std::make_shared<const Tensor>(std::move(*w.depthwise));
  if (w.pointwise) e.custom_pw = std::make_shared<const Tensor>(std::move(*w.pointwise));
  e.files.depthwise.clear();
  e.files.pointwise.clear();
  e.files.depthwise_bias = w.depthwise_bias;
  e.files.pointwise_bias = w.pointwise_bias;
  if (!e.compose_standard) {
    e.files.standard = w.standard;
    e.files.standard_bias = w.standard_bias;
  }
  return {};
}

Outcome ExportWeights(const Document& doc, const std::string& folder, bool overwrite,
                      std::vector<std::string>* written) {
  if (!doc.result)
    return Outcome::Failure("nothing is computed yet, so there are no weights to export");
  return ExportWeights(*doc.result, folder, overwrite, written);
}

Outcome ExportWeights(const JobResult& result, const std::string& folder, bool overwrite,
                      std::vector<std::string>* written) {
  if (folder.empty()) return Outcome::Failure("choose a folder to export the weights into");
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return Outcome::Failure(folder + ": cannot create the folder (" + ec.message() + ")");
  try {
    *written = write_weight_files(folder, result, overwrite);
  } catch (const Error& e) {
    return Outcome::Failure(e.what());
  }
  return {};
}

std::vector<std::string> ExistingWeightFiles(const Document& doc, const std::string& folder) {
  if (!doc.result) return {};
  const LayerRun& r = *doc.result;
  return existing_output_files(folder,
                               weight_file_names(r.choice, r.ran_standard, r.ran_separable));
}

}  // namespace sepconv::app
