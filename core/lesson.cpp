// Reading and writing lesson files (lesson.h). The reader is strict: an unknown key, a
// wrong type or a value out of range is one message naming the file, the step and the
// key, because a typo in a lesson prepared the night before should surface at once, not
// as a wrong picture in front of the class.
#include "lesson.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "atomic_write.h"
#include "bias_source.h"
#include "cost.h"
#include "error.h"
#include "image_io.h"
#include "layer_options.h"
#include "layer_run.h"
#include "question.h"
#include "resize.h"

namespace sepconv {
namespace {

// True when the option's text is a file name (weights, or a bias read from a file), which
// lesson files keep relative to their own folder.
bool names_a_file(const LayerOption& o, const std::string& text) {
  if (!o.value_name || text.empty()) return false;
  const std::string kind = o.value_name;
  return kind == "FILE" || (kind == "BIAS" && bias_source_of(text).kind == BiasKind::File);
}

namespace fs = std::filesystem;
using nlohmann::json;
using ordered_json = nlohmann::ordered_json;

constexpr const char* kFormat = "sepconv-lab-lesson";
constexpr int kVersion = 1;
constexpr const char* kSamplePrefix = "sample:";
const std::set<std::string> kTabs = {"costs", "animation", "kernels"};
const std::set<std::string> kTerms = {"dk2", "m", "n", "do2"};

// In double quotes, with line breaks and other control characters as spaces and cut to
// 60 bytes: a message stays one readable line whatever a title or a value holds.
std::string in_quotes(std::string s) {
  for (char& c : s) c = static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return "\"" + s + "\"";
}

// A value for a message: primitives as written (cut to 60 bytes), containers by their
// type (dumping them would recurse as deep as a hostile file nests).
std::string short_text(const json& v) {
  if (!v.is_primitive()) return v.type_name();
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

std::string type_name(const json& v) {
  return v.is_number_integer() || v.is_number_unsigned() ? "a whole number" : v.type_name();
}

// Reads one file's JSON with the location of every message: the file, the step, the key.
class Reader {
 public:
  Reader(std::string path, const LessonContext& context)
      : path_(std::move(path)), context_(context) {
    folder_ = fs::path(path_).parent_path();
  }

  [[noreturn]] void Fail(const std::string& key, const std::string& why) const {
    std::string where = path_ + ": ";
    if (step_ > 0)
      where += "step " + std::to_string(step_) +
               (title_.empty() ? "" : " (" + in_quotes(title_) + ")") + ": ";
    if (!key.empty()) where += in_quotes(key) + ": ";
    throw Error(ErrorKind::LessonFormat, where + why);
  }

  Lesson Read(const json& root) {
    if (!root.is_object()) Fail("", "a lesson is a JSON object, not " + type_name(root));
    if (!root.contains("format") || root["format"] != kFormat) {
      const std::string got = root.contains("format") ? short_text(root["format"]) : "nothing";
      Fail("format", std::string("expected ") + in_quotes(kFormat) + ", got " + got);
    }
    const json& version = Required(root, "version", "");
    if (!version.is_number_integer() || version.get<int64_t>() != kVersion) {
      Fail("version", "version " + short_text(version) +
                          " is not one this SepConv Lab reads (it reads version 1)");
    }
    CheckKeys(root, "", {"format", "version", "title", "steps"});
    Lesson lesson;
    lesson.title = Text(root, "title", "");
    const json& steps = Required(root, "steps", "");
    if (!steps.is_array() || steps.empty()) Fail("steps", "must be a list of at least one step");
    if (steps.size() > size_t(LessonLimits::kMaxSteps)) {
      Fail("steps", std::to_string(steps.size()) + " steps, above the limit of " +
                        std::to_string(LessonLimits::kMaxSteps));
    }
    for (size_t i = 0; i < steps.size(); ++i) {
      step_ = int(i) + 1;
      title_.clear();
      lesson.steps.push_back(Step(steps[i]));
    }
    return lesson;
  }

 private:
  void CheckKeys(const json& object, const std::string& prefix,
                 const std::set<std::string>& known) const {
    for (const auto& item : object.items()) {
      if (known.count(item.key())) continue;
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      Fail(prefix + item.key(), "unknown key (known here: " + list + ")");
    }
  }

  const json& Required(const json& object, const char* key, const std::string& prefix) const {
    if (!object.contains(key)) Fail(prefix + key, "is missing");
    return object[key];
  }

  std::string Text(const json& object, const char* key, const std::string& prefix,
                   bool required = false) const {
    if (!object.contains(key)) {
      if (required) Fail(prefix + key, "is missing");
      return "";
    }
    const json& v = object[key];
    if (!v.is_string()) Fail(prefix + key, "must be a string, not " + type_name(v));
    std::string s = v.get<std::string>();
    if (s.size() > LessonLimits::kMaxTextBytes) {
      Fail(prefix + key, std::to_string(s.size()) + " bytes, above the limit of " +
                             std::to_string(LessonLimits::kMaxTextBytes));
    }
    return s;
  }

  bool Bool(const json& v, const std::string& key) const {
    if (!v.is_boolean()) Fail(key, "must be true or false, not " + type_name(v));
    return v.get<bool>();
  }

  int64_t WholeNumber(const json& v, const std::string& key, int64_t lo, int64_t hi) const {
    if (!v.is_number_integer() && !v.is_number_unsigned()) {
      Fail(key, "must be a whole number, not " + type_name(v));
    }
    if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(hi)) {
      Fail(key, v.dump() + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
    }
    const int64_t n = v.get<int64_t>();
    if (n < lo || n > hi) {
      Fail(key, v.dump() + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
    }
    return n;
  }

  double Number(const json& v, const std::string& key, double lo, double hi) const {
    if (!v.is_number()) Fail(key, "must be a number, not " + type_name(v));
    const double d = v.get<double>();
    if (!std::isfinite(d) || d < lo || d > hi) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%g is outside %g..%g", d, lo, hi);
      Fail(key, buf);
    }
    return d;
  }

  LessonStep Step(const json& s) {
    if (!s.is_object()) Fail("", "a step is a JSON object, not " + type_name(s));
    LessonStep step;
    step.title = Text(s, "title", "");
    title_ = step.title;
    CheckKeys(s, "", {"title", "caption", "notes", "question", "state"});
    step.caption = Text(s, "caption", "");
    step.notes = Text(s, "notes", "");
    if (s.contains("state")) step.state = State(s["state"]);
    if (s.contains("question")) step.question = Question(s["question"]);
    return step;
  }

  LessonState State(const json& s) {
    if (!s.is_object()) Fail("state", "must be an object, not " + type_name(s));
    CheckKeys(s, "state.", {"image", "layer", "view", "animation"});
    LessonState state;
    state.image = Text(s, "image", "state.");
    if (!state.image.empty()) state.image_path = ResolveImage(state.image);
    if (s.contains("layer")) state.layer = Layer(s["layer"]);
    if (s.contains("view")) state.view = View(s["view"]);
    if (s.contains("animation")) state.animation = Animation(s["animation"], "state.animation.");
    if (context_.check_files && !state.image_path.empty()) {
      ImageSize size;
      try {
        size = read_image_size(state.image_path);
      } catch (const Error& e) {
        Fail("state.image", e.what());
      }
      const std::string why = validate_choice(state.layer, size.height, size.width);
      if (!why.empty()) Fail("state.layer", why);
      try {
        check_weight_files(state.layer);  // shapes, before the class sees the step
      } catch (const Error& e) {
        Fail("state.layer", e.what());
      }
      CheckJump(state, size);
    }
    return state;
  }

  // A jump must name an output of the step's layer on its image (at the working size).
  void CheckJump(const LessonState& state, const ImageSize& size) const {
    if (state.animation.jump.empty()) return;
    OutputPosition p;
    (void)parse_output_position(state.animation.jump, &p);
    const Size2 work = working_size_of(state.layer.working_size, size.height, size.width);
    const LayerCosts costs = layer_costs(state.layer.spec, work.h, work.w);
    const Shape3 out = p.path == "standard"    ? costs.standard.out
                       : p.path == "depthwise" ? costs.depthwise.out
                                               : costs.pointwise.out;
    if (p.c >= out.c || p.y >= out.h || p.x >= out.w) {
      Fail("state.animation.jump", in_quotes(state.animation.jump) + " is outside the " + p.path +
                                       " output (" + std::to_string(out.c) + " channels, " +
                                       std::to_string(out.h) + " x " + std::to_string(out.w) + ")");
    }
  }

  std::string ResolveImage(const std::string& image) const {
    if (image.rfind(kSamplePrefix, 0) == 0) {
      const std::string name = image.substr(std::string(kSamplePrefix).size());
      if (name.empty() || name.find('/') != std::string::npos) {
        Fail("state.image",
             in_quotes(image) + " must name a bundled sample file, e.g. sample:test_card.png");
      }
      std::error_code ec;
      for (const std::string& dir : context_.sample_dirs) {
        const fs::path p = fs::path(dir) / name;
        if (fs::is_regular_file(p, ec)) return p.string();
      }
      if (!context_.check_files) return name;
      Fail("state.image", "there is no bundled sample " + in_quotes(name));
    }
    const fs::path p(image);
    return (p.is_absolute() ? p : folder_ / p).lexically_normal().string();
  }

  LayerChoice Layer(const json& layer) const {
    if (!layer.is_object()) Fail("state.layer", "must be an object, not " + type_name(layer));
    LayerChoice choice;
    for (const auto& item : layer.items()) {
      const std::string key = "state.layer." + item.key();
      std::string flag = "--" + item.key();
      for (char& ch : flag) ch = ch == '_' ? '-' : ch;
      const LayerOption* o = find_layer_option(flag);
      if (!o) {
        Fail(key,
             "is not a layer option: the keys are the CLI's flags without the dashes, "
             "with _ for - (dk, m, n, stride, padding, pad_mode, ...)");
      }
      const json& v = item.value();
      std::string text;
      if (!o->value_name) {
        text = Bool(v, key) ? "true" : "false";
      } else if (v.is_string()) {
        text = v.get<std::string>();
      } else if (v.is_number_integer() || v.is_number_unsigned()) {
        text = v.dump();
      } else if (v.is_number_float()) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", v.get<double>());
        text = buf;
      } else {
        Fail(key, "must be a number or a string, not " + type_name(v));
      }
      if (names_a_file(*o, text) && fs::path(text).is_relative()) {
        text = (folder_ / text).lexically_normal().string();
      }
      const std::string why = o->apply(choice, text);
      if (!why.empty()) Fail(key, why);
    }
    return choice;
  }

  LessonView View(const json& v) const {
    if (!v.is_object()) Fail("state.view", "must be an object, not " + type_name(v));
    CheckKeys(v, "state.view.",
              {"tab", "large_lesson", "show_depthwise", "view", "zoom", "highlight"});
    LessonView view;
    if (v.contains("tab")) {
      view.tab = Text(v, "tab", "state.view.");
      if (!kTabs.count(view.tab))
        Fail("state.view.tab", in_quotes(view.tab) + " must be costs, animation or kernels");
    }
    if (v.contains("large_lesson"))
      view.large_lesson = Bool(v["large_lesson"], "state.view.large_lesson");
    if (v.contains("show_depthwise"))
      view.show_depthwise = Bool(v["show_depthwise"], "state.view.show_depthwise");
    if (v.contains("view")) {
      view.view = Text(v, "view", "state.view.");
      const size_t colon = view.view.find(':');
      const std::string what = view.view.substr(0, colon);
      const std::string channel = colon == std::string::npos ? "0" : view.view.substr(colon + 1);
      const bool digits = !channel.empty() && channel.size() <= 4 &&
                          channel.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || (what != "input" && what != "standard" && what != "separable" &&
                      what != "depthwise" && what != "spatial")) {
        Fail("state.view.view", in_quotes(view.view) +
                                    " must be input, standard, separable, depthwise or spatial, "
                                    "then :C");
      }
    }
    if (v.contains("zoom")) view.zoom = Number(v["zoom"], "state.view.zoom", 0, 1000);
    if (v.contains("highlight")) {
      const json& h = v["highlight"];
      if (!h.is_array()) Fail("state.view.highlight", "must be a list of terms (dk2, m, n, do2)");
      for (const json& term : h) {
        if (!term.is_string() || !kTerms.count(term.get<std::string>())) {
          Fail("state.view.highlight", short_text(term) + " is not a term: dk2, m, n or do2");
        }
        view.highlight.push_back(term.get<std::string>());
      }
    }
    return view;
  }

