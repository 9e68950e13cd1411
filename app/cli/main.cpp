// sepconv: the headless command-line mode. Computes a layer's outputs on an image and
// prints a cost/timing report (JSON or text); optionally writes tensors and previews.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/options.h"
#include "cli/report.h"
#include "cli/run_layer.h"
#include "error.h"
#include "image_io.h"
#include "npy_io.h"

namespace {

namespace fs = std::filesystem;

// A file the run will write, with its encoded bytes once computed.
struct PlannedFile {
  std::string path;
  std::string bytes;
};

std::string input_npy_path(const std::string& save_input) {
  if (fs::path(save_input).extension() == ".npy") return save_input;
  return (fs::path(save_input) / "input.npy").string();
}

// Every file the options ask for, so existing ones are refused before any work.
std::vector<std::string> planned_paths(const cli::Options& o) {
  std::vector<std::string> paths;
  if (!o.save_input.empty()) paths.push_back(input_npy_path(o.save_input));
  if (!o.out_dir.empty()) {
    std::vector<std::string> names;
    if (cli::runs_standard(o.path)) names.push_back("standard");
    if (cli::runs_separable_stages(o.path)) {
      names.push_back("depthwise");
      names.push_back("separable");
    }
    for (const auto& n : names) {
      paths.push_back((fs::path(o.out_dir) / (n + ".npy")).string());
      paths.push_back((fs::path(o.out_dir) / (n + ".png")).string());
    }
  }
  return paths;
}

void check_writable(const std::vector<std::string>& paths, bool overwrite) {
  for (const auto& p : paths) {
    std::error_code ec;
    if (!overwrite && fs::exists(p, ec)) {
      throw sepconv::Error(sepconv::ErrorKind::FileWrite,
                           p + " already exists (pass --overwrite to replace it)");
    }
    const fs::path parent = fs::path(p).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
      throw sepconv::Error(sepconv::ErrorKind::FileWrite,
                           parent.string() + " is not an existing folder");
    }
  }
}

void write_outputs(const cli::Options& o, const cli::LayerRun& run) {
  std::vector<std::pair<std::string, const sepconv::Tensor*>> tensors;
  if (!o.save_input.empty()) tensors.push_back({input_npy_path(o.save_input), &run.input});
  if (!o.out_dir.empty()) {
    const fs::path dir(o.out_dir);
    if (run.standard.ran) tensors.push_back({(dir / "standard").string(), &run.standard_out});
    if (run.depthwise.ran) tensors.push_back({(dir / "depthwise").string(), &run.depthwise_out});
    if (run.separable.ran) tensors.push_back({(dir / "separable").string(), &run.separable_out});
  }
  std::vector<std::string> written;
  try {
    for (const auto& [path, t] : tensors) {
      const bool is_input = path.size() > 4 && path.substr(path.size() - 4) == ".npy";
      const std::string npy = is_input ? path : path + ".npy";
      sepconv::write_npy(npy, *t);
      written.push_back(npy);
      if (!is_input) {
        sepconv::write_signed_preview_png(path + ".png", *t);
        written.push_back(path + ".png");
      }
    }
  } catch (...) {
    // No partial output: remove what this run created before the failure.
    std::error_code ec;
    for (const auto& p : written) fs::remove(p, ec);
    throw;
  }
}

}  // namespace

int main(int argc, char** argv) {
  cli::Options options;
  if (const int code = cli::parse_options(argc, argv, &options); code >= 0) return code;
  try {
    check_writable(planned_paths(options), options.overwrite);
    const cli::LayerRun run = cli::run_layer(options);
    write_outputs(options, run);
    if (options.json)
      std::cout << cli::to_json(options, run).dump(2) << "\n";
    else
      std::cout << cli::to_text(options, run);
  } catch (const sepconv::Error& e) {
    std::cerr << "sepconv: " << e.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "sepconv: out of memory\n";
    return 2;
  }
  return 0;
}
