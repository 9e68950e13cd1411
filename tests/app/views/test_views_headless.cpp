// The views driven by an ImGui context with no backend (as imgui's example_null):
// real frames, real widget clicks through io.MousePos/MouseDown, no window or GL.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "cost.h"
#include "cost_panel/cost_text.h"
#include "headless_imgui.h"
#include "imgui.h"
#include "presets.h"
#include "rank1.h"
#include "state/app_state.h"
#include "state/compute.h"
#include "text_format.h"
#include "views/channel_tiles.h"
#include "views/views.h"
#include "widgets/fit_text.h"

namespace sepconv::app {
namespace {

class HeadlessViews : public ::testing::Test {
 protected:
  void SetUp() override {
    CreateHeadlessImGui(ImVec2(1280, 720));

    auto image = std::make_shared<LoadedImage>();
    image->pixels = Tensor({3, 24, 32});
    for (int c = 0; c < 3; ++c)
      for (int y = 0; y < 24; ++y)
        for (int x = 0; x < 32; ++x) image->pixels.at(c, y, x) = float((x + y + c) % 7) / 6.0f;
    image->channels_in_file = 3;
    state.doc.input.image = image;
    state.doc.input.path = "test.png";
    state.doc.edit.spec.n = 8;
    state.doc.applied = state.doc.edit;
  }

