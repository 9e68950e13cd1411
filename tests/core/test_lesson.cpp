// Lesson files: what is written reads back the same, every bundled lesson loads and
// validates, every kind of bad file gets one line naming the file, the step and the key,
// and questions' answers come from the report of a real run.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "cost.h"
#include "error.h"
#include "layer_options.h"
#include "lesson.h"
#include "npy_io.h"
#include "question.h"

namespace sepconv {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir() {
  const fs::path d = fs::temp_directory_path() / ("sepconv_lesson_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

LessonContext assets() {
  return LessonContext{{SEPCONV_ASSETS_DIR}, true};
}

std::string write_text(const std::string& name, const std::string& text) {
  const fs::path p = temp_dir() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

// A one-step lesson around `state` (a JSON object's body) and an optional question.
std::string one_step(const std::string& state, const std::string& question = "") {
  return R"({"format": "sepconv-lab-lesson", "version": 1, "title": "t", "steps": [)"
         R"({"title": "First", "caption": "c", )" +
         (question.empty() ? "" : "\"question\": " + question + ", ") + "\"state\": " + state +
         "}]}";
}

std::string message_of(const std::string& text) {
  const std::string path = write_text("bad.json", text);
  try {
    (void)read_lesson(path, assets());
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::LessonFormat);
    return e.what();
  }
  return "(accepted)";
}

TEST(Lesson, WrittenLessonReadsBackTheSame) {
  Lesson lesson;
  lesson.title = "Round trip";
  LessonStep a;
  a.title = "Five by five";
  a.caption = "A caption with ünïcode · and Dk²";
  a.notes = "for the teacher";
  a.state.image = "sample:test_card.png";
  a.state.image_path = std::string(SEPCONV_ASSETS_DIR) + "/test_card.png";
  for (const auto& [flag, value] :
       std::vector<std::pair<const char*, const char*>>{{"--dk", "5"},
                                                        {"--n", "16"},
                                                        {"--padding", "valid"},
                                                        {"--convolution", ""},
                                                        {"--working-size", "0.5MP"},
                                                        {"--std-kernel", "box"}}) {
    ASSERT_EQ(find_layer_option(flag)->apply(a.state.layer, value), "");
  }
  a.state.view.tab = "animation";
  a.state.view.large_lesson = true;
  a.state.view.highlight = {"dk2", "n"};
  a.state.animation.jump = "depthwise:1,2,3";
  a.state.animation.play = true;
  a.state.animation.speed = 40;
  a.state.animation.play_for = 500;
  LessonQuestion q;
  q.kind = LessonQuestion::Kind::Choice;
  q.prompt = "How many?";
  q.quantity = "depthwise.mults";
  q.choices = {1, 2.5, 3e9};
  a.question = q;
  LessonStep b;
  b.title = "Shapes";
  b.state.image_path = (temp_dir() / "photo.png").string();
  fs::copy_file(std::string(SEPCONV_ASSETS_DIR) + "/shapes.png", b.state.image_path,
                fs::copy_options::overwrite_existing);
  b.state.animation.clock = 1234;
  LessonQuestion n;
  n.prompt = "Ratio?";
  n.quantity = "ratio.predicted";
  n.tolerance = 0.05;
  n.reveal = LessonAnimation{};
  n.reveal->jump = "standard:0,0,0";
  b.question = n;
  lesson.steps = {a, b};

  const std::string path = (temp_dir() / "round.json").string();
  write_lesson(lesson, path, assets());
  const std::string text = [&] {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  EXPECT_NE(text.find("\"image\": \"sample:test_card.png\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"image\": \"photo.png\""), std::string::npos) << "relative to the lesson";
  EXPECT_NE(text.find("\"dk\": 5"), std::string::npos) << "numbers stay numbers";
  EXPECT_NE(text.find("\"convolution\": true"), std::string::npos);
  EXPECT_EQ(text.find("\"m\":"), std::string::npos) << "defaults are left out";

  const Lesson back = read_lesson(path, assets());
  ASSERT_EQ(back.steps.size(), 2u);
  EXPECT_EQ(back.title, lesson.title);
  for (size_t i = 0; i < 2; ++i) {
    const LessonStep& want = lesson.steps[i];
    const LessonStep& got = back.steps[i];
    EXPECT_EQ(got.title, want.title);
    EXPECT_EQ(got.caption, want.caption);
    EXPECT_EQ(got.notes, want.notes);
    EXPECT_TRUE(same_choice(got.state.layer, want.state.layer)) << i;
    EXPECT_EQ(got.state.view, want.state.view);
    EXPECT_EQ(got.state.animation, want.state.animation);
    EXPECT_EQ(got.question, want.question);
    EXPECT_EQ(fs::weakly_canonical(got.state.image_path),
              fs::weakly_canonical(want.state.image_path));
  }
  // Written again, it is the same file.
  const std::string again = (temp_dir() / "again.json").string();
  write_lesson(back, again, assets());
  std::ifstream in(again);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), text);
}

TEST(Lesson, WeightFilesAreRelativeToTheLesson) {
  const fs::path dir = temp_dir() / "weights";
  fs::create_directories(dir);
  Tensor dw({3, 1, 3, 3});
  for (int64_t i = 0; i < dw.size(); ++i) dw.data()[i] = float(i) / 10;
  write_npy((dir / "dw.npy").string(), dw);
  const std::string lesson_path = (dir / "l.json").string();
  std::ofstream(lesson_path) << one_step(
      R"({"image": "sample:tiny.png", "layer": {"dw_weights": "dw.npy"}})");
  const Lesson l = read_lesson(lesson_path, assets());
  EXPECT_EQ(fs::path(l.steps[0].state.layer.files.depthwise), dir / "dw.npy");
  EXPECT_NE(lesson_json(l, lesson_path, assets()).find("\"dw_weights\": \"dw.npy\""),
            std::string::npos);
}

TEST(Lesson, BundledLessonsLoadAndValidate) {
  const fs::path dir = fs::path(SEPCONV_ASSETS_DIR) / "lessons";
  int lessons = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++lessons;
    const Lesson l = read_lesson(entry.path().string(), assets());
    EXPECT_FALSE(l.title.empty()) << entry.path();
    for (const LessonStep& s : l.steps) {
      EXPECT_FALSE(s.title.empty()) << entry.path();
      EXPECT_FALSE(s.caption.empty()) << entry.path() << ": " << s.title;
      EXPECT_FALSE(s.state.image_path.empty()) << entry.path() << ": " << s.title;
    }
  }
  EXPECT_GE(lessons, 3);
}

TEST(Lesson, EveryKindOfBadFileGetsOneLineNamingTheStepAndKey) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{not json", "bad.json: not valid JSON: "},
      {"[1, 2]", "bad.json: a lesson is a JSON object, not array"},
      {R"({"format": "powerpoint", "version": 1, "steps": []})",
       R"("format": expected "sepconv-lab-lesson", got "powerpoint")"},
      {R"({"format": "sepconv-lab-lesson", "version": 2, "steps": []})",
       R"("version": version 2 is not one this SepConv Lab reads (it reads version 1))"},
      {R"({"format": "sepconv-lab-lesson", "version": 1, "steps": []})",
       R"("steps": must be a list of at least one step)"},
      {R"({"format": "sepconv-lab-lesson", "version": 1, "steps": [{}], "extra": 1})",
       R"("extra": unknown key (known here: format, steps, title, version))"},
      {one_step(R"({"image": "sample:tiny.png", "layer": {"dk": "five"}})"),
       R"(step 1 ("First"): "state.layer.dk": --dk 'five' is not a whole number)"},
      {one_step(R"({"image": "sample:tiny.png", "layer": {"dk": 99}})"),
       R"("state.layer.dk": --dk = 99 is outside 1..63)"},
      {one_step(R"({"image": "sample:tiny.png", "layer": {"dk": 3.5}})"),
       R"("state.layer.dk": --dk '3.5' is not a whole number)"},
      {one_step(R"({"image": "sample:tiny.png", "layer": {"kernel": "blurry"}})"),
       R"("state.layer.kernel": --kernel 'blurry' is not a kernel preset)"},
      {one_step(R"({"image": "sample:tiny.png", "layer": {"kernal": "box"}})"),
       R"("state.layer.kernal": is not a layer option)"},
      {one_step(R"({"image": "sample:tiny.png", "layer": {"convolution": "yes"}})"),
       R"("state.layer.convolution": must be true or false, not string)"},
      {one_step(R"({"image": "sample:tiny.png", "layer": [3]})"),
       R"("state.layer": must be an object, not array)"},
      {one_step(R"({"image": "sample:nope.png"})"),
       R"("state.image": there is no bundled sample "nope.png")"},
      {one_step(R"({"image": "missing.png"})"), R"("state.image": )"},
      {one_step(R"({"image": "sample:tiny.png", "layer": {"dk": 31, "padding": "valid"}})"),
       R"("state.layer": )"},
      {one_step(R"({"image": "sample:tiny.png", "layer": {"dw_weights": "none.npy"}})"),
       R"("state.layer": --dw-weights )"},
      {one_step(R"({"image": "sample:tiny.png", "view": {"tab": "slides"}})"),
       R"("state.view.tab": "slides" must be costs, animation or kernels)"},
      {one_step(R"({"image": "sample:tiny.png", "view": {"highlight": ["dk3"]}})"),
       R"("state.view.highlight": "dk3" is not a term)"},
      {one_step(R"({"image": "sample:tiny.png", "animation": {"clock": -4}})"),
       R"("state.animation.clock": -4 is outside 0..)"},
      {one_step(
           R"({"image": "sample:tiny.png", "animation": {"clock": 1, "jump": "standard:0,0,0"}})"),
       R"("state.animation.jump": give clock or jump, not both)"},
      {one_step(R"({"image": "sample:tiny.png", "animation": {"jump": "sideways:0,0,0"}})"),
       R"("state.animation.jump": expected standard, depthwise or pointwise)"},
      {one_step(R"({"image": "sample:tiny.png", "animation": {"speed": 0}})"),
       R"("state.animation.speed": 0 is outside 0.01..)"},
      {R"({"standard": {"mults": 1}})", R"("format": expected "sepconv-lab-lesson", got nothing)"},
      {one_step(
           R"({"image": "sample:tiny.png", "animation": {"jump": "depthwise:99999999999,0,0"}})"),
       R"("state.animation.jump": expected depthwise:c,y,x)"},
      {one_step(R"({"image": "sample:tiny.png", "animation": {"jump": "depthwise:3,0,0"}})"),
       R"("state.animation.jump": "depthwise:3,0,0" is outside the depthwise output (3 channels, 24 x 32))"},
      {one_step(R"({"image": "sample:tiny.png", "view": {"view": "standard:abc"}})"),
       R"("state.view.view": "standard:abc" must be input, standard, separable, depthwise or spatial)"},
      {one_step(R"({"image": "sample:tiny.png"})", R"({"prompt": "?", "kind": "number"})"),
       R"("question.quantity": is missing)"},
      {one_step(R"({"image": "sample:tiny.png"})",
                R"({"prompt": "?", "kind": "number", "quantity": "depthwise.speed"})"),
       R"("question.quantity": "depthwise.speed" is not a number of the report)"},
      {one_step(R"({"image": "sample:tiny.png"})",
                R"({"prompt": "?", "kind": "choice", "quantity": "n", "choices": [1]})"),
       R"("question.quantity": "n" is not a number)"},
      {one_step(R"({"image": "sample:tiny.png"})",
                R"({"prompt": "?", "kind": "choice", "quantity": "params.n", "choices": [1]})"),
       R"("question.choices": a choice question lists 2 to 12 numbers)"},
      {one_step(R"({"image": "sample:tiny.png"})",
                R"({"prompt": "?", "kind": "guess", "quantity": "params.n"})"),
       R"("question.kind": "guess" must be number or choice)"},
  };
  for (const auto& [text, expected] : cases) {
    const std::string message = message_of(text);
    EXPECT_NE(message.find(expected), std::string::npos)
        << "file: " << text << "\nmessage: " << message << "\nexpected: " << expected;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(message.rfind(temp_dir().string(), 0), 0u) << "names the file: " << message;
  }
}

