// Scripted animation positions from the command line (--anim-clock, --anim-jump,
// --anim-play), so tests and teachers can make exact pictures of one moment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "animation/animation_model.h"
#include "lesson.h"
#include "state/app_state.h"
#include "state/outcome.h"

namespace sepconv::app {

// An output of one path, as "standard|depthwise|pointwise:c,y,x" on the command line.
struct AnimJump {
  AnimPath path = AnimPath::Standard;
  int c = 0, y = 0, x = 0;
};

struct AnimationScript {
  std::optional<int64_t> clock;     // Seek to this many multiplications
  std::optional<AnimJump> jump;     // JumpToOutput
  bool play = false;                // start playing afterwards
  std::optional<double> speed;      // multiplications per second
  std::optional<int64_t> play_for;  // multiplications to play from there, then pause
  bool Empty() const { return !clock && !jump && !play && !speed && !play_for; }
};

// A lesson step's animation as a script (its jump was checked when the lesson was read).
AnimationScript ScriptFromLesson(const LessonAnimation& animation);

// Parses "path:c,y,x"; on failure returns false and says why in *error.
Outcome ParseAnimJump(const std::string& text, AnimJump* jump);

// Applies the script to a model that has its walks (jump first, then clock, then play).
// Fails, when the jump lies outside the path's output, with a sentence saying so
// (the model is then left where the clock puts it).
// `source` names who asked, for that sentence ("--anim-jump", "this step's animation jump").
Outcome ApplyAnimationScript(AnimationModel& m, const AnimationScript& script,
                             const std::string& source = "--anim-jump");

// Applies state.doc.pending_animation (a lesson step's, a reveal's, the command line's) once
// the result it belongs to is on screen and nothing will replace it (`loading`: an image
// is still on its way). Returns true when it did; a jump outside the output is reported
// in the banner.
bool ApplyPendingAnimation(AppState& state, AnimationModel& m, bool loading);

}  // namespace sepconv::app
