// Saving a computed result's files (core/output_files.h, the CLI's --out-dir set) on a
// worker thread, with progress and cancel: the 12 MP photo's set is about 2 GB, too much
// to write between two frames.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "state/compute.h"

namespace sepconv::app {

struct ExportOutcome {
  bool ok = false;
  bool cancelled = false;
  std::string folder;
  std::vector<std::string> written;
  std::string error;  // one line, when it failed
};

class ExportJob {
 public:
  ExportJob() = default;
  ~ExportJob();
  ExportJob(const ExportJob&) = delete;
  ExportJob& operator=(const ExportJob&) = delete;

  // Writes `result`'s files into `folder` (created when missing). Existing files are
  // refused unless `overwrite`. `image` names the photo in report.json. Ignored while an
  // export is running.
  void Start(std::shared_ptr<const JobResult> result, const std::string& folder,
             const std::string& image, bool overwrite);
  // Kernels tab > Export: only the weights and biases (weight_edits.h, ExportWeights).
  void StartWeights(std::shared_ptr<const JobResult> result, const std::string& folder,
                    bool overwrite);
  void Cancel();
  bool Running() const;
  double Progress() const { return progress_.load(); }
  std::optional<ExportOutcome> TakeFinished();

 private:
  // Runs `write` (which fills the outcome's files or throws) on the worker.
  template <class Write>
  void Launch(const std::string& folder, Write write);

  mutable std::mutex mutex_;
  bool running_ = false;
  std::optional<ExportOutcome> finished_;
  std::atomic<bool> cancel_{false};
  std::atomic<double> progress_{0.0};
  std::thread thread_;
};

// The files an export into `folder` would replace (empty when none exists).
std::vector<std::string> ExistingExportFiles(const JobResult& result, const std::string& folder);

}  // namespace sepconv::app