// Nesting that a recursive dump would overflow the stack on gets one message; a huge
// layer that names only a bias file is checked by reading that file, not by building
// gigabytes of weights.
TEST(Lesson, HostileNestingAndHugeLayersAreCheap) {
  for (const char* key : {"format", "version"}) {
    const std::string deep = "{\"" + std::string(key) + "\": " + std::string(100000, '[') +
                             std::string(100000, ']') + "}";
    const std::string message = message_of(deep);
    EXPECT_NE(message.find("bad.json: "), std::string::npos) << message.substr(0, 200);
    EXPECT_LT(message.size(), 300u);
  }
  Tensor bias({4096});
  write_npy((temp_dir() / "b.npy").string(), bias);
  const std::string path =
      write_text("huge.json", one_step(R"({"image": "sample:test_card.png", "layer": )"
                                       R"({"m": 256, "n": 4096, "dk": 63, "bias_pw": "b.npy"}})"));
  const Lesson l = read_lesson(path, assets());
  EXPECT_EQ(l.steps[0].state.layer.spec.n, 4096) << "memory is checked when it runs";
}

TEST(Lesson, PathsOutsideTheFolderAndNonUtf8NamesAreWritten) {
  Lesson lesson;
  LessonStep step;
  step.state.image_path = "/tmp/caf\xe9.png";  // Latin-1, not UTF-8
  step.state.layer.files.depthwise = (temp_dir() / "elsewhere" / "dw.npy").string();
  lesson.steps.push_back(step);
  const std::string json = lesson_json(lesson, (temp_dir() / "sub" / "l.json").string(), assets());
  EXPECT_NE(json.find("\"dw_weights\": \"" + (temp_dir() / "elsewhere" / "dw.npy").string()),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("caf\xEF\xBF\xBD.png"), std::string::npos) << "U+FFFD, no throw";
}