  // New windows skip drawing their items on their first frame (ImGui sizes them first),
  // so every test starts after a couple of frames.
  void WarmUp() {
    Frame();
    Frame();
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // The applied layer computed on the test image as the job would, and shown.
  void ComputeApplied() {
    JobRequest request;
    request.image =
        std::shared_ptr<const Tensor>(state.doc.input.image, &state.doc.input.image->pixels);
    request.choice = state.doc.applied;
    state.doc.result = std::make_shared<const JobResult>(ComputeLayer(request, RunControl{}));
  }

  // One frame; returns every piece of text the UI rendered in it.
  std::string Frame() {
    ImGui::NewFrame();
    std::string text;
    ctx.text_capture = &text;
    ctx.rects.clear();
    DrawApp(state, ctx);
    ctx.text_capture = nullptr;
    ImGui::Render();
    return text;
  }

  const LayoutRect* Rect(const std::string& name) const {
    for (const LayoutRect& r : ctx.rects)
      if (r.name == name) return &r;
    return nullptr;
  }

  // A left click at (x, y): hover, press, release, as a mouse would over three frames.
  void Click(float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    // Half a second apart, so two clicks never count as a double click.
    for (int i = 0; i < 30; ++i) Frame();
    io.MouseDown[0] = true;
    Frame();
    io.MouseDown[0] = false;
    Frame();
  }

  // The "+" step button sits at the right end of an InputInt, one frame-height wide.
  void ClickPlus(const std::string& param) {
    const LayoutRect* r = Rect("param/" + param);
    ASSERT_NE(r, nullptr) << param;
    // Left part of the button: a scrollbar, when the panel has one, covers its right edge.
    Click(r->x + r->w - ImGui::GetFrameHeight() * 0.8f, r->y + r->h * 0.5f);
  }

  AppState state;
  ViewContext ctx;
};

TEST_F(HeadlessViews, DrawsEveryPanel) {
  WarmUp();
  const std::string text = Frame();
  for (const char* name : {"Input", "Parameters", "Outputs", "Lesson", "Status"}) {
    EXPECT_NE(Rect(name), nullptr) << name;
  }
  EXPECT_NE(text.find("Kernel Dk"), std::string::npos);
  EXPECT_NE(text.find("test.png"), std::string::npos);
}

TEST_F(HeadlessViews, TileLabelsBreakAtSpacesNotInsideNumbers) {
  WarmUp();
  const float w = ImGui::CalcTextSize("edge 22.5 deg").x;
  EXPECT_EQ(sepconv::app::BreakAtSpaces("edge 22.5 deg s1 (R)", w), "edge 22.5 deg\ns1 (R)");
  EXPECT_EQ(sepconv::app::BreakAtSpaces("edge 22.5 deg", w), "edge 22.5 deg");
  // A word wider than the line keeps a line of its own; no empty lines appear.
  EXPECT_EQ(sepconv::app::BreakAtSpaces("a verylongwordindeed b", ImGui::CalcTextSize("a b").x),
            "a\nverylongwordindeed\nb");
  // Indents and line breaks of the text itself stay; each paragraph breaks on its own.
  EXPECT_EQ(sepconv::app::BreakAtSpaces("  = 8 x 480", w), "  = 8 x 480");
  // A number and its unit stay on one line ("image 140 MiB," never "140\nMiB,").
  const float narrow = ImGui::CalcTextSize("2.9 GiB, x").x;
  EXPECT_EQ(sepconv::app::BreakAtSpaces("image 140 MiB, input 2.9 GiB", narrow),
            "image\n140 MiB,\ninput\n2.9 GiB");
  EXPECT_EQ(sepconv::app::BreakAtSpaces("edge 22.5 deg s1\nab", w), "edge 22.5 deg\ns1\nab");
  EXPECT_EQ(sepconv::app::BreakAtSpaces("", w), "");
  // A second space or a trailing one at a break is dropped: no line starts with a
  // space and no blank line appears.
  const float ab = ImGui::CalcTextSize("ab").x;
  EXPECT_EQ(sepconv::app::BreakAtSpaces("ab  cd", ab), "ab\ncd");
  EXPECT_EQ(sepconv::app::BreakAtSpaces("ab ", ab), "ab");
  // Products stay whole: "1 x 1 x 8" and "480 × 640" move to the next line together.
  const float head = ImGui::CalcTextSize("then 16 pointwise 1 x 1").x;
  EXPECT_EQ(sepconv::app::BreakAtSpaces("then 16 pointwise 1 x 1 x 8", head),
            "then 16 pointwise\n1 x 1 x 8");
  EXPECT_EQ(sepconv::app::BreakAtSpaces("Ho \xC3\x97 Wo = 480 \xC3\x97 640",
                                        ImGui::CalcTextSize("Ho \xC3\x97 Wo = 480").x),
            "Ho \xC3\x97 Wo =\n480 \xC3\x97 640");
  EXPECT_EQ(sepconv::app::BreakAtSpaces("the kernel needs K = 1",
                                        ImGui::CalcTextSize("the kernel needs K").x),
            "the kernel needs\nK = 1");
  // An indented first line counts its indent: the product moves down instead of running
  // past the edge.
  EXPECT_EQ(sepconv::app::BreakAtSpaces("  = 6 x 20", ImGui::CalcTextSize("= 6 x 20").x),
            "  =\n6 x 20");
  // A product wider than a line breaks between its words after all.
  EXPECT_EQ(sepconv::app::BreakAtSpaces("1 x 2 x 3", ImGui::CalcTextSize("1 x 2 x").x),
            "1 x 2 x\n3");
}

// The tile grid plans its label lines with the tile width it picks: a label as wide as
// the tile takes one line, a narrower tile breaks it (up to three lines); the grid keeps
// to the height it is given unless that would take tiles below the minimum.
TEST_F(HeadlessViews, TileGridPlansLabelLinesWithTheTileWidth) {
  WarmUp();
  const std::vector<std::string> names = {"image R", "edge 22.5 deg s1 (R)"};
  const float full = ImGui::CalcTextSize(names[1].c_str()).x;
  const float line = ImGui::GetTextLineHeight();
  const float gap = ImGui::GetStyle().ItemSpacing.y;

  // Room for one row of two tiles wider than the long name (one column would need two
  // rows of tiles half as wide).
  const float one_row = 0.75f * (full + 25) + 3 * line;
  const TileGridPlan wide = PlanTileGrid(names, 2, 0.75f, 2 * full + 50, one_row, 10);
  EXPECT_EQ(wide.cols, 2);
  EXPECT_GE(wide.tile_w, full);
  EXPECT_EQ(wide.label_lines, 1);
  EXPECT_LE(wide.height, one_row);

  const TileGridPlan narrow = PlanTileGrid(names, 2, 0.75f, 0.6f * full, 1000, 10);
  EXPECT_EQ(narrow.cols, 1);
  EXPECT_GT(narrow.label_lines, 1);
  EXPECT_LE(narrow.label_lines, 3);
  // Two rows: tile, gap, label lines and a gap under them, then the gap between rows.
  EXPECT_FLOAT_EQ(narrow.height,
                  2 * (narrow.tile_h + line * float(narrow.label_lines) + 2 * gap) + gap);

  // Height-limited: the tiles shrink until the grid fits.
  const float budget = 0.5f * wide.height;
  const TileGridPlan fit = PlanTileGrid(names, 2, 0.75f, 2 * full + 50, budget, 10);
  EXPECT_GE(fit.tile_w, 10);
  EXPECT_LE(fit.height, budget);
  EXPECT_LT(fit.tile_w, wide.tile_w);

  // Never below the minimum: the grid overflows and its panel scrolls, its columns
  // filling the width (tiles of the minimum width left a strip empty at the right and
  // broke labels that fit the wider tile).
  const float tight_w = 2 * full + 50;
  const TileGridPlan tight = PlanTileGrid(names, 2, 0.75f, tight_w, 5, 40);
  EXPECT_GE(tight.tile_w, 40);
  EXPECT_EQ(tight.cols, 2);
  EXPECT_NEAR(2 * tight.tile_w + ImGui::GetStyle().ItemSpacing.x, tight_w, 1.0f);
  EXPECT_EQ(tight.label_lines, 1);
  EXPECT_GT(tight.height, 5);
  // A width below the minimum keeps the minimum.
  EXPECT_EQ(PlanTileGrid(names, 2, 0.75f, 30, 5, 40).tile_w, 40);
}

// The planner counts label lines without breaking the text; its count must be the one
// BreakAtSpaces gives (capped at three) at every width where each group fits a line.
TEST_F(HeadlessViews, TileGridLabelLinesMatchTheBrokenText) {
  WarmUp();
  for (const std::string name : {"image R", "blur s1 (R)", "edge 22.5 deg s1 (R)",
                                 "laplacian s4 (G)", "n=12", "ab", "blur 3 x 3 (R)", "3 x 3"}) {
    for (float w = 20; w < 260; w += 3) {
      const TileGridPlan plan = PlanTileGrid({name}, 1, 0.75f, w, 1e6f, 1);
      ASSERT_EQ(plan.tile_w, std::floor(w));
      const std::string broken = sepconv::app::BreakAtSpaces(name, plan.tile_w);
      const int lines = 1 + int(std::count(broken.begin(), broken.end(), '\n'));
      // Exact while every group ("3 x 3" kept whole) fits a line by itself.
      bool groups_fit = true;
      for (const std::string& group : sepconv::app::LineBreakGroups(name)) {
        groups_fit = groups_fit && ImGui::CalcTextSize(group.c_str()).x <= plan.tile_w;
      }
      if (groups_fit || name.find(' ') == std::string::npos) {
        EXPECT_EQ(plan.label_lines, std::min(lines, 3)) << name << " at " << plan.tile_w;
      } else {
        EXPECT_GE(plan.label_lines, std::min(lines, 3)) << name << " at " << plan.tile_w;
      }
    }
  }
}

// Kernel cells drop decimals together when the widest value would not fit.
TEST_F(HeadlessViews, KernelCellsDropDecimalsToFit) {
  WarmUp();
  const std::vector<float> sobel = {-1.0f, -100.0f, 24.0f, 0.0f};
  EXPECT_STREQ(sepconv::app::DecimalsThatFit(sobel, ImGui::CalcTextSize("-100.000").x), "%.3f");
  EXPECT_STREQ(sepconv::app::DecimalsThatFit(sobel, ImGui::CalcTextSize("-100.00").x), "%.2f");
  EXPECT_STREQ(sepconv::app::DecimalsThatFit(sobel, ImGui::CalcTextSize("-100.0").x), "%.1f");
  EXPECT_STREQ(sepconv::app::DecimalsThatFit(sobel, ImGui::CalcTextSize("-100").x), "%.0f");
  EXPECT_STREQ(sepconv::app::DecimalsThatFit(sobel, 1.0f), "%.0f");
  EXPECT_STREQ(sepconv::app::DecimalsThatFit({0.25f, -0.5f}, ImGui::CalcTextSize("-0.500").x),
               "%.3f");
}

// A long name keeps its start and its end around an ellipsis, cut between characters.
TEST_F(HeadlessViews, LongTextsEllipsizeInTheMiddle) {
  WarmUp();
  const std::string name = "a_very_long_file_name_for_a_classroom_demo_image.png  640 x 480";
  EXPECT_EQ(sepconv::app::EllipsizeMiddle(name, ImGui::CalcTextSize(name.c_str()).x), name);
  const float width = ImGui::CalcTextSize(name.c_str()).x / 2;
  const std::string cut = sepconv::app::EllipsizeMiddle(name, width);
  EXPECT_LE(ImGui::CalcTextSize(cut.c_str()).x, width);
  EXPECT_GT(ImGui::CalcTextSize(cut.c_str()).x, width * 0.8f) << cut << ": more could fit";
  EXPECT_NE(cut.find("\xE2\x80\xA6"), std::string::npos) << cut;
  EXPECT_EQ(cut.substr(0, 6), "a_very") << cut;
  EXPECT_EQ(cut.substr(cut.size() - 9), "640 x 480") << cut;
  // Multi-byte characters are never split: every cut lands on a character start.
  const std::string greek = "\xCF\x83\xCF\x83\xCF\x83\xCF\x83\xCF\x83\xCF\x83\xCF\x83\xCF\x83";
  for (float w = 0; w < ImGui::CalcTextSize(greek.c_str()).x; w += 2) {
    const std::string g = sepconv::app::EllipsizeMiddle(greek, w);
    EXPECT_EQ((g.size() - 3) % 2, 0u) << "a sigma was split at width " << w;
  }
}

// Without an image the Costs tab still teaches the arithmetic, and says on what size.
TEST_F(HeadlessViews, CostsWithoutAnImageNameTheExampleSize) {
  state.doc.input.image = nullptr;
  WarmUp();
  const std::string text = Frame();
  EXPECT_NE(text.find("No image loaded: these counts are for an example 256 x 256 input"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("from a 256 \xC3\x97 256 input"), std::string::npos) << text;
}

TEST_F(HeadlessViews, ClickingPlusOnNMarksTheStateDirty) {
  WarmUp();
  EXPECT_FALSE(state.doc.dirty.layer);
  ClickPlus("n");
  EXPECT_EQ(state.doc.edit.spec.n, 9);
  EXPECT_EQ(state.doc.applied.spec.n, 9);
  EXPECT_TRUE(state.doc.dirty.layer);
  EXPECT_TRUE(state.doc.param_error.empty());
}

TEST_F(HeadlessViews, InvalidGroupsShowTheReasonInlineAndAreNotApplied) {
  state.doc.edit.compose_standard = state.doc.applied.compose_standard = false;
  WarmUp();
  ClickPlus("groups");  // groups 1 -> 2 with M = 3: 2 does not divide 3
  EXPECT_EQ(state.doc.edit.spec.groups, 2);
  EXPECT_EQ(state.doc.applied.spec.groups, 1) << "an invalid value must not be applied";
  EXPECT_FALSE(state.doc.dirty.layer);
  // Read with its line breaks as spaces: where the narrow panel wraps it is layout.
  std::string text = Frame();
  std::replace(text.begin(), text.end(), '\n', ' ');
  EXPECT_NE(text.find("Not applied: groups = 2 must divide the input channels M = 3"),
            std::string::npos)
      << text;

  ClickPlus("groups");  // 3 divides M = 3 but not N = 8
  EXPECT_EQ(state.doc.edit.spec.groups, 3);
  EXPECT_EQ(state.doc.applied.spec.groups, 1);
  std::string again = Frame();
  std::replace(again.begin(), again.end(), '\n', ' ');
  EXPECT_NE(again.find("must divide the output channels"), std::string::npos) << again;
}

// One rule with the CLI (core/layer_choice.h): groups > 1 has no composed kernel, so the
// layer runs with the independent preset and the Outputs panel says why, in the words
// of the CLI's report.
TEST_F(HeadlessViews, ComposedKernelWithGroupsFallsBackAndSaysWhy) {
  state.doc.edit.spec.groups = 3;
  state.doc.edit.spec.n = 9;
  WarmUp();
  EXPECT_EQ(state.doc.applied.spec.groups, 3) << state.doc.param_error;
  EXPECT_TRUE(state.doc.param_error.empty());
  ComputeApplied();
  EXPECT_FALSE(state.doc.result->standard_composed);
  EXPECT_LT(state.doc.result->max_abs_diff, 0) << "no match is claimed";
  WarmUp();
  const std::string text = Frame();
  EXPECT_NE(text.find("composed"), std::string::npos) << text;
  EXPECT_NE(text.find("needs groups = 1"), std::string::npos) << text;
}

TEST_F(HeadlessViews, ClickingAnOutputTileOpensTheViewer) {
  ComputeApplied();
  WarmUp();
  const LayoutRect* tile = Rect("SeparableTiles/0");
  ASSERT_NE(tile, nullptr);
  Click(tile->x + tile->w * 0.5f, tile->y + tile->h * 0.5f);
  EXPECT_TRUE(state.ui.viewer.open);
  EXPECT_EQ(state.ui.viewer.source, TensorSource::Separable);
  EXPECT_EQ(state.ui.viewer.channel, 0);
  state.ui.viewer.zoom = 80;
  WarmUp();
  const std::string text = Frame();
  EXPECT_NE(text.find("diverging: zero is white"), std::string::npos) << text;
  EXPECT_NE(text.find("zoom 80x"), std::string::npos) << text;
}

TEST_F(HeadlessViews, ShaderErrorsAreShownInTheApp) {
  state.ui.shader_error = "colormap.frag: 0:12(3): error: syntax error";
  WarmUp();
  const std::string text = Frame();
  EXPECT_NE(text.find("Shader error"), std::string::npos) << text;
  EXPECT_NE(text.find("colormap.frag: 0:12(3)"), std::string::npos) << text;
}

TEST_F(HeadlessViews, LoadErrorBannerIsShown) {
  state.ui.banner = Banner{"Could not open broken.png: cannot decode (bad signature)", true};
  WarmUp();
  const std::string text = Frame();
  EXPECT_NE(Rect("Banner"), nullptr);
  EXPECT_NE(text.find("broken.png"), std::string::npos);
  const LayoutRect* input = Rect("Input");
  ASSERT_NE(input, nullptr);
  EXPECT_GE(input->y, Rect("Banner")->y + Rect("Banner")->h) << "panels move below the banner";
}

}  // namespace
}  // namespace sepconv::app

namespace sepconv::app {
namespace {

// The Costs tab shows the engine's instrumented counts of the layer shown beside the
// closed forms, and says which size the times were measured on.
TEST_F(HeadlessViews, CostsShowTheEnginesCountsAndTheMeasuredSize) {
  ComputeApplied();
  state.requests.select_tab = LessonTab::Costs;
  WarmUp();
  const std::string text = Frame();
  EXPECT_NE(text.find("Counted by the engine while it computed the outputs shown: exactly"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("on 32 x 24"), std::string::npos) << text;
}

// File > Export outputs: the dialog names the size, proposes a folder beside the photo
// and lists the CLI's --out-dir files.
TEST_F(HeadlessViews, TheExportDialogListsTheFilesAndAFolderBesideThePhoto) {
  ComputeApplied();
  state.doc.input.path = "/photos/beach.jpg";
  state.ui.exporting.dialog_open = true;
  WarmUp();
  const std::string text = Frame();
  EXPECT_EQ(state.ui.exporting.folder, "/photos/beach_sepconv");
  EXPECT_NE(text.find("computed on 32 x 24"), std::string::npos) << text;
  for (const char* name : {"input.npy", "separable.npy", "depthwise_conv.weight.npy",
                           "pointwise_conv.weight.npy", "standard_conv.weight.npy", "report.json"})
    EXPECT_NE(text.find(name), std::string::npos) << name;
}

// A bias from a file takes a path of any length, applied on Enter.
TEST_F(HeadlessViews, ABiasFileTakesALongPathOnEnter) {
  ImGuiIO& io = ImGui::GetIO();
  constexpr int kEnter = 200;
  io.KeyMap[ImGuiKey_Enter] = kEnter;
  state.doc.edit.files.depthwise_bias = "x";  // neither a number nor a keyword: a file
  WarmUp();
  const LayoutRect* field = Rect("param/bias_dw_file");
  ASSERT_NE(field, nullptr);
  Click(field->x + field->w - 4, field->y + field->h / 2);  // the caret after "x"
  const std::string typed = "/" + std::string(1500, 'd') + "/bias.npy";
  for (char c : typed) io.AddInputCharacter(static_cast<unsigned>(c));
  Frame();
  EXPECT_EQ(state.doc.edit.files.depthwise_bias, "x") << "not applied before Enter";
  io.KeysDown[kEnter] = true;
  Frame();
  io.KeysDown[kEnter] = false;
  Frame();
  EXPECT_EQ(state.doc.edit.files.depthwise_bias, "x" + typed);
}

// File > Export animation: a file beside the photo, the plan of the range chosen (the
// same numbers as the planner's), Export starting the recording, and a question before
// an existing file is replaced.
TEST_F(HeadlessViews, TheAnimationExportDialogShowsThePlanAndAsksBeforeReplacing) {
  ComputeApplied();
  state.doc.input.path = "/photos/beach.jpg";
  AnimationExportChoice& x = ctx.animation_export;
  x.dialog_open = true;
  x.request.range = RecordRange::Layer;
  x.request.seconds = 4;
  x.request.fps = 25;
  WarmUp();
  std::string text = Frame();
  EXPECT_EQ(x.path, "/photos/beach_animation.mp4");
  EXPECT_NE(text.find("MP4 (H.264)"), std::string::npos) << text;
  RecordPlan plan;
  ASSERT_EQ(PlanRecording(ctx.animation.model, x.request, &plan).why(), "");
  EXPECT_EQ(plan.frames, 100);
  EXPECT_EQ(plan.last, ClockEnd(ctx.animation.model));
  const std::string line =
      "100 frames (4.0 s at 25 frames/s), multiplications 0 to " + format_thousands(plan.last);
  EXPECT_NE(text.find(line), std::string::npos) << text;

  // A file that is not there: Export starts at once.
  const std::string dir = ::testing::TempDir();
  x.path = dir + "/sepconv_new_animation.gif";
  std::remove(x.path.c_str());
  Frame();
  const LayoutRect* button = Rect("AnimExportButton");
  ASSERT_NE(button, nullptr);
  Click(button->x + button->w / 2, button->y + button->h / 2);
  EXPECT_TRUE(x.start);
  EXPECT_FALSE(x.overwrite);
  EXPECT_FALSE(x.dialog_open);

  // One that is: the dialog asks, and Replace starts with overwrite.
  x = AnimationExportChoice{};
  x.dialog_open = true;
  x.path = dir + "/sepconv_existing_animation.gif";
  std::ofstream(x.path) << "kept";
  WarmUp();
  Frame();
  button = Rect("AnimExportButton");
  ASSERT_NE(button, nullptr);
  Click(button->x + button->w / 2, button->y + button->h / 2);
  EXPECT_FALSE(x.start);
  EXPECT_TRUE(x.confirm_replace);
  text = Frame();
  EXPECT_NE(text.find("already exists. Replace it?"), std::string::npos) << text;
  const LayoutRect* replace = Rect("AnimExportReplace");
  ASSERT_NE(replace, nullptr);
  Click(replace->x + replace->w / 2, replace->y + replace->h / 2);
  EXPECT_TRUE(x.start);
  EXPECT_TRUE(x.overwrite);
  std::remove(x.path.c_str());
}

// --separable spatial: the Parameters row, the Kernels tab's column x row and not-rank-1
// notes, the Outputs header and tiles, and the Costs tab's spatial row against the cost
// model and the engine's own counts.
class SpatialViews : public HeadlessViews {
 protected:
  void SetUp() override {
    HeadlessViews::SetUp();
    state.doc.edit.separable = SeparableKind::Spatial;
    state.doc.edit.kernel = KernelPreset::SobelX;
    state.doc.applied = state.doc.edit;
  }
  // A frame's text after the warm-up, its line breaks read as spaces (where a panel
  // wraps is layout).
  std::string Frames() {
    WarmUp();
    std::string text = Frame();
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
  }
  void ClickRect(const std::string& name) {
    Frame();
    const LayoutRect* r = Rect(name);
    ASSERT_NE(r, nullptr) << name;
    Click(r->x + r->w * 0.3f, r->y + r->h * 0.5f);
  }
};

#define EXPECT_SHOWN(text, what) \
  EXPECT_NE((text).find(what), std::string::npos) << "missing: " << (what) << "\nin: " << (text)

TEST_F(SpatialViews, ParametersRowSwitchesTheKindOfSeparable) {
  state.doc.edit.separable = state.doc.applied.separable = SeparableKind::Depthwise;
  const std::string text = Frames();
  EXPECT_SHOWN(text, "Separable");
  EXPECT_SHOWN(text, "depthwise (then pointwise)");
  ClickRect("param/separable");  // opens the combo
  ClickRect("param/separable/spatial");
  EXPECT_EQ(state.doc.edit.separable, SeparableKind::Spatial);
  EXPECT_EQ(state.doc.applied.separable, SeparableKind::Spatial) << state.doc.param_error;
  EXPECT_TRUE(state.doc.dirty.layer);
  EXPECT_SHOWN(Frames(), "spatial (column \xC3\x97 row)");
  ClickRect("param/separable");
  ClickRect("param/separable/depthwise");
  EXPECT_EQ(state.doc.applied.separable, SeparableKind::Depthwise);
}

TEST_F(SpatialViews, KernelsTabShowsSobelAsAColumnTimesARow) {
  state.requests.select_tab = LessonTab::Kernels;
  const std::string text = Frames();
  // Sobel x factors as c [1 2 1] and [-1 0 1] / c with c = 3^(-1/4) (core/rank1.h).
  EXPECT_SHOWN(text,
               "D[0] = column \xC3\x97 row = [0.76, 1.52, 0.76]\xE1\xB5\x80 \xC3\x97 "
               "[-1.32, 0, 1.32]");
  EXPECT_SHOWN(text,
               "In whole numbers: sobel-x = [1 2 1]\xE1\xB5\x80 \xC3\x97 [-1 0 1], the "
               "factors above up to scale");
  EXPECT_SHOWN(text, "a 3 \xC3\x97 1 column pass, then a 1 \xC3\x97 3 row pass");
  EXPECT_EQ(text.find("not rank 1"), std::string::npos);
  EXPECT_EQ(ctx.kernel_editor.factors_channel, 0) << "factored once for the shown channel";

  // A box has a scale too: [1 1 1] x [1 1 1] / 9.
  state.doc.edit.kernel = state.doc.applied.kernel = KernelPreset::Box;
  EXPECT_SHOWN(Frames(), "box = [1 1 1]\xE1\xB5\x80 \xC3\x97 [1 1 1] \xC3\x97 1/9");
}

TEST_F(SpatialViews, KernelsTabSaysSharpenIsNotRank1WithTheNumbers) {
  state.doc.edit.kernel = state.doc.applied.kernel = KernelPreset::Sharpen;
  state.requests.select_tab = LessonTab::Kernels;
  const std::string text = Frames();
  EXPECT_SHOWN(text,
               "sharpen is not rank 1: the closest rank-1 kernel is 6.91% away (relative "
               "Frobenius error); the spatial output uses that kernel");
  // The closest kernel's numbers, from the same factoring as the engine's.
  const Rank1Factors f = factor_rank1(make_kernel(KernelPreset::Sharpen, 3, 0), 3, 3);
  char centre[32];
  std::snprintf(centre, sizeof centre, "%.3g", double(f.closest[4]));
  EXPECT_SHOWN(text, centre);
  EXPECT_SHOWN(text, "closest = column \xC3\x97 row = [");
  EXPECT_EQ(percent_text(f.relative_error), "6.91%");

  // Under depthwise the Kernels tab says nothing of column x row.
  state.doc.edit.separable = state.doc.applied.separable = SeparableKind::Depthwise;
  EXPECT_EQ(Frames().find("not rank 1"), std::string::npos);
}

TEST_F(SpatialViews, OutputsCompareTheSpatialOutputWithTheDepthwiseOne) {
  ComputeApplied();
  ASSERT_TRUE(state.doc.result->ran_spatial);
  std::string text = Frames();
  EXPECT_SHOWN(text, "max |spatial - depthwise| = ");
  EXPECT_SHOWN(text, "float rounding");
  EXPECT_SHOWN(text, "Spatial");
  EXPECT_NE(Rect("SpatialTiles/0"), nullptr) << "the spatial output's tiles";
  EXPECT_NE(Rect("IntermediateTiles/0"), nullptr) << "beside the depthwise output's";
  EXPECT_NE(Rect("OutputsSpatialDiff"), nullptr);

  state.doc.edit.kernel = state.doc.applied.kernel = KernelPreset::Sharpen;
  ComputeApplied();
  ASSERT_TRUE(state.doc.result->spatial_approximated);
  text = Frames();
  EXPECT_SHOWN(text, "the approximation error");
}

// Four columns share the width by their tile counts (16 standard and separable tiles
// beside 3 depthwise and spatial ones get wider columns), each pair equal; with equal
// counts the columns are equal again, in the same table a frame later.
TEST_F(SpatialViews, OutputColumnsAreAsWideAsTheirTilesNeed) {
  const auto columns = [&] {
    Frames();
    const LayoutRect *standard = Rect("StandardTiles/0"), *separable = Rect("SeparableTiles/0"),
                     *depthwise = Rect("IntermediateTiles/0"), *spatial = Rect("SpatialTiles/0");
    EXPECT_TRUE(standard && separable && depthwise && spatial);
    if (!standard || !separable || !depthwise || !spatial) return std::pair<float, float>{};
    EXPECT_EQ(standard->w, separable->w) << "the standard and separable tiles compare";
    EXPECT_EQ(depthwise->w, spatial->w) << "the depthwise and spatial tiles compare";
    // Column widths, from where each column's first tile starts.
    return std::pair<float, float>{separable->x - standard->x, spatial->x - depthwise->x};
  };
  state.doc.edit.spec.n = state.doc.applied.spec.n = 16;
  ComputeApplied();
  const auto [wide, narrow] = columns();
  EXPECT_GT(wide, 3.0f * narrow) << wide << " vs " << narrow;
  EXPECT_GE(narrow, ImGui::CalcTextSize("Depthwise").x) << "its head still fits";

  state.doc.edit.spec.n = state.doc.applied.spec.n = 3;
  ComputeApplied();
  const auto [output, mid] = columns();
  EXPECT_NEAR(output, mid, 2.0f);
}

// 64 depthwise channels beside the spatial output: the two share the 64 tiles a tensor
// gets (32 each, as the job's display copies), and each column says so.
TEST_F(SpatialViews, DepthwiseAndSpatialColumnsShareTheTiles) {
  state.doc.edit.spec.m = state.doc.applied.spec.m = 64;
  state.doc.edit.spec.n = state.doc.applied.spec.n = 4;
  ComputeApplied();
  ASSERT_EQ(state.doc.result->intermediate.dim(0), 64);
  const std::string text = Frames();
  EXPECT_SHOWN(text, "showing the first 32 of 64 channels");
  EXPECT_EQ(PreviewChannels(*state.doc.result, TensorSource::Intermediate), 32);
  EXPECT_EQ(PreviewChannels(*state.doc.result, TensorSource::Spatial), 32);

  state.doc.edit.separable = state.doc.applied.separable = SeparableKind::Depthwise;
  state.ui.show_intermediate = true;
  ComputeApplied();
  EXPECT_EQ(Frames().find("showing the first 32"), std::string::npos) << "all 64 without it";
}

TEST_F(SpatialViews, CostsShowTheSpatialRowWithTheModelsAndTheEnginesNumbers) {
  ComputeApplied();
  state.requests.select_tab = LessonTab::Costs;
  const std::string text = Frames();
  const sepconv::app::CostText t =
      sepconv::app::BuildCostText(state.doc.applied.spec, 24, 32, true);
  ASSERT_EQ(t.mults.size(), 5u);
  const LayerCosts c = layer_costs(state.doc.applied.spec, 24, 32);
  const OpCost model =
      spatial_separable_cost(depthwise_params(state.doc.applied.spec, 24, 32), 24, 32);
  EXPECT_EQ(t.mults[4].value, model.mults);
  EXPECT_EQ(c.spatial.mults, model.mults);
  EXPECT_EQ(state.doc.result->spatial_counts.mults, model.mults) << "the engine counts the same";
  EXPECT_SHOWN(text, t.mults[4].symbolic);
  EXPECT_SHOWN(text, "= " + t.mults[4].substituted);
  EXPECT_SHOWN(text, t.mults[4].value_text);
  EXPECT_SHOWN(text, t.params[4].value_text);
  EXPECT_SHOWN(text, t.spatial_columns_text);
  EXPECT_SHOWN(text, "About 2 · Dk per output, never exactly");
  EXPECT_SHOWN(text, t.spatial_per_output_text);
  EXPECT_SHOWN(text, "Counted by the engine while it computed the outputs shown: exactly");

  // A count that differs from the closed form is shown as the engine's, not hidden.
  auto wrong = std::make_shared<JobResult>(*state.doc.result);
  wrong->spatial_counts.mults += 1;
  state.doc.result = wrong;
  EXPECT_SHOWN(Frames(),
               "The engine's count differs: spatial counted " + format_thousands(model.mults + 1));
}

}  // namespace
}  // namespace sepconv::app
