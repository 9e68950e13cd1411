// Writing a run's file set (output_files.h).
#include "output_files.h"

#include <algorithm>
#include <filesystem>
#include <functional>

#include "atomic_write.h"
#include "bias_source.h"
#include "error.h"
#include "image_io.h"
#include "memory_budget.h"
#include "npy_io.h"

namespace sepconv {
namespace {

namespace fs = std::filesystem;

// One file of the set: its name and how to write it to a path.
struct PlannedFile {
  std::string name;
  int64_t bytes = 0;  // for progress
  std::function<void(const std::string& path)> write;
};

Tensor bias_tensor(const std::vector<float>& bias) {
  Tensor t({static_cast<int>(bias.size())});
  std::copy(bias.begin(), bias.end(), t.data());
  return t;
}

bool has_std_bias(const LayerChoice& c) {
  return bias_given(c.files.standard_bias) ||
         (standard_is_composed(c) &&
          (bias_given(c.files.depthwise_bias) || bias_given(c.files.pointwise_bias)));
}

// The plan for a run; with run == nullptr only the names are meaningful.
std::vector<PlannedFile> plan(const LayerChoice& c, bool standard, bool separable, bool spatial,
                              const LayerRun* run) {
  std::vector<PlannedFile> files;
  const auto npy = [&](const std::string& name, const Tensor* t) {
    files.push_back({name + ".npy", t ? 4 * t->size() : 0,
                     [t](const std::string& path) { write_npy(path, *t); }});
  };
  // The input's picture is averaged; the signed outputs keep their peaks.
  const auto preview = [&](const std::string& name, const Tensor* t) {
    const Shrink shrink = name == "input" ? Shrink::Average : Shrink::Peak;
    files.push_back({name + ".png", t ? t->size() / 4 : 0, [t, shrink](const std::string& path) {
                       write_preview_grid_png(path, *t, 2048, kMaxPreviewChannels, shrink);
                     }});
  };
  const auto bias = [&](const std::string& name, const std::vector<float>* b) {
    files.push_back({name, 0, [b](const std::string& path) { write_npy(path, bias_tensor(*b)); }});
  };
  npy("input", run ? run->input.get() : nullptr);
  preview("input", run ? run->input.get() : nullptr);
  if (standard) {
    npy("standard", run ? &run->standard : nullptr);
    preview("standard", run ? &run->standard : nullptr);
  }
  if (separable) {
    npy("depthwise", run ? &run->intermediate : nullptr);
    preview("depthwise", run ? &run->intermediate : nullptr);
    npy("separable", run ? &run->separable : nullptr);
    preview("separable", run ? &run->separable : nullptr);
    npy("depthwise_conv.weight", run ? &run->dw_weights : nullptr);
    npy("pointwise_conv.weight", run ? &run->pw_weights : nullptr);
    if (bias_given(c.files.depthwise_bias))
      bias("depthwise_conv.bias.npy", run ? &run->dw_bias : nullptr);
    if (bias_given(c.files.pointwise_bias))
      bias("pointwise_conv.bias.npy", run ? &run->pw_bias : nullptr);
  }
  if (standard) {
    npy("standard_conv.weight", run ? &run->std_weights : nullptr);
    if (has_std_bias(c)) bias("standard_conv.bias.npy", run ? &run->std_bias : nullptr);
  }
  if (spatial) {
    // The factors in PyTorch shapes: Conv2d(M, M*K, (Dk, 1), groups=M) then
    // Conv2d(M*K, M*K, (1, Dk), groups=M*K) computes spatial.npy.
    npy("spatial", run ? &run->spatial : nullptr);
    preview("spatial", run ? &run->spatial : nullptr);
    npy("column_conv.weight", run ? &run->spatial_columns : nullptr);
    npy("row_conv.weight", run ? &run->spatial_rows : nullptr);
  }
  return files;
}

}  // namespace

std::vector<std::string> output_file_names(const LayerChoice& choice, bool standard, bool separable,
                                           bool spatial) {
  std::vector<std::string> names;
  for (const PlannedFile& f : plan(choice, standard, separable, spatial, nullptr))
    names.push_back(f.name);
  names.push_back("report.json");
  return names;
}

std::vector<std::string> existing_output_files(const std::string& dir,
                                               const std::vector<std::string>& names) {
  std::vector<std::string> existing;
  std::error_code ec;
  for (const std::string& name : names)
    if (fs::exists(fs::path(dir) / name, ec)) existing.push_back(name);
  return existing;
}

void check_output_files(const std::string& dir, const std::vector<std::string>& names,
                        bool overwrite) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw Error(ErrorKind::FileWrite, dir + " is not an existing folder");
  }
  if (overwrite) return;
  const std::vector<std::string> existing = existing_output_files(dir, names);
  if (!existing.empty()) {
    throw Error(ErrorKind::FileWrite, (fs::path(dir) / existing.front()).string() +
                                          " already exists (pass --overwrite to replace it)");
  }
}

namespace {

// The weights and biases of a plan, in PyTorch's state_dict names.
bool is_weight_file(const std::string& name) {
  const auto ends_with = [&name](const std::string& tail) {
    return name.size() >= tail.size() &&
           name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends_with(".weight.npy") || ends_with(".bias.npy");
}

std::vector<PlannedFile> weights_of(std::vector<PlannedFile> files) {
  files.erase(std::remove_if(files.begin(), files.end(),
                             [](const PlannedFile& f) { return !is_weight_file(f.name); }),
              files.end());
  return files;
}

std::vector<std::string> write_planned(const std::string& dir,
                                       const std::vector<PlannedFile>& files, bool overwrite,
                                       const RunControl* control) {
  std::vector<std::string> names;
  for (const PlannedFile& f : files) names.push_back(f.name);
  check_output_files(dir, names, overwrite);
  int64_t total = 1, done = 0;
  for (const PlannedFile& f : files) total += f.bytes;
  std::vector<std::string> written;
  try {
    for (const PlannedFile& f : files) {
      if (control) control->check();
      const std::string path = (fs::path(dir) / f.name).string();
      f.write(path);
      written.push_back(path);
      done += f.bytes;
      if (control) control->report(static_cast<double>(done) / total);
    }
  } catch (...) {
    // No partial set: remove what this call wrote (a replaced file cannot come back, so
    // without --overwrite nothing that existed was touched).
    std::error_code ec;
    for (const std::string& p : written) fs::remove(p, ec);
    throw;
  }
  return written;
}

}  // namespace

std::vector<std::string> write_output_files(const std::string& dir, const LayerRun& run,
                                            const std::string& report_json, bool overwrite,
                                            const RunControl* control) {
  std::vector<PlannedFile> files =
      plan(run.choice, run.ran_standard, run.ran_separable, run.ran_spatial, &run);
  files.push_back({"report.json", 0, [&report_json](const std::string& path) {
                     write_file_atomically(path, report_json + "\n");
                   }});
  return write_planned(dir, files, overwrite, control);
}

std::vector<std::string> weight_file_names(const LayerChoice& choice, bool standard,
                                           bool separable) {
  std::vector<std::string> names;
  for (const PlannedFile& f : weights_of(plan(choice, standard, separable, false, nullptr)))
    names.push_back(f.name);
  return names;
}

std::vector<std::string> write_weight_files(const std::string& dir, const LayerRun& run,
                                            bool overwrite) {
  return write_planned(
      dir, weights_of(plan(run.choice, run.ran_standard, run.ran_separable, false, &run)),
      overwrite, nullptr);
}

}  // namespace sepconv