TEST(Lesson, TooLargeAndUnreadableFilesAreRefusedBeforeParsing) {
  const std::string big = write_text("big.json", std::string(5 << 20, ' '));
  try {
    (void)read_lesson(big, assets());
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("above the limit of 4 MiB"), std::string::npos)
        << e.what();
  }
  try {
    (void)read_lesson(temp_dir().string(), assets());
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is a folder"), std::string::npos) << e.what();
  }
}

// The reader will be fuzzed (docs/lessons.md); until then, seeded mutations of the
// bundled lessons (bytes flipped, cut, repeated) must give a lesson or a LessonFormat
// error, never another exception or a crash.
TEST(Lesson, MutatedFilesGiveALessonOrOneError) {
  std::mt19937 rng(11);
  const LessonContext no_files{{SEPCONV_ASSETS_DIR}, false};
  int refused = 0, read = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(SEPCONV_ASSETS_DIR) / "lessons")) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string original(std::istreambuf_iterator<char>(in), {});
    for (int i = 0; i < 400; ++i) {
      std::string text = original;
      const int edits = 1 + int(rng() % 4);
      for (int e = 0; e < edits; ++e) {
        const size_t at = rng() % text.size();
        switch (rng() % 4) {
          case 0:
            text[at] = char(rng() % 256);
            break;
          case 1:
            text.erase(at, rng() % 40);
            break;
          case 2:
            text.insert(at, text.substr(at, rng() % 60));
            break;
          default:
            text.resize(at);
            break;
        }
        if (text.empty()) text = "{";
      }
      try {
        (void)parse_lesson(text, "m.json", no_files);
        ++read;
      } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::LessonFormat);
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
        ++refused;
      }
    }
  }
  EXPECT_GT(refused, 0);
  EXPECT_GT(read, 0) << "some mutations (in captions) still read";
}

