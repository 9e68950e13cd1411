// Lesson mode in the real window (xvfb-run): presentation mode's layout, a scripted run on
// a bad lesson file (its message on stderr, the app's picture with the message, a
// non-zero exit), and --state-json writing the step it shows.
#include <gtest/gtest.h>

#include <fstream>

#include "app_runner.h"
#include "lesson.h"

namespace sepconv::gui_test {
namespace {

const std::string kLessons = std::string(SEPCONV_ASSETS_DIR) + "/lessons/";

// The run's stderr, captured beside RunApp's screenshot.
Shot RunAppCapturing(const std::string& args, const std::string& name, std::string* err) {
  const fs::path log = TempDir() / (name + ".err");
  Shot shot = RunApp(SEPCONV_LAB_EXE, args, name, log);
  std::ifstream in(log);
  *err = std::string(std::istreambuf_iterator<char>(in), {});
  return shot;
}

int Luma(const Shot& s, int x, int y) {
  return (s.r(x, y) * 299 + s.g(x, y) * 587 + s.b(x, y) * 114) / 1000;
}

// The darkest and lightest pixel of the strip's left half (its text and background).
std::pair<int, int> LumaRange(const Shot& s, const Rect& strip) {
  int lo = 255, hi = 0;
  for (int x = strip.x + 4; x < strip.x + strip.w / 2; ++x) {
    for (int y = strip.y + 4; y < strip.y + strip.h - 4; ++y) {
      lo = std::min(lo, Luma(s, x, y));
      hi = std::max(hi, Luma(s, x, y));
    }
  }
  return {lo, hi};
}

TEST(LessonWindow, PresentationGivesTheLessonTheRoom) {
  const Shot s = RunApp(SEPCONV_LAB_EXE,
                        "--lesson " + Quoted(kLessons + "derivation.json") +
                            " --lesson-step 7 --present --size 1920x1080",
                        "present");
  ASSERT_EQ(s.exit_code, 0);
  EXPECT_FALSE(s.rects.count("Input")) << "the parameter panels are hidden";
  EXPECT_FALSE(s.rects.count("Parameters"));
  ASSERT_TRUE(s.rects.count("LessonStrip"));
  const Rect strip = s.rects.at("LessonStrip");
  EXPECT_EQ(strip.y, 0) << "no menu bar above the strip";
  EXPECT_EQ(strip.w, 1920);
  const Rect outputs = s.rects.at("Outputs"), lesson = s.rects.at("Lesson");
  EXPECT_EQ(outputs.y, strip.y + strip.h);
  EXPECT_GT(lesson.w, 1920 / 2) << "the lesson area gets most of the width";
  EXPECT_GT(outputs.h, 1080 * 3 / 4);
  // The caption's large font: the same step's strip is taller than outside presentation.
  const Shot window = RunApp(
      SEPCONV_LAB_EXE,
      "--lesson " + Quoted(kLessons + "derivation.json") + " --lesson-step 7 --size 1920x1080",
      "not_presenting");
  ASSERT_TRUE(window.rects.count("LessonStrip"));
  EXPECT_GT(strip.h, window.rects.at("LessonStrip").h * 5 / 4);
  EXPECT_TRUE(window.rects.count("Parameters"));
  // The strip's background is the theme's, and its text is drawn on it.
  const auto [lo, hi] = LumaRange(s, strip);
  EXPECT_LT(lo, 40) << "dark background";
  EXPECT_GT(hi, 200) << "light text";
}

// Pixels of the light theme's term-mark orange (205, 85, 0) in the lesson area; no path
// colour is near it (standard is 190, 70, 0).
int MarkPixels(const Shot& s) {
  const Rect lesson = s.rects.at("Lesson");
  int n = 0;
  for (int y = lesson.y; y < lesson.y + lesson.h; ++y) {
    for (int x = lesson.x; x < lesson.x + lesson.w; ++x) {
      if (std::abs(s.r(x, y) - 205) < 6 && std::abs(s.g(x, y) - 85) < 6 && s.b(x, y) < 6) ++n;
    }
  }
  return n;
}

// The light projector theme in presentation: a light strip with dark caption text, and
// the boxed formula terms in the theme's orange.
TEST(LessonWindow, PresentationInTheLightTheme) {
  const Shot s = RunApp(SEPCONV_LAB_EXE,
                        "--lesson " + Quoted(kLessons + "derivation.json") +
                            " --lesson-step 7 --reveal --present --theme light --size 1920x1080",
                        "present_light");
  ASSERT_EQ(s.exit_code, 0);
  const Rect strip = s.rects.at("LessonStrip");
  const auto [lo, hi] = LumaRange(s, strip);
  EXPECT_GT(hi, 235) << "light background";
  EXPECT_LT(lo, 60) << "dark text";
  // The Costs tab boxes N and Dk² (the step's highlight).
  EXPECT_GT(MarkPixels(s), 200) << "the marks around the formula terms";
  // A Costs step that points at no term has none.
  const Shot plain = RunApp(SEPCONV_LAB_EXE,
                            "--lesson " + Quoted(kLessons + "same_filter.json") +
                                " --lesson-step 3 --present --theme light --size 1920x1080",
                            "present_light_plain");
  EXPECT_LT(MarkPixels(plain), 20);
}

TEST(LessonWindow, ABadLessonFailsTheScriptedRunWithItsMessage) {
  const fs::path bad = TempDir() / "typo.json";
  std::ofstream(bad) << R"({"format": "sepconv-lab-lesson", "version": 1, "steps": [)"
                        R"({"title": "One", "state": {"image": "sample:tiny.png",)"
                        R"( "layer": {"kernel": "blurry"}}}]})";
  std::string err;
  const Shot s = RunAppCapturing("--lesson " + Quoted(bad) + " --size 1280x720", "typo", &err);
  EXPECT_NE(s.exit_code, 0);
  EXPECT_NE(err.find(bad.string() + R"(: step 1 ("One"): "state.layer.kernel": --kernel 'blurry')"),
            std::string::npos)
      << err;
  EXPECT_TRUE(s.rects.count("Banner")) << "the picture shows the message";
  EXPECT_FALSE(s.rects.count("LessonStrip")) << "no lesson was opened";
}

// A lesson given where an image would be (a file manager's "Open with") opens as one.
TEST(LessonWindow, ALessonInPlaceOfTheImageOpensTheLesson) {
  const Shot s =
      RunApp(SEPCONV_LAB_EXE, Quoted(kLessons + "groups.json") + " --lesson-step 2 --size 1280x720",
             "positional");
  ASSERT_EQ(s.exit_code, 0);
  EXPECT_TRUE(s.rects.count("LessonStrip"));
  EXPECT_FALSE(s.rects.count("Banner")) << "not refused as an image";
}

// Several files, as a file manager passes them: the first opens (the others go to
// Recent, which scripted runs do not save), and none is refused.
TEST(LessonWindow, SeveralFilesOpenTheFirst) {
  const fs::path out = TempDir() / "two_state.json";
  const Shot s = RunApp(SEPCONV_LAB_EXE,
                        Quoted(std::string(SEPCONV_ASSETS_DIR) + "/shapes.png") + " " +
                            Quoted(std::string(SEPCONV_ASSETS_DIR) + "/tiny.png") +
                            " --size 1280x720 --state-json " + Quoted(out),
                        "two_files");
  ASSERT_EQ(s.exit_code, 0);
  std::ifstream in(out);
  const std::string state(std::istreambuf_iterator<char>(in), {});
  EXPECT_NE(state.find("shapes.png"), std::string::npos) << state;
}

TEST(LessonWindow, StateJsonIsTheStepOnScreen) {
  const fs::path out = TempDir() / "session_out.json";
  fs::remove(out);
  const Shot s = RunApp(SEPCONV_LAB_EXE,
                        "--lesson " + Quoted(kLessons + "groups.json") +
                            " --lesson-step 4 --size 1280x720 --state-json " + Quoted(out),
                        "state");
  ASSERT_EQ(s.exit_code, 0);
  const Lesson saved = read_lesson(out.string(), LessonContext{{SEPCONV_ASSETS_DIR}, true});
  const Lesson bundled =
      read_lesson(kLessons + "groups.json", LessonContext{{SEPCONV_ASSETS_DIR}, true});
  ASSERT_EQ(saved.steps.size(), 1u);
  const LessonState& a = saved.steps[0].state;
  const LessonState& b = bundled.steps[3].state;
  EXPECT_TRUE(same_choice(a.layer, b.layer));
  EXPECT_EQ(a.view.tab, b.view.tab);
  EXPECT_EQ(a.view.highlight, b.view.highlight);
  EXPECT_EQ(fs::path(a.image_path), fs::path(b.image_path));
}

}  // namespace
}  // namespace sepconv::gui_test
