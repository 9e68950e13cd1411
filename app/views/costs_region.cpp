// The "Costs" tab: hands the applied layer and the measured times to the cost panel
// (app/cost_panel/cost_panel.*).
#include "layer_report.h"
#include "state/ui_limits.h"
#include "views/views.h"
#include "widgets/fit_text.h"

namespace sepconv::app {

void DrawCostsRegion(const Document& doc, const std::vector<std::string>& highlight,
                     ViewContext& ctx) {
  const int h = doc.input.image ? doc.input.height() : kNominalInputSide;
  const int w = doc.input.image ? doc.input.width() : kNominalInputSide;
  MeasuredTimes measured;
  const JobResult* r = doc.result.get();
  // Times are shown only for the layer they were measured on, never for the next
  // layer while it is still computing.
  // The counts are for the size the layer runs at (the working size of a large photo).
  Size2 work{h, w};
  if (doc.input.image) work = working_size_of(doc.applied.working_size, h, w);
  if (r && same_choice(r->choice, doc.applied) && r->input && r->image_h == h && r->image_w == w) {
    measured.valid = true;
    measured.standard_ms = r->std_info.ms;
    measured.depthwise_ms = r->dw_info.ms;
    measured.pointwise_ms = r->pw_info.ms;
    measured.separable_ms = r->sep_info.ms > 0 ? r->sep_info.ms : r->dw_info.ms + r->pw_info.ms;
    measured.engine = to_string(r->std_info.kind);
    measured.kernel = r->std_info.kernel + ", separable " + r->sep_info.kernel;
    measured.threads = r->std_info.threads;
    measured.size_text = measured_size_text(*r);
    measured.counted_valid = r->ran_standard && r->ran_separable;
    measured.counted[0] = r->std_counts.mults;
    measured.counted[1] = r->dw_counts.mults;
    measured.counted[2] = r->pw_counts.mults;
    measured.counted[3] = r->sep_counts.mults;
    measured.spatial_valid = r->ran_spatial;
    measured.spatial_ms = r->spatial_info.ms;
    measured.spatial_counted = r->spatial_counts.mults;
  }
  // The arithmetic needs a size; without an image say which one the counts are for.
  if (!doc.input.image) {
    const std::string side = std::to_string(kNominalInputSide);
    TextDisabledWrapped(("No image loaded: these counts are for an example " + side + " x " + side +
                         " input. Open an image to count (and time) your own.")
                            .c_str());
  }
  ctx.cost_panel.highlight = highlight;
  DrawCostPanel(doc.applied.spec, work.h, work.w, measured, ctx.cost_panel,
                doc.applied.separable == SeparableKind::Spatial);
  const float* legend = ctx.cost_panel.curve_legend;
  RecordRect(ctx.rects, "CostsLegend", legend[0], legend[1], legend[2], legend[3]);
}

}  // namespace sepconv::app
