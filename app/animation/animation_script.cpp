// Parsing and applying the scripted animation positions; see animation_script.h.
#include "animation/animation_script.h"

#include <cstdio>
#include <utility>

#include "lesson.h"

namespace sepconv::app {

Outcome ParseAnimJump(const std::string& text, AnimJump* jump) {
  OutputPosition p;
  if (std::string why = parse_output_position(text, &p); !why.empty())
    return Outcome::Failure(std::move(why));
  jump->path = p.path == "standard"    ? AnimPath::Standard
               : p.path == "depthwise" ? AnimPath::Depthwise
                                       : AnimPath::Pointwise;
  jump->c = p.c;
  jump->y = p.y;
  jump->x = p.x;
  return {};
}

AnimationScript ScriptFromLesson(const LessonAnimation& a) {
  AnimationScript s;
  s.clock = a.clock;
  if (!a.jump.empty()) {
    AnimJump jump;
    if (ParseAnimJump(a.jump, &jump).ok()) s.jump = jump;
  }
  s.play = a.play;
  s.speed = a.speed;
  s.play_for = a.play_for;
  return s;
}

Outcome ApplyAnimationScript(AnimationModel& m, const AnimationScript& script,
                             const std::string& source) {
  std::string error;
  if (script.jump) {
    const AnimJump& j = *script.jump;
    const Shape3& out = WalkOf(m, j.path).out;
    if (j.c < out.c && j.y < out.h && j.x < out.w) {
      JumpToOutput(m, j.path, j.c, j.y, j.x);
    } else {
      char buf[200];
      std::snprintf(buf, sizeof buf,
                    "%s %s:%d,%d,%d is outside the %s output (%d channels, %d x %d); "
                    "the animation starts at the beginning",
                    source.c_str(), ToString(j.path), j.c, j.y, j.x, ToString(j.path), out.c, out.h,
                    out.w);
      error = buf;
    }
  }
  if (script.clock) Seek(m, *script.clock);
  // A speed left out is the default one, as every key a lesson leaves out is.
  m.speed = script.speed.value_or(AnimationModel{}.speed);
  m.playing = false;
  if (script.play) Play(m);
  // A range counts from where the script put the clock (a jump's clock is not known when
  // the lesson is written).
  m.stop_at = script.play_for ? m.clock + *script.play_for : -1;
  return error.empty() ? Outcome{} : Outcome::Failure(error);
}

bool ApplyPendingAnimation(AppState& state, AnimationModel& m, bool loading) {
  // Only on the result of the layer it belongs to: a refused or cancelled job leaves the
  // previous result on screen, and the position waits for the next one.
  if (!state.doc.pending_animation || !state.doc.result || state.doc.job.running || loading ||
      state.doc.dirty.layer || state.doc.dirty.image || !state.doc.input.requested.empty() ||
      !same_choice(state.doc.result->choice, state.doc.applied)) {
    return false;
  }
  if (m.result != state.doc.result) AttachResult(m, state.doc.result);
  const Outcome applied = ApplyAnimationScript(m, ScriptFromLesson(*state.doc.pending_animation),
                                               state.doc.pending_animation_source);
  if (!applied.ok()) state.ui.banner = Banner{applied.why(), true};
  state.doc.pending_animation.reset();
  return true;
}

}  // namespace sepconv::app
