// The export worker; see export_job.h.
#include "export_job.h"
#include "background_priority.h"

#include <filesystem>
#include <utility>

#include "error.h"
#include "layer_report.h"
#include "output_files.h"

namespace sepconv::app {

namespace fs = std::filesystem;

ExportJob::~ExportJob() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

void ExportJob::Start(std::shared_ptr<const JobResult> result, const std::string& folder,
                      const std::string& image, bool overwrite) {
  {
    std::lock_guard lock(mutex_);
    if (running_ || !result) return;
    running_ = true;
    finished_.reset();
  }
  if (thread_.joinable()) thread_.join();
  cancel_ = false;
  progress_ = 0.0;
  thread_ = std::thread([this, result, folder, image, overwrite] {
    LowerThisThreadsPriority();
    ExportOutcome out;
    out.folder = folder;
    try {
      std::error_code ec;
      if (!fs::exists(folder, ec)) fs::create_directories(folder, ec);
      RunControl control;
      control.cancel = &cancel_;
      control.progress = [this](double f) { progress_ = f; };
      out.written =
          write_output_files(folder, *result, report_json(*result, image), overwrite, &control);
      out.ok = true;
    } catch (const Error& e) {
      out.cancelled = e.kind() == ErrorKind::Cancelled;
      out.error = e.what();
    } catch (const std::exception& e) {
      out.error = e.what();
    }
    std::lock_guard lock(mutex_);
    running_ = false;
    finished_ = std::move(out);
  });
}

void ExportJob::Cancel() {
  cancel_ = true;
}

bool ExportJob::Running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

std::optional<ExportOutcome> ExportJob::TakeFinished() {
  std::lock_guard lock(mutex_);
  return std::exchange(finished_, std::nullopt);
}

std::vector<std::string> ExistingExportFiles(const JobResult& result, const std::string& folder) {
  return existing_output_files(folder, output_file_names(result.choice, result.ran_standard,
                                                         result.ran_separable, result.ran_spatial));
}

}  // namespace sepconv::app
