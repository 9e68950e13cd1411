// Fuzz target: lesson and session files (one JSON format, core/lesson.h) through the
// reader the app uses, with the file checks off so nothing outside memory is read. A
// lesson it accepts must also survive being written and read back.
#include <string>

#include "fuzz_support.h"
#include "lesson.h"

using namespace sepconv;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const LessonContext no_files{{"/nonexistent/samples"}, false};
  Lesson lesson;
  try {
    lesson = parse_lesson(text, "/fuzz/lesson.json", no_files);
  } catch (const Error& e) {
    fuzz::check_refusal(e, ErrorKind::LessonFormat);
    return 0;
  }
  fuzz::check(!lesson.steps.empty() &&
              lesson.steps.size() <= static_cast<size_t>(LessonLimits::kMaxSteps));
  // What the app saves (a session, an edited lesson) it can open again, step for step.
  const std::string saved = lesson_json(lesson, "/fuzz/lesson.json", no_files);
  const Lesson again = parse_lesson(saved, "/fuzz/lesson.json", no_files);
  fuzz::check(again.title == lesson.title && again.steps.size() == lesson.steps.size());
  for (size_t i = 0; i < lesson.steps.size(); ++i) {
    const LessonStep& a = lesson.steps[i];
    const LessonStep& b = again.steps[i];
    fuzz::check(a.title == b.title && a.caption == b.caption && a.notes == b.notes);
    fuzz::check(a.question == b.question);
    fuzz::check(a.state.view == b.state.view && a.state.animation == b.state.animation);
    fuzz::check(same_choice(a.state.layer, b.state.layer));
  }
  return 0;
}
