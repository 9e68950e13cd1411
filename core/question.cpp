// Report quantities and grading for predict-then-reveal questions; see question.h.
#include "question.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "layer_report.h"

namespace sepconv {
namespace {

using nlohmann::json;

void collect_numbers(const json& j, const std::string& prefix, std::vector<std::string>* out) {
  for (const auto& item : j.items()) {
    const std::string path = prefix.empty() ? item.key() : prefix + "." + item.key();
    if (item.value().is_object()) {
      collect_numbers(item.value(), path, out);
    } else if (item.value().is_number() || item.value().is_null()) {
      out->push_back(path);  // null: a number this small run did not measure
    }
  }
}

// The report of the default layer on a small image: every path of a report's shape.
std::vector<std::string> sample_report_paths() {
  Tensor image({3, 12, 12});
  for (int64_t i = 0; i < image.size(); ++i) image.data()[i] = float(i % 7) / 7.0f;
  LayerRunOptions options;
  options.budget = int64_t(1) << 30;
  const LayerRun run = run_layer(image, LayerChoice{}, options);
  std::vector<std::string> paths;
  collect_numbers(json::parse(report_json(run, "")), "", &paths);
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

const std::vector<std::string>& report_quantity_paths() {
  static const std::vector<std::string> paths = sample_report_paths();
  return paths;
}

bool is_report_quantity(const std::string& path) {
  const auto& paths = report_quantity_paths();
  return std::binary_search(paths.begin(), paths.end(), path);
}

std::optional<double> report_quantity(const LayerRun& run, const std::string& path,
                                      std::string* why) {
  const json report = json::parse(report_json(run, ""));
  const json* node = &report;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t dot = path.find('.', start);
    const std::string key =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object() || !node->contains(key)) {
      if (why) *why = path + " is not in this run's report";
      return std::nullopt;
    }
    node = &(*node)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (!node->is_number()) {
    if (why) *why = path + " was not measured in this run";
    return std::nullopt;
  }
  return node->get<double>();
}

NumberGrade grade_number(double answer, double guess, double tolerance) {
  NumberGrade g;
  g.answer = answer;
  g.guess = guess;
  g.off = guess - answer;
  g.off_fraction = answer != 0 ? std::abs(g.off) / std::abs(answer) : std::abs(g.off);
  g.right = std::isfinite(g.off_fraction) && g.off_fraction <= tolerance;
  return g;
}

int nearest_choice(const std::vector<double>& choices, double answer) {
  int best = -1;
  double best_gap = 0;
  for (size_t i = 0; i < choices.size(); ++i) {
    const double gap = std::abs(choices[i] - answer);
    if (best < 0 || gap < best_gap) {
      best = int(i);
      best_gap = gap;
    }
  }
  return best;
}

}  // namespace sepconv
