// Lesson mode with no window: every bundled step applies and shows the cost model's
// counts, a saved session restores the same state (hand edits included), the step and
// blank keys work, and predict-then-reveal runs for both kinds of question. The real
// image loader and job runner compute each step, as in the app.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "animation/animation_script.h"
#include "cost.h"
#include "headless_imgui.h"
#include "imgui.h"
#include "state/app_state.h"
#include "state/lesson_player.h"
#include "state/weight_edits.h"
#include "text_format.h"
#include "views/views.h"
#include "widgets/number_format.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

constexpr int kPageDown = 1, kPageUp = 2, kRight = 3, kLeft = 4;

fs::path TempDir() {
  const fs::path d = fs::temp_directory_path() / ("sepconv_lessons_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class Lessons : public ::testing::Test {
 protected:
  void SetUp() override {
    CreateHeadlessImGui(ImVec2(1920, 1080));
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_PageDown] = kPageDown;
    io.KeyMap[ImGuiKey_PageUp] = kPageUp;
    io.KeyMap[ImGuiKey_RightArrow] = kRight;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame as the app runs it: keys, views, then the requests and the jobs.
  std::string Frame() {
    ApplyPendingAnimation(state, ctx.animation.model, loader.Busy());
    ImGui::NewFrame();
    AddRequests(state.requests,
                HandleLessonKeys(state.doc.lesson, state.ui.presenting, state.doc.lesson.blanked));
    std::string text;
    ctx.text_capture = &text;
    ctx.rects.clear();
    DrawApp(state, ctx);
    ctx.text_capture = nullptr;
    ImGui::Render();
    const AnimationModel& m = ctx.animation.model;
    HandleLessonRequests(state, loader, AnimationNow{m.clock, m.playing, m.speed});
    UpdateJobs(state, runner, loader);
    return text;
  }

  // Frames until the step's image is loaded and its layer computed.
  void Settle() {
    const auto start = std::chrono::steady_clock::now();
    do {
      Frame();
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      ASSERT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
    } while (loader.Busy() || state.doc.job.running || state.doc.dirty.layer ||
             state.doc.dirty.image || !state.doc.result ||
             !same_choice(state.doc.result->choice, state.doc.applied));
    Frame();
  }

  void Press(int key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[key] = true;
    Frame();
    io.KeysDown[key] = false;
    Frame();
  }

  void Type(ImWchar c) {
    ImGui::GetIO().AddInputCharacter(c);
    Frame();
  }

  void Open(const std::string& name, int step = 0) {
    const std::string path = (fs::path(SEPCONV_ASSETS_DIR) / "lessons" / name).string();
    ASSERT_EQ(OpenLesson(state, loader, path, step).why(), "");
    Settle();
  }

  AppState state;
  ViewContext ctx;
  JobRunner runner;
  ImageLoader loader;
};

TEST_F(Lessons, EveryBundledStepAppliesAndShowsTheCostModelsCounts) {
  int steps = 0;
  for (const std::string& path : BundledLessons()) {
    ASSERT_EQ(OpenLesson(state, loader, path).why(), "") << path;
    for (size_t k = 0; k < state.doc.lesson.lesson.steps.size(); ++k) {
      SCOPED_TRACE(path + " step " + std::to_string(k + 1));
      state.requests.go_to_step = int(k);
      Settle();
      const LessonStep& step = state.doc.lesson.lesson.steps[k];
      EXPECT_TRUE(same_choice(state.doc.applied, step.state.layer));
      EXPECT_EQ(fs::path(state.doc.input.path), fs::path(step.state.image_path));
      EXPECT_TRUE(state.doc.param_error.empty()) << state.doc.param_error;
      // The counts shown are the cost model's for this step and what the engine counted.
      const JobResult& r = *state.doc.result;
      const LayerCosts costs = layer_costs(step.state.layer.spec, r.work.h, r.work.w);
      EXPECT_EQ(r.sep_counts.mults, costs.separable.mults);
      EXPECT_EQ(r.std_counts.mults, costs.standard.mults);
      if (!state.doc.lesson.question_pending() && step.state.view.tab == "animation" &&
          !step.state.view.highlight.empty()) {
        Frame();
        EXPECT_GT(ctx.animation.marks_drawn, 0) << "the counters box the step's terms";
      }
      if (state.doc.lesson.question_pending()) {
        const std::string text = Frame();
        EXPECT_NE(text.find(step.question->prompt), std::string::npos);
        state.requests.reveal = true;
        Frame();
      }
      state.requests.select_tab = LessonTab::Costs;
      Frame();
      const std::string text = Frame();
      for (int64_t mults : {costs.standard.mults, costs.depthwise.mults, costs.pointwise.mults,
                            costs.separable.mults}) {
        EXPECT_NE(text.find(sepconv::app::FormatCount(mults)), std::string::npos)
            << sepconv::app::FormatCount(mults);
      }
      EXPECT_NE(text.find("Step " + std::to_string(k + 1) + " of "), std::string::npos);
      EXPECT_EQ(ctx.cost_panel.marks_drawn > 0, !step.state.view.highlight.empty())
          << "the formulas box exactly the step's terms";
      EXPECT_NE(text.find(step.title), std::string::npos);
      ++steps;
    }
  }
  EXPECT_EQ(steps, 9 + 4 + 3);
}

TEST_F(Lessons, ASavedSessionRestoresTheSameStateWithHandEdits) {
  Open("groups.json", 2);
  ASSERT_TRUE(EditDepthwiseKernel(state.doc.edit, 1, {0, 1, 0, 1, -4, 1, 0, 1, 0}));
  ASSERT_TRUE(EditPointwiseWeight(state.doc.edit, 2, 3, 0.75f));
  ApplyEdits(state);
  state.ui.lesson_large = true;
  state.ui.show_intermediate = true;
  Settle();
  const LayerWeights before = separable_weights_for(state.doc.edit);
  const fs::path session = TempDir() / "class.json";
  AnimationNow anim{1234, false, 50};
  ASSERT_EQ(SaveSession(state, anim, session.string()).why(), "");
  EXPECT_TRUE(fs::exists(TempDir() / "class.depthwise_conv.weight.npy"));
  EXPECT_TRUE(fs::exists(TempDir() / "class.pointwise_conv.weight.npy"));
  const std::string saved = ReadAll(session);

  AppState old_state;
  std::swap(state, old_state);  // a new app
  ASSERT_EQ(OpenLesson(state, loader, session.string()).why(), "");
  Settle();
  const LayerWeights after = separable_weights_for(state.doc.edit);
  EXPECT_EQ(after.depthwise.values(), before.depthwise.values());
  EXPECT_EQ(after.pointwise.values(), before.pointwise.values());
  EXPECT_TRUE(same_spec(state.doc.applied.spec, old_state.doc.applied.spec));
  EXPECT_EQ(state.doc.input.path, old_state.doc.input.path);
  EXPECT_TRUE(state.ui.lesson_large);
  EXPECT_TRUE(state.ui.show_intermediate);
  EXPECT_EQ(ctx.animation.model.clock, 1234);
  EXPECT_EQ(ctx.animation.model.speed, 50);
  EXPECT_FALSE(state.doc.lesson.open()) << "a session restores the view, without a lesson strip";
  // Saved again, it is the same file: nothing was lost or added on the way.
  ASSERT_EQ(SaveSession(state, AnimationNow{1234, false, 50}, session.string()).why(), "");
  EXPECT_EQ(ReadAll(session), saved);
}

TEST_F(Lessons, StepKeysAndTheBlankScreen) {
  Open("derivation.json");
  EXPECT_EQ(state.doc.lesson.step, 0);
  Press(kPageDown);
  EXPECT_EQ(state.doc.lesson.step, 1);
  Press(kPageDown);
  Press(kPageUp);
  EXPECT_EQ(state.doc.lesson.step, 1);
  Press(kRight);
  EXPECT_EQ(state.doc.lesson.step, 1) << "arrows belong to the animation outside presentation mode";
  state.ui.presenting = true;
  Press(kRight);
  EXPECT_EQ(state.doc.lesson.step, 2) << "presenting: clickers that send arrows step";
  Press(kLeft);
  EXPECT_EQ(state.doc.lesson.step, 1);
  Type('b');
  EXPECT_TRUE(state.doc.lesson.blanked);
  Frame();
  ASSERT_EQ(ctx.rects.size(), 1u) << "nothing but the black screen, so nothing to press";
  EXPECT_EQ(ctx.rects[0].name, "Blank");
  Press(kPageDown);
  EXPECT_FALSE(state.doc.lesson.blanked) << "any key brings the screen back";
  EXPECT_EQ(state.doc.lesson.step, 1) << "and does nothing else";
  Type('.');
  EXPECT_TRUE(state.doc.lesson.blanked);
  Type('x');
  EXPECT_FALSE(state.doc.lesson.blanked);
  // No key fires while a text field has focus: the question's guess is one.
  Settle();
  state.doc.lesson.step = 2;
  state.requests.go_to_step = 2;
  Settle();
  ASSERT_TRUE(state.doc.lesson.question_pending());
  ImGui::GetIO().WantTextInput = true;  // as ImGui sets it while typing in the guess field
  ImGui::NewFrame();
  ImGui::GetIO().WantTextInput = true;
  ImGui::GetIO().AddInputCharacter('b');
  AddRequests(state.requests,
              HandleLessonKeys(state.doc.lesson, state.ui.presenting, state.doc.lesson.blanked));
  ImGui::Render();
  EXPECT_FALSE(state.doc.lesson.blanked);
}

TEST_F(Lessons, PredictThenRevealANumber) {
  Open("derivation.json", 3);  // depthwise: how many multiplications?
  ASSERT_TRUE(state.doc.lesson.question_pending());
  std::string text = Frame();
  EXPECT_NE(text.find("Predict first"), std::string::npos);
  EXPECT_EQ(text.find("Multiplications"), std::string::npos) << "the numbers stay hidden";
  const int64_t answer = state.doc.result->costs.depthwise.mults;
  state.doc.lesson.answers[3].guess = double(answer) * 1.05;
  state.doc.lesson.answers[3].guessed = true;
  state.requests.reveal = true;
  Frame();
  EXPECT_FALSE(state.doc.lesson.question_pending());
  text = Frame();
  ASSERT_FALSE(state.doc.pending_animation) << "applied on the next frame";
  EXPECT_TRUE(ctx.animation.model.playing) << "the depthwise stage plays";
  Frame();  // ImGui selects a tab on the frame after it was asked to
  EXPECT_EQ(state.ui.shown_tab, LessonTab::Animation) << "where the class sees it";
  const WalkPosition at = PositionOf(ctx.animation.model, AnimPath::Depthwise);
  EXPECT_EQ(at.oy, 120) << "the step's own output (depthwise:0,120,160)";
  EXPECT_EQ(at.ox, 160);
  EXPECT_FALSE(InPointwiseStage(ctx.animation.model));
  EXPECT_NE(text.find("Answer: " + format_thousands(answer)), std::string::npos) << text;
  EXPECT_NE(text.find("over by 5%, within the tolerance"), std::string::npos) << text;
}

TEST_F(Lessons, AnAnswerIsOnlyEverTheStepsLayers) {
  Open("derivation.json", 2);  // N kernels: standard.mults
  ASSERT_TRUE(state.doc.lesson.question_pending());
  EXPECT_NE(Frame().find("Reveal"), std::string::npos);
  state.doc.edit.spec.n = 5;  // the teacher changes the layer before revealing
  ApplyEdits(state);
  Settle();
  EXPECT_NE(Frame().find("the layer was changed"), std::string::npos);
  state.requests.go_to_step = 2;  // the step again brings its layer back
  Settle();
  EXPECT_EQ(Frame().find("the layer was changed"), std::string::npos);
}

TEST_F(Lessons, PredictThenRevealAChoiceWithHands) {
  Open("derivation.json", 4);  // pointwise: four choices
  ASSERT_TRUE(state.doc.lesson.question_pending());
  QuestionAnswer& a = state.doc.lesson.answers[4];
  ASSERT_EQ(a.hands.size(), 4u);
  a.hands = {3, 12, 5, 0};
  state.requests.reveal = true;
  Frame();
  const std::string text = Frame();
  const int64_t answer = state.doc.result->costs.pointwise.mults;
  EXPECT_NE(text.find("Answer: " + format_thousands(answer)), std::string::npos) << text;
  EXPECT_NE(text.find("Choice B"), std::string::npos) << text;
  EXPECT_NE(text.find("12 of 20 hands were right"), std::string::npos) << text;
}

TEST(RevealAnimation, PlaysTheQuantitysPathUnlessTheStepShowsIt) {
  LessonStep step;
  step.question = LessonQuestion{};
  step.question->quantity = "pointwise.mults";
  step.state.animation.clock = 5;
  EXPECT_EQ(RevealAnimation(step).jump, "pointwise:0,0,0");
  EXPECT_TRUE(RevealAnimation(step).play);
  step.state.animation = LessonAnimation{};
  step.state.animation.jump = "pointwise:2,3,4";
  EXPECT_EQ(RevealAnimation(step).jump, "pointwise:2,3,4") << "the step's chosen output";
  step.question->quantity = "separable.mults";
  EXPECT_EQ(RevealAnimation(step).jump, "pointwise:2,3,4");
  step.question->quantity = "standard.mults";
  EXPECT_EQ(RevealAnimation(step).jump, "standard:0,0,0");
  step.question->quantity = "ratio.predicted";
  EXPECT_EQ(RevealAnimation(step).jump, "pointwise:2,3,4") << "no path: the step's own";
  EXPECT_TRUE(RevealAnimation(step).play);
  step.question->reveal = LessonAnimation{};
  step.question->reveal->clock = 99;
  EXPECT_EQ(*RevealAnimation(step).clock, 99);
}

TEST_F(Lessons, AboutNamesTheVersionAndEveryLicence) {
  state.ui.show_about = true;
  Frame();
  const std::string text = Frame();
  EXPECT_NE(text.find(std::string("SepConv Lab ") + SEPCONV_PROJECT_VERSION), std::string::npos)
      << text;
  for (const char* name : {"Dear ImGui", "GLFW", "glad", "stb_image", "CLI11", "nlohmann/json",
                           "DejaVu", "Licence: MIT"}) {
    EXPECT_NE(text.find(name), std::string::npos) << name;
  }
}

TEST_F(Lessons, ABadLessonKeepsThePreviousState) {
  Open("groups.json", 1);
  const LayerChoice before = state.doc.applied;
  const fs::path bad = TempDir() / "bad.json";
  std::ofstream(bad) << R"({"format": "sepconv-lab-lesson", "version": 1, "steps": [)"
                        R"({"title": "x", "state": {"layer": {"dk": 0}}}]})";
  const std::string why = OpenLesson(state, loader, bad.string()).why();
  EXPECT_NE(why.find("step 1 (\"x\"): \"state.layer.dk\": --dk = 0 is outside 1..63"),
            std::string::npos)
      << why;
  EXPECT_EQ(state.ui.banner.text, why);
  EXPECT_TRUE(same_choice(state.doc.applied, before));
  EXPECT_EQ(state.doc.lesson.step, 1);
  EXPECT_NE(state.doc.lesson.path.find("groups.json"), std::string::npos);
}

TEST_F(Lessons, AddThisViewToALessonAndCopyTheCommandLine) {
  Open("same_filter.json", 2);
  const fs::path lesson = TempDir() / "mine.json";
  fs::remove(lesson);
  ASSERT_EQ(AddViewToLesson(state, AnimationNow{}, lesson.string(), "First", "one").why(), "");
  ASSERT_TRUE(EditPointwiseWeight(state.doc.edit, 0, 0, 2.5f));
  ApplyEdits(state);
  ASSERT_EQ(
      AddViewToLesson(state, AnimationNow{77, true, 20}, lesson.string(), "Second", "two").why(),
      "");
  const Lesson l = read_lesson(lesson.string(), AssetContext());
  ASSERT_EQ(l.steps.size(), 2u);
  EXPECT_EQ(l.steps[1].title, "Second");
  EXPECT_EQ(*l.steps[1].state.animation.clock, 77);
  EXPECT_EQ(fs::path(l.steps[1].state.layer.files.pointwise),
            TempDir() / "mine.step2.pointwise_conv.weight.npy");
  // A file that is not a lesson is never overwritten.
  const fs::path notes = TempDir() / "notes.json";
  std::ofstream(notes) << "{\"mine\": true}";
  EXPECT_NE(AddViewToLesson(state, AnimationNow{}, notes.string(), "t", "c").why(), "");
  EXPECT_EQ(ReadAll(notes), "{\"mine\": true}");

  const std::string cmd =
      CommandLineFor(state, AnimationNow{500, false, 20}, (TempDir() / "cmd").string());
  EXPECT_EQ(cmd.rfind("sepconv-lab ", 0), 0u);
  EXPECT_NE(cmd.find("--n 8 --std-kernel random"), std::string::npos) << cmd;
  EXPECT_NE(cmd.find("--pw-weights " + (TempDir() / "cmd.pointwise_conv.weight.npy").string()),
            std::string::npos)
      << cmd;
  EXPECT_NE(cmd.find("--tab costs"), std::string::npos) << cmd;
  EXPECT_NE(cmd.find("--anim-clock 500"), std::string::npos) << cmd;
  EXPECT_TRUE(fs::exists(TempDir() / "cmd.pointwise_conv.weight.npy"));
}

}  // namespace
}  // namespace sepconv::app