TEST(Question, AnswersAreTheReportOfARealRun) {
  Tensor image({3, 10, 14});
  for (int64_t i = 0; i < image.size(); ++i) image.data()[i] = float(i % 5) / 5;
  LayerChoice c;
  c.spec.dk = 5;
  c.spec.n = 6;
  c.spec.pad_policy = PadPolicy::Valid;
  const LayerRun run = run_layer(image, c, {});
  EXPECT_EQ(*report_quantity(run, "depthwise.mults"), double(run.costs.depthwise.mults));
  EXPECT_EQ(*report_quantity(run, "depthwise.mults_counted"), double(run.dw_counts.mults));
  EXPECT_EQ(*report_quantity(run, "separable.params"), double(run.costs.separable.params));
  EXPECT_EQ(*report_quantity(run, "ratio.predicted"), run.costs.ratio);
  EXPECT_EQ(*report_quantity(run, "output.height"), double(run.costs.separable.out.h));
  std::string why;
  EXPECT_FALSE(report_quantity(run, "depthwise.nothing", &why));
  EXPECT_NE(why.find("depthwise.nothing is not in this run's report"), std::string::npos);
  EXPECT_TRUE(is_report_quantity("pointwise.mults"));
  EXPECT_TRUE(is_report_quantity("ratio.measured"));
  EXPECT_FALSE(is_report_quantity("depthwise"));
  EXPECT_FALSE(is_report_quantity("params.operation")) << "a string is not a quantity";
}

TEST(Question, GradesAndNearestChoice) {
  const NumberGrade g = grade_number(200, 210, 0.1);
  EXPECT_TRUE(g.right);
  EXPECT_DOUBLE_EQ(g.off, 10);
  EXPECT_DOUBLE_EQ(g.off_fraction, 0.05);
  EXPECT_FALSE(grade_number(200, 230, 0.1).right);
  EXPECT_TRUE(grade_number(0, 0, 0).right);
  EXPECT_FALSE(grade_number(0, 1, 0.5).right);
  EXPECT_EQ(nearest_choice({10, 100, 1000}, 120), 1);
  EXPECT_EQ(nearest_choice({10, 100, 1000}, 900), 2);
  EXPECT_EQ(nearest_choice({1, 3}, 2), 0) << "ties go to the first";
}

}  // namespace
}  // namespace sepconv
