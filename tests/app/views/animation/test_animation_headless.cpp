// The Animation tab driven with no window (an ImGui context with no backend, as imgui's
// example_null): results computed synchronously by ComputeLayer over several layers,
// positions across the whole clock, the keyboard as documented, finite draw vertices.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "animation/animation_script.h"
#include "app/views/headless_imgui.h"
#include "imgui.h"
#include "imgui_internal.h"  // GImGui->LogBuffer: the text the frame rendered
#include "state/app_state.h"
#include "state/compute.h"
#include "views/animation/animation_view.h"
#include "views/animation/stack_view.h"

namespace sepconv::app {
namespace {

// User key indices the test maps ImGuiKey_* to (ImGui 1.86: io.KeyMap / io.KeysDown).
constexpr ImGuiKey kKeys[] = {ImGuiKey_Space, ImGuiKey_LeftArrow, ImGuiKey_RightArrow,
                              ImGuiKey_Home, ImGuiKey_End};

class AnimationHeadless : public ::testing::Test {
 protected:
  void SetUp() override {
    CreateHeadlessImGui(ImVec2(1920, 1080));
    ImGuiIO& io = ImGui::GetIO();
    for (size_t i = 0; i < std::size(kKeys); ++i) io.KeyMap[kKeys[i]] = 100 + static_cast<int>(i);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // A 20 x 24 three-channel image; the layer's result computed here, synchronously.
  void Compute(const LayerChoice& choice) {
    auto image = std::make_shared<LoadedImage>();
    image->pixels = Tensor({3, 20, 24});
    for (int c = 0; c < 3; ++c)
      for (int y = 0; y < 20; ++y)
        for (int x = 0; x < 24; ++x)
          image->pixels.at(c, y, x) = float((3 * x + 5 * y + 7 * c) % 11) / 10.0f;
    image->channels_in_file = 3;
    state = AppState{};
    state.doc.input.image = image;
    state.doc.input.path = "generated.png";
    state.doc.edit = state.doc.applied = choice;
    ASSERT_EQ(validate_choice(choice, 20, 24), "");
    JobRequest request;
    request.image = std::shared_ptr<const Tensor>(image, &image->pixels);
    request.choice = choice;
    state.doc.result = std::make_shared<const JobResult>(ComputeLayer(request, RunControl{}));
    view = AnimationViewState{};
  }

  // One frame of the tab in a full-size window; checks every vertex is finite and keeps
  // the text it rendered in `text`.
  void Frame() {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("Animation", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::LogToBuffer();
    DrawAnimationView(state.doc, state.doc.edit, state.ui, rects, nullptr, view);
    text = GImGui->LogBuffer.c_str();
    ImGui::LogFinish();
    ImGui::End();
    ImGui::Render();
    const ImDrawData* data = ImGui::GetDrawData();
    ASSERT_NE(data, nullptr);
    int64_t bad = 0, vertices = 0;
    for (int i = 0; i < data->CmdListsCount; ++i) {
      for (const ImDrawVert& v : data->CmdLists[i]->VtxBuffer) {
        ++vertices;
        if (!std::isfinite(v.pos.x) || !std::isfinite(v.pos.y) || !std::isfinite(v.uv.x) ||
            !std::isfinite(v.uv.y))
          ++bad;
      }
    }
    EXPECT_EQ(bad, 0) << "non-finite vertices at clock " << view.model.clock;
    EXPECT_GT(vertices, 1000) << "the stacks were not drawn";
  }

  // A key pressed for one frame and released in the next (IsKeyPressed sees one press).
  void Press(ImGuiKey key, bool shift = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyShift = shift;
    io.KeysDown[ImGui::GetKeyIndex(key)] = true;
    Frame();
    io.KeysDown[ImGui::GetKeyIndex(key)] = false;
    io.KeyShift = false;
    Frame();
  }
  void Type(char c) {
    ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
    Frame();
  }

  AppState state;
  AnimationViewState view;
  LayoutRects rects;  // what the tab recorded in the last frame
  std::string text;
};

LayerChoice Layer(int dk, int m, int n) {
  LayerChoice c;
  c.spec.dk = dk;
  c.spec.m = m;
  c.spec.n = n;
  return c;
}

// Layers the tab must draw: the defaults, stride 2 with reflect padding, dilation 2,
// groups 3 with M = N = 3, depth multiplier 2, a 64-channel feature stack, Dk = 5 valid.
std::vector<std::pair<std::string, LayerChoice>> Layers() {
  std::vector<std::pair<std::string, LayerChoice>> out;
  out.emplace_back("dk3 m3 n8", Layer(3, 3, 8));
  LayerChoice strided = Layer(3, 3, 4);
  strided.spec.stride = 2;
  strided.spec.pad_mode = PadMode::Reflect;
  out.emplace_back("stride 2 reflect", strided);
  LayerChoice dilated = Layer(3, 3, 4);
  dilated.spec.dilation = 2;
  out.emplace_back("dilation 2", dilated);
  LayerChoice grouped = Layer(3, 3, 3);
  grouped.spec.groups = 3;
  grouped.compose_standard = false;
  out.emplace_back("groups 3", grouped);
  LayerChoice multiplied = Layer(3, 3, 6);
  multiplied.spec.depth_multiplier = 2;
  multiplied.compose_standard = false;
  out.emplace_back("K = 2", multiplied);
  out.emplace_back("M = 64", Layer(3, 64, 8));
  LayerChoice valid = Layer(5, 3, 4);
  valid.spec.pad_policy = PadPolicy::Valid;
  valid.spec.pad_mode = PadMode::Replicate;
  out.emplace_back("dk5 valid", valid);
  return out;
}

TEST_F(AnimationHeadless, DrawsEveryLayerAtPositionsAcrossTheClock) {
  for (const auto& [name, choice] : Layers()) {
    SCOPED_TRACE(name);
    Compute(choice);
    Frame();  // attaches the result
    AnimationModel& m = view.model;
    ASSERT_TRUE(HasWalks(m));
    const int64_t end = ClockEnd(m);
    for (int64_t clock : {int64_t{0}, int64_t{1}, m.standard.taps, m.depthwise.total,
                          m.depthwise.total + 1, end / 2, end - 1, end}) {
      Seek(m, clock);
      Frame();
      EXPECT_EQ(m.clock, std::clamp<int64_t>(clock, 0, end)) << "drawing moved the clock";
    }
    // The last output of each path, and the arithmetic of each path.
    for (AnimPath p : {AnimPath::Standard, AnimPath::Depthwise, AnimPath::Pointwise}) {
      const Shape3 out = WalkOf(m, p).out;
      JumpToOutput(m, p, out.c - 1, out.h - 1, out.w - 1);
      view.detail = static_cast<int>(p);
      Frame();
      const WalkPosition pos = PositionOf(m, p);
      EXPECT_EQ(pos.oc, out.c - 1);
      EXPECT_EQ(pos.oy, out.h - 1);
      EXPECT_EQ(pos.ox, out.w - 1);
      EXPECT_EQ(pos.taps_done, 1);
    }
  }
}

// --separable spatial: a third row, the column pass then the row pass of each channel on
// the same clock, its counter at the closed form and its arithmetic ending on the
// engine's output. Stride 2 skips no column at Dk = 3 but reads more than Wo + Dk - 1.
TEST_F(AnimationHeadless, TheSpatialRowShowsTheColumnPassThenTheRowPass) {
  for (int stride : {1, 2}) {
    SCOPED_TRACE(stride);
    LayerChoice choice = Layer(3, 3, 4);
    choice.separable = SeparableKind::Spatial;
    choice.kernel = KernelPreset::SobelX;
    choice.spec.stride = stride;
    Compute(choice);
    Frame();
    AnimationModel& m = view.model;
    ASSERT_TRUE(HasSpatialWalk(m));
    const JobResult& r = *state.doc.result;
    EXPECT_EQ(m.spatial.total, r.spatial_counts.mults);
    EXPECT_EQ(m.spatial.total, r.costs.spatial.mults);
    EXPECT_EQ(ClockEnd(m), m.standard.total);
    const auto row = std::find_if(rects.begin(), rects.end(),
                                  [](const LayoutRect& l) { return l.name == "AnimSpatialRow"; });
    ASSERT_NE(row, rects.end());
    EXPECT_GT(row->h, 100.0f);
    view.detail = kSpatialDetail;
    for (int64_t clock : {int64_t{0}, int64_t{1}, m.spatial.column_mults,
                          m.spatial.column_mults + 1, m.spatial.total / 2, m.spatial.total}) {
      Seek(m, clock);
      Frame();
      const SpatialPosition pos = SpatialPositionOf(m);
      const char* pass = pos.row_pass ? "pass 2 (row)" : "pass 1 (column)";
      EXPECT_NE(text.find(pass), std::string::npos) << clock << "\n" << text;
      EXPECT_NE(text.find("spatial  M \xC3\x97 Dk \xC3\x97 Ho \xC3\x97 (Wc + Wo)"),
                std::string::npos)
          << text;
    }
    // The last output, its last product: the sum the class watched is the engine's value.
    const Shape3 out = m.spatial.out;
    JumpToSpatialOutput(m, out.c - 1, out.h - 1, out.w - 1);
    Step(m, 2);
    Frame();
    EXPECT_EQ(m.clock, m.spatial.total);
    char value[64];
    std::snprintf(value, sizeof value, "%.3f",
                  static_cast<double>(r.spatial.at(out.c - 1, out.h - 1, out.w - 1)));
    EXPECT_NE(text.find(std::string("(engine output: ") + value), std::string::npos) << text;
  }
}

TEST_F(AnimationHeadless, KeyboardDrivesTheClockAsDocumented) {
  Compute(Layer(3, 3, 8));
  Frame();
  Frame();
  AnimationModel& m = view.model;
  ASSERT_TRUE(HasWalks(m));
  ASSERT_EQ(m.clock, 0);
  const int64_t taps = m.standard.taps;  // Dk^2 * M = 27

  Press(ImGuiKey_RightArrow);
  EXPECT_EQ(m.clock, 1) << "Right: one multiplication";
  Press(ImGuiKey_RightArrow, true);
  EXPECT_EQ(m.clock, 1 + taps) << "Shift+Right: one standard output";
  Press(ImGuiKey_LeftArrow);
  EXPECT_EQ(m.clock, taps) << "Left: back one multiplication";
  Press(ImGuiKey_LeftArrow, true);
  EXPECT_EQ(m.clock, 0) << "Shift+Left: back one output";
  Press(ImGuiKey_End);
  EXPECT_EQ(m.clock, ClockEnd(m));
  Press(ImGuiKey_Home);
  EXPECT_EQ(m.clock, 0);

  // Speed: '+' (or '=', '+' without Shift) one preset up, '-' one down.
  const double speed = m.speed;
  Type('+');
  EXPECT_EQ(m.speed, NextSpeed(speed, +1));
  Type('=');
  EXPECT_EQ(m.speed, NextSpeed(NextSpeed(speed, +1), +1));
  Type('-');
  Type('-');
  EXPECT_EQ(m.speed, speed);

  // Space plays: at 600 multiplications a second and 60 frames a second, 10 per frame.
  m.speed = 600;
  Press(ImGuiKey_Space);
  EXPECT_TRUE(m.playing);
  EXPECT_EQ(m.clock, 20) << "two frames of 10 multiplications";
  Frame();
  EXPECT_EQ(m.clock, 30);
  Press(ImGuiKey_Space);
  EXPECT_FALSE(m.playing);
  const int64_t paused = m.clock;
  Frame();
  Frame();
  EXPECT_EQ(m.clock, paused) << "paused: the clock stays";

  // Space at the end starts again from the beginning.
  Press(ImGuiKey_End);
  Press(ImGuiKey_Space);
  EXPECT_TRUE(m.playing);
  EXPECT_LE(m.clock, 20);
}

// Positions in the text count from 0 like the plane labels and --anim-jump, and the
// pointwise needle says it reads the depthwise channels.
TEST_F(AnimationHeadless, PositionTextMatchesThePlaneLabels) {
  Compute(Layer(3, 3, 4));
  Frame();
  Seek(view.model, 1);
  Frame();
  EXPECT_NE(text.find("depthwise path: 3 x 20 x 24 outputs"), std::string::npos) << text;
  EXPECT_NE(text.find("output channel 0, row 0, col 0"), std::string::npos) << text;
  EXPECT_NE(text.find("reading input channel 0"), std::string::npos) << text;
  JumpToOutput(view.model, AnimPath::Pointwise, 3, 19, 23);
  Step(view.model, 1);
  Frame();
  EXPECT_NE(text.find("output channel 3, row 19, col 23"), std::string::npos) << text;
  EXPECT_NE(text.find("reading depthwise channel 1"), std::string::npos) << text;
  EXPECT_NE(text.find("running sum after 2 products:"), std::string::npos) << text;
  EXPECT_EQ(text.find("-0.000"), std::string::npos) << "a negative value too small to show";
  Step(view.model, -1);
  Frame();
  EXPECT_NE(text.find("running sum after 1 product:"), std::string::npos) << text;
}

// The counters write their formulas as the Costs tab does ("×", "Dk²", "M × K").
TEST_F(AnimationHeadless, CountersUseTheCostsTabNotation) {
  LayerChoice multiplied = Layer(3, 3, 6);
  multiplied.spec.depth_multiplier = 2;
  multiplied.compose_standard = false;
  Compute(multiplied);
  Frame();
  Seek(view.model, 1);
  Frame();
  for (const char* piece : {"standard  N \xC3\x97 Ho \xC3\x97 Wo \xC3\x97 Dk\xC2\xB2 \xC3\x97 M",
                            "6 \xC3\x97 20 \xC3\x97 24 \xC3\x97 3\xC2\xB2 \xC3\x97 3",
                            "depthwise  M \xC3\x97 K \xC3\x97 Ho \xC3\x97 Wo \xC3\x97 Dk\xC2\xB2",
                            "3 \xC3\x97 2 \xC3\x97 20 \xC3\x97 24 \xC3\x97 3\xC2\xB2",
                            "pointwise  N \xC3\x97 Ho \xC3\x97 Wo \xC3\x97 M \xC3\x97 K"}) {
    EXPECT_NE(text.find(piece), std::string::npos) << piece << "\n" << text;
  }
  EXPECT_EQ(text.find("Dk^2"), std::string::npos) << text;
}

// Overlapping planes leave a text line between their tops when the planes need not
// shrink by more than half for it; in a small box (1280x720) they keep their size and
// the labels give way instead of the planes collapsing into slivers.
TEST(StackLayout, LabelGapNeverCollapsesThePlanes) {
  const float line = 17.0f;
  // A wide, flat Dk = 7 crop in a box of medium height: the label gap is affordable.
  const StackLayout roomy = FitStack(ImVec2(0, 0), ImVec2(400, 150), 5, 16, 14, line);
  const StackLayout roomy_plain = FitStack(ImVec2(0, 0), ImVec2(400, 150), 5, 16, 14);
  EXPECT_GE(roomy.gap, line - 0.01f);
  EXPECT_GE(roomy.cell, 0.5f * roomy_plain.cell);
  EXPECT_LE(roomy.size.y, 150.01f);
  // A small box: a line per gap would shrink the planes to slivers, so it is not kept.
  const StackLayout tight = FitStack(ImVec2(0, 0), ImVec2(200, 45), 3, 10, 10, line);
  const StackLayout tight_plain = FitStack(ImVec2(0, 0), ImVec2(200, 45), 3, 10, 10);
  EXPECT_GE(tight.cell, 0.5f * tight_plain.cell);
  EXPECT_LE(tight.size.y, 45.01f);
}

TEST_F(AnimationHeadless, ScriptedPositionsSurviveTheFirstFrame) {
  Compute(Layer(3, 3, 4));
  AnimationScript script;
  script.jump = AnimJump{AnimPath::Pointwise, 3, 19, 23};
  AttachResult(view.model, state.doc.result);  // as main.cpp does before the frame
  EXPECT_EQ(ApplyAnimationScript(view.model, script).why(), "");
  const int64_t clock = view.model.clock;
  Frame();
  EXPECT_EQ(view.model.clock, clock) << "the view must not reset a model on the same result";
  EXPECT_TRUE(InPointwiseStage(view.model));
}

}  // namespace
}  // namespace sepconv::app
