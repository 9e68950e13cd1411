// The export worker; see export_job.h.
#include "state/export_job.h"
#include "state/background_priority.h"

#include <filesystem>
#include <utility>

#include "error.h"
#include "layer_report.h"
#include "output_files.h"
#include "state/weight_edits.h"

namespace sepconv::app {

namespace fs = std::filesystem;

ExportJob::~ExportJob() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

template <class Write>
void ExportJob::Launch(const std::string& folder, Write write) {
  {
    std::lock_guard lock(mutex_);
    if (running_) return;
    running_ = true;
    finished_.reset();
  }
  if (thread_.joinable()) thread_.join();
  cancel_ = false;
  progress_ = 0.0;
  thread_ = std::thread([this, folder, write] {
    LowerThisThreadsPriority();
    ExportOutcome out;
    out.folder = folder;
    try {
      out.written = write();
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

void ExportJob::Start(std::shared_ptr<const JobResult> result, const std::string& folder,
                      const std::string& image, bool overwrite) {
  if (!result) return;
  Launch(folder, [this, result, folder, image, overwrite] {
    std::error_code ec;
    if (!fs::exists(folder, ec)) fs::create_directories(folder, ec);
    RunControl control;
    control.cancel = &cancel_;
    control.progress = [this](double f) { progress_ = f; };
    return write_output_files(folder, *result, report_json(*result, image), overwrite, &control);
  });
}

void ExportJob::StartWeights(std::shared_ptr<const JobResult> result, const std::string& folder,
                             bool overwrite) {
  if (!result) return;
  Launch(folder, [this, result, folder, overwrite] {
    std::vector<std::string> written;
    const Outcome done = ExportWeights(*result, folder, overwrite, &written);
    if (!done.ok()) throw Error(ErrorKind::FileWrite, done.why());
    progress_ = 1.0;
    return written;
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
