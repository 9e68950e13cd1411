// Predict then reveal: the numbers a lesson's questions ask for, read from the CLI's
// report of the step's computed layer by their path ("depthwise.mults"), and how a guess
// compares with the answer. Nothing here is stored in a lesson: answers are computed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "layer_run.h"

namespace sepconv {

// Every path that names a number in the report (report_json), sorted: "depthwise.mults",
// "output.height", "ratio.predicted", ... Taken from the report of a small run, so the
// list follows the report's shape.
const std::vector<std::string>& report_quantity_paths();
bool is_report_quantity(const std::string& path);

// The quantity `path` of the report of `run`; nullopt (with the reason in *why) when the
// run has no such number, e.g. ratio.measured when only one path ran.
std::optional<double> report_quantity(const LayerRun& run, const std::string& path,
                                      std::string* why = nullptr);

struct NumberGrade {
  double answer = 0, guess = 0;
  double off = 0;           // guess - answer
  double off_fraction = 0;  // |off| / |answer| (|off| when the answer is 0)
  bool right = false;       // off_fraction <= tolerance
};
NumberGrade grade_number(double answer, double guess, double tolerance);

// The index of the choice nearest the answer (the first of equally near ones).
int nearest_choice(const std::vector<double>& choices, double answer);

}  // namespace sepconv