  LessonAnimation Animation(const json& a, const std::string& prefix) const {
    if (!a.is_object())
      Fail(prefix.substr(0, prefix.size() - 1), "must be an object, not " + type_name(a));
    CheckKeys(a, prefix, {"clock", "jump", "play", "speed", "play_for"});
    constexpr int64_t kMaxClock = int64_t(1) << 62;
    LessonAnimation anim;
    if (a.contains("clock")) anim.clock = WholeNumber(a["clock"], prefix + "clock", 0, kMaxClock);
    if (a.contains("jump")) {
      if (anim.clock) Fail(prefix + "jump", "give clock or jump, not both");
      anim.jump = Text(a, "jump", prefix);
      OutputPosition pos;
      const std::string why = parse_output_position(anim.jump, &pos);
      if (!why.empty()) Fail(prefix + "jump", why);
    }
    if (a.contains("play")) anim.play = Bool(a["play"], prefix + "play");
    if (a.contains("speed")) anim.speed = Number(a["speed"], prefix + "speed", 0.01, 1e12);
    if (a.contains("play_for"))
      anim.play_for = WholeNumber(a["play_for"], prefix + "play_for", 0, kMaxClock);
    return anim;
  }

  LessonQuestion Question(const json& q) const {
    if (!q.is_object()) Fail("question", "must be an object, not " + type_name(q));
    CheckKeys(q, "question.", {"prompt", "kind", "quantity", "tolerance", "choices", "reveal"});
    LessonQuestion question;
    question.prompt = Text(q, "prompt", "question.", true);
    const std::string kind = Text(q, "kind", "question.", true);
    if (kind != "number" && kind != "choice")
      Fail("question.kind", in_quotes(kind) + " must be number or choice");
    question.kind = kind == "number" ? LessonQuestion::Kind::Number : LessonQuestion::Kind::Choice;
    question.quantity = Text(q, "quantity", "question.", true);
    if (!is_report_quantity(question.quantity)) {
      Fail("question.quantity", in_quotes(question.quantity) +
                                    " is not a number of the report (e.g. depthwise.mults, "
                                    "separable.params, ratio.predicted, output.height)");
    }
    if (q.contains("tolerance")) {
      if (question.kind != LessonQuestion::Kind::Number)
        Fail("question.tolerance", "only a number question has a tolerance");
      question.tolerance = Number(q["tolerance"], "question.tolerance", 0, 10);
    }
    if (question.kind == LessonQuestion::Kind::Choice) {
      if (!q.contains("choices") || !q["choices"].is_array() || q["choices"].size() < 2 ||
          q["choices"].size() > size_t(LessonLimits::kMaxChoices)) {
        Fail("question.choices", "a choice question lists 2 to " +
                                     std::to_string(LessonLimits::kMaxChoices) + " numbers");
      }
      for (const json& c : q["choices"])
        question.choices.push_back(Number(c, "question.choices", -1e300, 1e300));
    } else if (q.contains("choices")) {
      Fail("question.choices", "only a choice question has choices");
    }
    if (q.contains("reveal")) question.reveal = Animation(q["reveal"], "question.reveal.");
    return question;
  }

