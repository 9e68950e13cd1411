// The "Animation" tab: the place for issue #4 (kernels sliding over the channels).
// Everything it needs is in state.result (see JobResult in app/state/compute.h): the
// M-channel input, the depthwise, pointwise and standard weights, each path's
// ConvParams and the computed outputs; state.applied is the layer they came from.
#include "views.h"

namespace sepconv::app {

void DrawAnimationPanel(AppState& state, ViewContext& ctx) {
#ifdef SEPCONV_HAVE_ANIMATION_VIEW
  DrawAnimationView(state, ctx.textures.image_rgb, ctx.animation);
  if (ctx.animation.model.playing) state.animating = true;
#else
  (void)ctx;
  const JobResult* r = state.result.get();
  if (!r) {
    ImGui::TextDisabled("The animation needs a computed result: load an image first.");
    return;
  }
  ImGui::TextWrapped(
      "Animation of the kernels sliding over the %d input channels: standard "
      "(%d x %d x %d box), depthwise (%d x %d per channel) and pointwise "
      "(1 x 1 x %d needle). Coming with issue #4.",
      r->input->dim(0), r->choice.spec.dk, r->choice.spec.dk, r->input->dim(0), r->choice.spec.dk,
      r->choice.spec.dk, r->intermediate.dim(0));
#endif
}

}  // namespace sepconv::app
