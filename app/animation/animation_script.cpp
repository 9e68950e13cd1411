// Parsing and applying the scripted animation positions; see animation_script.h.
#include "animation_script.h"

#include <cstdio>

namespace sepconv::app {

bool ParseAnimJump(const std::string& text, AnimJump* jump, std::string* error) {
  const size_t colon = text.find(':');
  const std::string path = text.substr(0, colon);
  AnimJump j;
  if (path == "standard") {
    j.path = AnimPath::Standard;
  } else if (path == "depthwise") {
    j.path = AnimPath::Depthwise;
  } else if (path == "pointwise") {
    j.path = AnimPath::Pointwise;
  } else {
    *error = "expected standard, depthwise or pointwise before ':', got \"" + path + "\"";
    return false;
  }
  char rest = 0;
  if (colon == std::string::npos ||
      std::sscanf(text.c_str() + colon + 1, "%d,%d,%d%c", &j.c, &j.y, &j.x, &rest) != 3) {
    *error = "expected " + path + ":c,y,x (output channel, row, column), got \"" + text + "\"";
    return false;
  }
  if (j.c < 0 || j.y < 0 || j.x < 0) {
    *error = "channel, row and column count from 0, got \"" + text + "\"";
    return false;
  }
  *jump = j;
  return true;
}

std::string ApplyAnimationScript(AnimationModel& m, const AnimationScript& script) {
  std::string error;
  if (script.jump) {
    const AnimJump& j = *script.jump;
    const Shape3& out = WalkOf(m, j.path).out;
    if (j.c < out.c && j.y < out.h && j.x < out.w) {
      JumpToOutput(m, j.path, j.c, j.y, j.x);
    } else {
      char buf[200];
      std::snprintf(buf, sizeof buf,
                    "--anim-jump %s:%d,%d,%d is outside the %s output (%d channels, %d x %d); "
                    "the animation starts at the beginning",
                    ToString(j.path), j.c, j.y, j.x, ToString(j.path), out.c, out.h, out.w);
      error = buf;
    }
  }
  if (script.clock) Seek(m, *script.clock);
  if (script.play) Play(m);
  return error;
}

}  // namespace sepconv::app
