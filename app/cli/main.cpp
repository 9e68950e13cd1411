// sepconv: the headless command-line mode. Computes a layer's outputs on an image with the
// shared layer pipeline (core/layer_run.h) and prints a cost/timing report (JSON or text);
// optionally writes the input, outputs, weights, previews and report.
#include <exception>
#include <filesystem>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "cli/cli_options.h"
#include "error.h"
#include "image_io.h"
#include "layer_report.h"
#include "layer_run.h"
#include "npy_io.h"
#include "output_files.h"

namespace {

namespace fs = std::filesystem;

std::string input_npy_path(const std::string& save_input) {
  if (fs::path(save_input).extension() == ".npy") return save_input;
  return (fs::path(save_input) / "input.npy").string();
}

// --save-input names the file --out-dir writes anyway: then it is written once.
bool save_input_separately(const sepconv::cli::Options& o) {
  if (o.save_input.empty()) return false;
  if (o.out_dir.empty()) return true;
  std::error_code ec;
  return fs::weakly_canonical(input_npy_path(o.save_input), ec) !=
         fs::weakly_canonical(fs::path(o.out_dir) / "input.npy", ec);
}

// Refuses existing files and missing folders before any work.
void check_writable(const sepconv::cli::Options& o) {
  if (!o.out_dir.empty()) {
    sepconv::check_output_files(
        o.out_dir,
        sepconv::output_file_names(o.choice, sepconv::cli::runs_standard(o.path),
                                   sepconv::cli::runs_separable_stages(o.path),
                                   sepconv::cli::runs_spatial(o.path, o.choice)),
        o.overwrite);
  }
  if (save_input_separately(o)) {
    const fs::path p = input_npy_path(o.save_input);
    const fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    sepconv::check_output_files(parent.string(), {p.filename().string()}, o.overwrite);
  }
}

int run(const sepconv::cli::Options& o) {
  check_writable(o);
  const sepconv::LoadedImage image = sepconv::load_image(o.image);
  sepconv::LayerRunOptions ro;
  ro.standard = sepconv::cli::runs_standard(o.path);
  ro.separable = sepconv::cli::runs_separable_stages(o.path);
  ro.spatial = sepconv::cli::runs_spatial(o.path, o.choice);
  const sepconv::LayerRun run = sepconv::run_layer(image.pixels, o.choice, ro);
  const std::string json = sepconv::report_json(run, o.image);
  std::vector<std::string> written;
  try {
    if (!o.out_dir.empty())
      written = sepconv::write_output_files(o.out_dir, run, json, o.overwrite);
    if (save_input_separately(o)) sepconv::write_npy(input_npy_path(o.save_input), *run.input);
  } catch (...) {
    std::error_code ec;
    for (const std::string& p : written) fs::remove(p, ec);
    throw;
  }
  std::cout << (o.json ? json + "\n" : sepconv::report_text(run, o.image));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  sepconv::cli::Options options;
  if (const int code = sepconv::cli::parse_options(argc, argv, &options); code >= 0) return code;
  try {
    return run(options);
  } catch (const sepconv::Error& e) {
    std::cerr << "sepconv: " << e.what() << "\n";
  } catch (const std::bad_alloc&) {
    std::cerr << "sepconv: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "sepconv: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "sepconv: unexpected error of unknown type\n";
  }
  return 2;
}
