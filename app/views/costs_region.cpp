// The "Costs" tab: hands the applied layer and the measured times to the cost panel
// (app/views/cost_panel.*).
#include "views.h"
#include "widgets/fit_text.h"

namespace sepconv::app {

void DrawCostsRegion(AppState& state, ViewContext& ctx) {
  const int h = state.input.image ? state.input.height() : 256;
  const int w = state.input.image ? state.input.width() : 256;
  ::app::MeasuredTimes measured;
  const JobResult* r = state.result.get();
  // Times are shown only for the layer they were measured on, never for the next
  // layer while it is still computing.
  if (r && SameChoice(r->choice, state.applied) && r->input && r->input->dim(1) == h &&
      r->input->dim(2) == w) {
    measured.valid = true;
    measured.standard_ms = r->std_info.ms;
    measured.depthwise_ms = r->dw_info.ms;
    measured.pointwise_ms = r->pw_info.ms;
    measured.separable_ms = r->sep_info.ms > 0 ? r->sep_info.ms : r->dw_info.ms + r->pw_info.ms;
    measured.engine = to_string(r->std_info.kind);
    measured.kernel = r->std_info.kernel + ", separable " + r->sep_info.kernel;
    measured.threads = r->std_info.threads;
  }
  // The arithmetic needs a size; without an image say which one the counts are for.
  if (!state.input.image) {
    ::app::TextDisabledWrapped(
        "No image loaded: these counts are for an example 256 x 256 input. Open an image to "
        "count (and time) your own.");
  }
  ::app::DrawCostPanel(state.applied.spec, h, w, measured, ctx.cost_panel);
}

}  // namespace sepconv::app
