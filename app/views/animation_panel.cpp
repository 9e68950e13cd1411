// The "Animation" tab: hands the result and the loaded image's texture to the animation
// view (app/animation), and keeps the window drawing every frame while it plays.
#include "views.h"

namespace sepconv::app {

void DrawAnimationPanel(AppState& state, ViewContext& ctx) {
  DrawAnimationView(state, ctx.rects, ctx.textures.image_rgb, ctx.animation);
  if (ctx.animation.model.playing) state.requests.animating = true;
}

}  // namespace sepconv::app
