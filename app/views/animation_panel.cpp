// The "Animation" tab: hands the result and the loaded image's texture to the animation
// view (app/views/animation), and keeps the window drawing every frame while it plays.
#include "views/views.h"

namespace sepconv::app {

FrameRequests DrawAnimationPanel(const Document& doc, LayerChoice& edit, const UiState& ui,
                                 ViewContext& ctx) {
  FrameRequests asked;
  asked.apply_edits =
      DrawAnimationView(doc, edit, ui, ctx.rects, ctx.textures.image_rgb, ctx.animation);
  if (ctx.animation.model.playing) asked.animating = true;
  return asked;
}

}  // namespace sepconv::app