  std::string path_;
  const LessonContext& context_;
  fs::path folder_;
  int step_ = 0;
  std::string title_;
};

// A value of the option table as JSON: numbers and flags keep their type, so the file
// reads as a person would write it.
ordered_json layer_value(const LayerOption& o, const std::string& text, const fs::path& folder) {
  if (!o.value_name) return text == "true";
  if (names_a_file(o, text)) {
    std::error_code ec;
    const fs::path file = fs::absolute(text, ec).lexically_normal();
    const fs::path rel = file.lexically_relative(folder);
    // Outside the lesson's folder: the whole path, so it still opens from elsewhere.
    return rel.empty() || *rel.begin() == ".." ? file.string() : rel.string();
  }
  char* end = nullptr;
  const long long n = std::strtoll(text.c_str(), &end, 10);
  if (!text.empty() && *end == '\0' && std::to_string(n) == text) return n;
  return text;
}

ordered_json animation_json(const LessonAnimation& a) {
  ordered_json j = ordered_json::object();
  if (a.clock) j["clock"] = *a.clock;
  if (!a.jump.empty()) j["jump"] = a.jump;
  j["play"] = a.play;
  if (a.speed) j["speed"] = *a.speed;
  if (a.play_for) j["play_for"] = *a.play_for;
  return j;
}

}  // namespace

