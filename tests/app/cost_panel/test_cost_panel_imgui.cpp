// Drives DrawCostPanel in an ImGui context with no backend (as imgui's example_null does)
// for several layers, states and font scales: it must run without asserting and emit
// only finite vertices.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cmath>
#include <filesystem>

#include "app/views/headless_imgui.h"
#include "cost_panel/cost_panel.h"

namespace sepconv::app {
namespace {

class CostPanelFrames : public testing::Test {
 protected:
  void SetUp() override { context_ = CreateHeadlessImGui(ImVec2(1920, 1080)); }
  void TearDown() override { ImGui::DestroyContext(context_); }

  // One frame with the panel in a window of `size`; `before` runs inside the window
  // before the panel (to open collapsed sections).
  void Frame(const sepconv::LayerSpec& spec, int h, int w, const MeasuredTimes& measured,
             CostPanelState& ui, ImVec2 size = ImVec2(900, 1060), bool open_export = false) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(10, 10));
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("Cost");
    if (open_export) {
      ImGui::PushID("cost_panel");
      ImGui::GetStateStorage()->SetInt(ImGui::GetID("Export"), 1);
      ImGui::PopID();
    }
    DrawCostPanel(spec, h, w, measured, ui);
    popup_open_ = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    ImGui::End();
    ImGui::Render();
    ExpectFiniteDrawData();
  }

  void ExpectFiniteDrawData() {
    const ImDrawData* data = ImGui::GetDrawData();
    ASSERT_NE(data, nullptr);
    ASSERT_TRUE(data->Valid);
    int vertices = 0;
    for (int l = 0; l < data->CmdListsCount; ++l) {
      const ImDrawList* list = data->CmdLists[l];
      for (const ImDrawVert& v : list->VtxBuffer) {
        ASSERT_TRUE(std::isfinite(v.pos.x) && std::isfinite(v.pos.y));
        ++vertices;
      }
    }
    EXPECT_GT(vertices, 0);
  }

  ImGuiContext* context_ = nullptr;
  bool popup_open_ = false;
};

std::vector<sepconv::LayerSpec> Layers() {
  std::vector<sepconv::LayerSpec> layers(5);
  layers[1].dk = 15;
  layers[1].m = 4096;
  layers[1].n = 4096;
  layers[2].dk = 5;
  layers[2].m = 8;
  layers[2].n = 32;
  layers[2].groups = 2;
  layers[2].depth_multiplier = 2;
  layers[2].stride = 2;
  layers[2].bias = true;
  layers[3].dk = 1;
  layers[3].m = 1;
  layers[3].n = 1;
  layers[4].n = 0;  // invalid: the panel shows the core's message
  return layers;
}

TEST_F(CostPanelFrames, EveryLayerAxisAndScale) {
  MeasuredTimes measured;
  for (const sepconv::LayerSpec& spec : Layers()) {
    for (CurveAxis axis : {CurveAxis::Dk, CurveAxis::M, CurveAxis::N}) {
      for (int mode = 0; mode < 4; ++mode) {
        CostPanelState ui;
        ui.curve_axis = axis;
        ui.curve_quantity = mode % 2 ? CurveQuantity::Ratio : CurveQuantity::Mults;
        ui.curve_log_x = mode >= 2;
        ui.curve_log_y = mode == 1 || mode == 2;
        ui.bars_log = mode % 2 == 0;
        SCOPED_TRACE(testing::Message() << "dk " << spec.dk << " m " << spec.m << " n " << spec.n
                                        << " axis " << CurveAxisName(axis) << " mode " << mode);
        Frame(spec, 1080, 1920, measured, ui);
      }
    }
  }
}

TEST_F(CostPanelFrames, MeasuredTimesAndExportSection) {
  MeasuredTimes measured;
  measured.valid = true;
  measured.standard_ms = 31.5;
  measured.depthwise_ms = 4.0;
  measured.pointwise_ms = 6.5;
  measured.separable_ms = 10.5;
  measured.engine = "fast";
  measured.kernel = "avx2";
  measured.threads = 2;
  CostPanelState ui;
  sepconv::LayerSpec spec;
  spec.m = 32;
  spec.n = 64;
  Frame(spec, 480, 640, measured, ui, ImVec2(900, 1060), true);
  Frame(spec, 480, 640, measured, ui, ImVec2(900, 1060), true);
  EXPECT_FALSE(popup_open_);
}

TEST_F(CostPanelFrames, OverwriteQuestionOpensAModal) {
  CostPanelState ui;
  ui.save_path = (std::filesystem::temp_directory_path() / "cost_panel_never_written.csv").string();
  ui.pending_overwrite_text = "a,b\n";
  ui.open_overwrite_popup = true;  // what the Save button sets when the file exists
  const sepconv::LayerSpec spec;
  Frame(spec, 64, 64, MeasuredTimes{}, ui, ImVec2(900, 1060), true);
  EXPECT_TRUE(popup_open_);
  EXPECT_FALSE(ui.open_overwrite_popup);
  Frame(spec, 64, 64, MeasuredTimes{}, ui, ImVec2(900, 1060), true);
  EXPECT_TRUE(popup_open_);
  EXPECT_FALSE(std::filesystem::exists(ui.save_path));  // nothing written without an answer
}

TEST_F(CostPanelFrames, ProjectorFontScaleAndNarrowWindow) {
  CostPanelState ui;
  const sepconv::LayerSpec spec;
  for (float scale : {1.0f, 2.5f, 4.0f}) {
    ImGui::GetIO().FontGlobalScale = scale;
    Frame(spec, 224, 224, MeasuredTimes{}, ui, ImVec2(1900, 1060), true);
    Frame(spec, 224, 224, MeasuredTimes{}, ui, ImVec2(260, 400), true);
  }
}

TEST_F(CostPanelFrames, HoveringEverywhereShowsTooltipsSafely) {
  // Sweep the mouse over the panel so the plot and bar tooltips are built too.
  CostPanelState ui;
  sepconv::LayerSpec spec;
  spec.dk = 15;
  spec.m = 4096;
  spec.n = 4096;
  for (float y = 20; y < 1060; y += 37) {
    for (float x = 20; x < 900; x += 61) {
      ImGui::GetIO().MousePos = ImVec2(x, y);
      Frame(spec, 1080, 1920, MeasuredTimes{}, ui);
    }
  }
}

}  // namespace
}  // namespace sepconv::app
