// Which stretch of the animation an export records, and the clock of each of its frames:
// frame i shows the clock at start + i * step, whatever the wall time, so the file does
// not depend on the window's size or frame rate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "animation/animation_model.h"
#include "state/outcome.h"

namespace sepconv::app {

enum class RecordRange {
  FromHere,  // from the current clock, for the seconds asked at the current speed
  Output,    // the output a path is computing, from its first product to its sum
  Row,       // that output's whole row
  Layer,     // the whole animation, both paths to the end
};

const char* ToString(RecordRange range);  // "here", "output", "row", "layer"
std::optional<RecordRange> ParseRecordRange(const std::string& text);

struct RecordRequest {
  RecordRange range = RecordRange::FromHere;
  AnimPath path = AnimPath::Standard;  // whose output or row (Output and Row only)
  double seconds = 5;                  // the file's length (FromHere: at most this)
  int fps = 30;
};

struct RecordPlan {
  int64_t first = 0;  // the clock of frame 0
  int64_t last = 0;   // the clock of the last frame
  int frames = 0;     // at least 1
  double step = 0;    // multiplications between two frames
};

// The plan for `request` on a model with its walks. FromHere stops early (fewer frames)
// where the animation ends; the other ranges spread their clock span over
// seconds * fps frames, first and last included. Fails with why not (no result,
// seconds or fps out of range, more than kMaxRecordFrames frames).
Outcome PlanRecording(const AnimationModel& m, const RecordRequest& request, RecordPlan* plan);

// The clock frame i shows: first + round(i * step), the last frame exactly `last`.
int64_t ClockOfFrame(const RecordPlan& plan, int i);

// An hour at 60 frames per second: the limit of one export.
constexpr int kMaxRecordFrames = 216000;
constexpr int kMaxRecordFps = 60;

}  // namespace sepconv::app
