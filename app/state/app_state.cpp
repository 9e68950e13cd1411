// Edit validation, job scheduling and load hand-off for AppState.
#include "state/app_state.h"

#include "state/weight_edits.h"

#include <algorithm>
#include <cstdlib>

#include "layer_report.h"
#include "state/ui_limits.h"
#include "text_format.h"

namespace sepconv::app {

void ApplyEdits(AppState& state) {
  // Without an image the shape-dependent rules are checked on a nominal square input.
  const int h = state.doc.input.image ? state.doc.input.height() : kNominalInputSide;
  const int w = state.doc.input.image ? state.doc.input.width() : kNominalInputSide;
  if (same_choice(state.doc.edit, state.doc.applied)) {
    state.doc.param_error.clear();
    return;
  }
  std::string why = validate_choice(state.doc.edit, h, w);
  if (!why.empty()) {
    state.doc.param_error = std::move(why);
    return;
  }
  state.doc.param_error.clear();
  state.doc.applied = state.doc.edit;
  state.doc.dirty.layer = true;
}

void RequestLoad(AppState& state, ImageLoader& loader, const std::string& path) {
  loader.Start(path);
  state.doc.input.requested = path;
  state.doc.job.message = "loading " + path + " ...";
}

bool ParseViewerTarget(const std::string& text, ViewerState* v) {
  const size_t colon = text.find(':');
  const std::string what = text.substr(0, colon);
  // strtol, clamped: atoi's overflow is undefined.
  const long parsed =
      colon == std::string::npos ? 0 : std::strtol(text.c_str() + colon + 1, nullptr, 10);
  const int channel = static_cast<int>(std::clamp(parsed, 0L, 1L << 20));
  if (what == "input")
    v->source = TensorSource::Input;
  else if (what == "standard")
    v->source = TensorSource::Standard;
  else if (what == "separable")
    v->source = TensorSource::Separable;
  else if (what == "depthwise")
    v->source = TensorSource::Intermediate;
  else if (what == "spatial")
    v->source = TensorSource::Spatial;
  else
    return false;
  v->channel = std::max(channel, 0);
  v->open = true;
  return true;
}

void AddRecent(std::vector<std::string>& r, const std::string& path) {
  r.erase(std::remove(r.begin(), r.end(), path), r.end());
  r.insert(r.begin(), path);
  if (r.size() > 8) r.resize(8);
}

namespace {

void TakeLoad(AppState& state, ImageLoader& loader) {
  std::optional<LoadOutcome> load = loader.TakeFinished();
  if (!load) return;
  if (!loader.Busy()) state.doc.input.requested.clear();  // the newest load has arrived
  if (!load->image) {
    // The previous image (if any) stays loaded; the banner says what went wrong.
    state.ui.banner = Banner{"Could not open " + load->error, true, true};
    state.doc.job.message = "load failed";
    return;
  }
  state.doc.input.path = load->path;
  state.doc.input.image = load->image;
  state.doc.input.overview = load->overview;
  ++state.doc.input.revision;
  state.doc.dirty.image = true;
  if (state.ui.banner.cleared_by_load) state.ui.banner = Banner{};
  AddRecent(state.ui.browser.recent, load->path);
  state.doc.job.message = "loaded " + load->path;
  // A new image can make the current edit valid or invalid (e.g. kernel vs size).
  const std::string why =
      validate_choice(state.doc.applied, state.doc.input.height(), state.doc.input.width());
  if (!why.empty()) state.doc.param_error = why;
}

void StartJob(AppState& state, JobRunner& runner) {
  const int h = state.doc.input.height(), w = state.doc.input.width();
  const std::string why = validate_choice(state.doc.applied, h, w);
  if (!why.empty()) {
    runner.Cancel();
    state.doc.job.message = "not computed: " + why;
    state.doc.job.refused = true;
    state.doc.job.fitting_megapixels = 0;  // no working size mends an invalid layer
    return;
  }
  const BudgetCheck budget = CheckBudget(state.doc.applied, state.doc.input.channels(), h, w);
  if (!budget.refusal.empty()) {
    runner.Cancel();
    state.doc.job.message = budget.refusal;
    state.doc.job.refused = true;
    state.doc.job.fitting_megapixels = budget.fitting_megapixels;
    return;
  }
  state.doc.job.refused = false;
  state.doc.job.fitting_megapixels = 0;
  // The shown result stays while the next one computes; when both would not fit in the
  // budget together, the shown one is let go first (the panels say "computing").
  if (state.doc.result) {
    const int64_t held = ResultBytes(*state.doc.result);
    const int64_t needed = budget.needed;
    if (needed + held > default_memory_budget() && state.ui.exporting.running) {
      // The export holds the shown result until it has written it.
      state.doc.job.message = "not started yet: saving the outputs holds " + format_bytes(held) +
                              "; this layer starts when the export has finished";
      state.doc.job.refused = true;
      state.doc.dirty.retry_after_export = true;
      return;
    }
    if (needed + held > default_memory_budget()) {
      state.doc.result.reset();
      state.doc.tiles.reset();
      state.ui.viewer.region.reset();
      state.ui.viewer.wanted = RegionRequest{};
      state.doc.dirty.released_result = true;
    }
  }
  JobRequest request;
  request.image =
      std::shared_ptr<const Tensor>(state.doc.input.image, &state.doc.input.image->pixels);
  request.choice = state.doc.applied;
  request.robust = state.ui.robust_range;
  runner.Submit(std::move(request));
  state.doc.job.message = "computing ...";
}

}  // namespace

void UpdateJobs(AppState& state, JobRunner& runner, ImageLoader& loader) {
  TakeLoad(state, loader);
  if (state.requests.cancel_job) {
    state.requests.cancel_job = false;
    runner.Cancel();
  }
  if (!state.requests.import_weights_folder.empty()) {
    // Kernels tab > Import: the folder's weights become hand edits, applied like an edit.
    const std::string folder = std::move(state.requests.import_weights_folder);
    state.requests.import_weights_folder.clear();
    const Outcome imported = ImportWeights(state.doc.edit, folder);
    if (imported.ok()) {
      ApplyEdits(state);
      state.doc.job.message = "imported the weights of " + folder + " (now hand edits)";
    } else {
      state.ui.banner = Banner{"Could not import the weights: " + imported.why(), true};
    }
  }
  if (state.requests.working_megapixels > 0) {
    // The offer of a working size that fits: applied like an edit of the layer.
    state.doc.edit.working_size.megapixels = state.requests.working_megapixels;
    state.requests.working_megapixels = 0;
    ApplyEdits(state);
  }
  // While an image loads the job waits for it: a lesson step that changes both the image
  // and the layer computes once, on the new image.
  if (!loader.Busy()) {
    if ((state.doc.dirty.layer || state.doc.dirty.image) && state.doc.input.image)
      StartJob(state, runner);
    state.doc.dirty.layer = state.doc.dirty.image = false;
  }

  if (std::optional<JobOutcome> out = runner.TakeFinished()) {
    if (out->result) {
      state.doc.result = out->result;  // swapped whole: views never see a half-made result
      state.doc.tiles = out->result->tiles;
      state.doc.dirty.results = true;
      state.doc.job.failed = false;
      const JobResult& r = *out->result;
      state.doc.job.message = "done on " + measured_size_text(r) + ": standard " +
                              format_duration(r.std_info.ms) + ", separable " +
                              format_duration(r.sep_info.ms) + " (" + r.sep_info.kernel + ")";
    } else {
      state.doc.job.failed = !out->cancelled;
      state.doc.job.message =
          out->cancelled ? "cancelled (showing the previous result)" : "failed: " + out->error;
    }
  }
  const JobStatus status = runner.Status();
  state.doc.job.running = status.running;
  state.doc.job.progress = status.progress;
}

}  // namespace sepconv::app