std::string parse_output_position(const std::string& text, OutputPosition* out) {
  const size_t colon = text.find(':');
  OutputPosition p;
  p.path = text.substr(0, colon);
  if (p.path != "standard" && p.path != "depthwise" && p.path != "pointwise") {
    return "expected standard, depthwise or pointwise before ':', got \"" + p.path.substr(0, 40) +
           "\"";
  }
  // Three whole numbers below 2^31, read with strtol (sscanf's %d overflows).
  int* fields[] = {&p.c, &p.y, &p.x};
  bool ok = colon != std::string::npos;
  const char* at = ok ? text.c_str() + colon + 1 : "";
  for (int i = 0; ok && i < 3; ++i) {
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(at, &end, 10);
    ok = end != at && errno == 0 && v >= INT32_MIN && v <= INT32_MAX &&
         (i < 2 ? *end == ',' : *end == '\0');
    if (ok) *fields[i] = static_cast<int>(v);
    at = end + 1;
  }
  if (!ok) {
    return "expected " + p.path + ":c,y,x (output channel, row, column), got \"" +
           text.substr(0, 60) + "\"";
  }
  if (p.c < 0 || p.y < 0 || p.x < 0)
    return "channel, row and column count from 0, got \"" + text + "\"";
  *out = p;
  return "";
}

Lesson parse_lesson(const std::string& text, const std::string& path,
                    const LessonContext& context) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {
    std::string why = e.what();
    const size_t cut = why.find("] ");
    if (cut != std::string::npos) why = why.substr(cut + 2);  // drop nlohmann's error id
    throw Error(ErrorKind::LessonFormat, path + ": not valid JSON: " + why);
  }
  return Reader(path, context).Read(root);
}

Lesson read_lesson(const std::string& path, const LessonContext& context) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw Error(ErrorKind::LessonFormat, path + ": is a folder, not a lesson file");
  const auto size = fs::file_size(path, ec);
  if (ec) throw Error(ErrorKind::LessonFormat, path + ": cannot be read (" + ec.message() + ")");
  if (size > uint64_t(LessonLimits::kMaxFileBytes)) {
    throw Error(ErrorKind::LessonFormat, path + ": " + std::to_string(size) +
                                             " bytes, above the limit of 4 MiB for a lesson file");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) throw Error(ErrorKind::LessonFormat, path + ": cannot be read");
  return parse_lesson(bytes.str(), path, context);
}

std::string lesson_image_ref(const std::string& image_path, const std::string& lesson_path,
                             const LessonContext& context) {
  std::error_code ec;
  const fs::path image = fs::absolute(image_path, ec).lexically_normal();
  for (const std::string& dir : context.sample_dirs) {
    const fs::path d = fs::absolute(dir, ec).lexically_normal();
    if (image.parent_path() == d || image.parent_path() == d / "") {
      return kSamplePrefix + image.filename().string();
    }
  }
  const fs::path folder = fs::absolute(lesson_path, ec).parent_path();
  const fs::path rel = image.lexically_relative(folder);
  if (rel.empty() || *rel.begin() == "..") return image.string();
  return rel.string();
}

std::string lesson_json(const Lesson& lesson, const std::string& path,
                        const LessonContext& context) {
  std::error_code ec;
  const fs::path folder = fs::absolute(path, ec).lexically_normal().parent_path();
  ordered_json root;
  root["format"] = kFormat;
  root["version"] = kVersion;
  root["title"] = lesson.title;
  root["steps"] = ordered_json::array();
  for (const LessonStep& s : lesson.steps) {
    ordered_json step;
    step["title"] = s.title;
    step["caption"] = s.caption;
    if (!s.notes.empty()) step["notes"] = s.notes;
    if (s.question) {
      const LessonQuestion& q = *s.question;
      ordered_json jq;
      jq["prompt"] = q.prompt;
      jq["kind"] = q.kind == LessonQuestion::Kind::Number ? "number" : "choice";
      jq["quantity"] = q.quantity;
      if (q.kind == LessonQuestion::Kind::Number)
        jq["tolerance"] = q.tolerance;
      else
        jq["choices"] = q.choices;
      if (q.reveal) jq["reveal"] = animation_json(*q.reveal);
      step["question"] = jq;
    }
    ordered_json state;
    const std::string image_path = s.state.image_path.empty() ? s.state.image : s.state.image_path;
    if (!image_path.empty()) {
      state["image"] =
          s.state.image_path.empty() ? s.state.image : lesson_image_ref(image_path, path, context);
    }
    ordered_json layer = ordered_json::object();
    for (const LayerFlagValue& v : layer_flag_values(s.state.layer)) {
      std::string key = v.name.substr(2);
      for (char& ch : key) ch = ch == '-' ? '_' : ch;
      layer[key] = layer_value(*find_layer_option(v.name), v.text, folder);
    }
    state["layer"] = layer;
    const LessonView& view = s.state.view;
    ordered_json jv;
    jv["tab"] = view.tab;
    jv["large_lesson"] = view.large_lesson;
    jv["show_depthwise"] = view.show_depthwise;
    if (!view.view.empty()) jv["view"] = view.view;
    if (view.zoom > 0) jv["zoom"] = view.zoom;
    if (!view.highlight.empty()) jv["highlight"] = view.highlight;
    state["view"] = jv;
    state["animation"] = animation_json(s.state.animation);
    step["state"] = state;
    root["steps"].push_back(step);
  }
  // Bytes that are not UTF-8 (a Latin-1 file name) become U+FFFD instead of a throw.
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

void write_lesson(const Lesson& lesson, const std::string& path, const LessonContext& context) {
  write_file_atomically(path, lesson_json(lesson, path, context));
}

}  // namespace sepconv
