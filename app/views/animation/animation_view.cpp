// The animation tab's frame: transport controls, keyboard, the lesson toggles (groups,
// correlation vs convolution) and the layout of the stacks and the detail column.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "animation/animation_crop.h"
#include "text_format.h"
#include "views/animation/animation_parts.h"
#include "views/layout_record.h"
#include "widgets/fit_text.h"

namespace sepconv::app {
namespace {

// Of the tab's height below the transport, what the stacks take when they sit above the
// detail column.
constexpr float kStacksAboveShare = 0.7f;
// What three rows need beyond MinStackRowSize's height, in font heights.
constexpr float kThirdRowExtraFonts = 1.5f;

constexpr double kSpeeds[] = {1, 2, 5, 10, 20, 50, 100, 300, 1e3, 3e3, 1e4, 1e5, 1e6, 1e7, 1e8};

// Divisors of M that also divide N: the group counts a layer can have.
std::vector<int> ValidGroups(int m, int n) {
  std::vector<int> g;
  for (int i = 1; i <= m; ++i)
    if (m % i == 0 && n % i == 0) g.push_back(i);
  return g;
}

void DrawTransport(AnimationModel& m) {
  const int64_t end = ClockEnd(m);
  if (ImGui::Button("|<")) Reset(m);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Reset (Home)");
  ImGui::SameLine();
  if (ImGui::Button("<")) Step(m, -1);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step back one multiplication (Left)");
  ImGui::SameLine();
  if (ImGui::Button(m.playing ? "Pause" : "Play ", ImVec2(ImGui::GetFontSize() * 4, 0))) {
    TogglePlay(m);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (Space)");
  ImGui::SameLine();
  if (ImGui::Button(">")) Step(m, 1);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Step one multiplication (Right; Shift+Right: one output)");
  ImGui::SameLine();
  if (ImGui::Button(">|")) Seek(m, end);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Jump to the end (End)");
  SameLineIfFits(ImGui::GetFontSize() * 12 + ImGui::GetStyle().ItemInnerSpacing.x +
                 ImGui::CalcTextSize("mults/s").x);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  float speed = static_cast<float>(m.speed);
  if (ImGui::SliderFloat("mults/s", &speed, 1.0f, 1e8f, "%.0f", ImGuiSliderFlags_Logarithmic))
    m.speed = std::max(1.0, static_cast<double>(speed));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Multiplications per second (+/-)");
  // Speed in the lesson's units: how much of the standard path one frame covers.
  const double per_frame = m.speed / std::max(1.0f, ImGui::GetIO().Framerate);
  const double taps = static_cast<double>(std::max<int64_t>(m.standard.taps, 1));
  char unit[64];
  if (per_frame < 1)
    std::snprintf(unit, sizeof unit, "one product every %.1f frames", 1 / per_frame);
  else if (per_frame < 1.5)
    std::snprintf(unit, sizeof unit, "one product per frame");
  else if (per_frame < taps)
    std::snprintf(unit, sizeof unit, "%.0f products/frame", per_frame);
  else if (per_frame < taps * m.standard.out.w)
    std::snprintf(unit, sizeof unit, "%.1f outputs/frame", per_frame / taps);
  else
    std::snprintf(unit, sizeof unit, "%.1f rows/frame", per_frame / (taps * m.standard.out.w));
  char shown[80];
  std::snprintf(shown, sizeof shown, "(%s)", unit);
  TextDisabledAfter({shown});

  ImGui::SetNextItemWidth(-1);
  int64_t clock = m.clock;
  const int64_t zero = 0;
  char label[96];
  std::snprintf(label, sizeof label, "%s of %s multiplications", format_thousands(clock).c_str(),
                format_thousands(end).c_str());
  if (ImGui::SliderScalar("##scrub", ImGuiDataType_S64, &clock, &zero, &end, label)) Seek(m, clock);
}

// The morph from standard to grouped to depthwise: g = 1 .. M (values dividing M and N).
// True when the groups or the flip changed.
bool DrawLessonToggles(LayerChoice& edit, const LayerChoice& applied) {
  bool changed = false;
  const std::vector<int> groups = ValidGroups(edit.spec.m, edit.spec.n);
  int index =
      static_cast<int>(std::find(groups.begin(), groups.end(), edit.spec.groups) - groups.begin());
  if (index >= static_cast<int>(groups.size())) index = 0;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  char text[64];
  std::snprintf(text, sizeof text, "groups = %d",
                groups.empty() ? 1 : groups[static_cast<size_t>(index)]);
  if (!groups.empty() &&
      ImGui::SliderInt("##groups", &index, 0, static_cast<int>(groups.size()) - 1, text)) {
    edit.spec.groups = groups[static_cast<size_t>(index)];
    // A grouped kernel cannot be composed from the separable one: the pipeline then uses
    // the independent preset and the Outputs panel says so (core/layer_choice.h).
    changed = true;
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Groups of the standard path: each kernel sees M/g channels.\n"
        "g = 1 is a standard convolution, g = M = N is depthwise.");
  }
  char depth[48];
  std::snprintf(depth, sizeof depth, "box depth M/g = %d",
                edit.spec.m / std::max(edit.spec.groups, 1));
  TextDisabledAfter({depth});
  // On a narrow panel (1280 x 720) the toggles wrap instead of running off the edge.
  const char* flip_label = "true convolution (flip the kernel)";
  SameLineIfFits(CheckboxWidth(flip_label), ImGui::GetFontSize() * 2);
  bool flip = edit.spec.flip_kernel;
  if (ImGui::Checkbox(flip_label, &flip)) {
    edit.spec.flip_kernel = flip;
    changed = true;
  }
  if (applied.spec.flip_kernel) {
    TextDisabledAfter({"showing: convolution", "convolution"});
  } else {
    TextDisabledAfter({"showing: cross-correlation (as in deep learning)",
                       "showing: cross-correlation", "cross-correlation"});
  }
  return changed;
}

}  // namespace

double NextSpeed(double speed, int direction) {
  if (direction > 0) {
    for (double s : kSpeeds)
      if (s > speed * 1.001) return s;
    return kSpeeds[std::size(kSpeeds) - 1];
  }
  for (auto it = std::rbegin(kSpeeds); it != std::rend(kSpeeds); ++it)
    if (*it < speed * 0.999) return *it;
  return kSpeeds[0];
}

namespace {
bool Pressed(ImGuiKey key, bool repeat = true) {
  return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat);
}

// +/- arrive as typed characters ('=' is '+' without Shift), which keeps views free of
// the platform's key codes.
int SpeedKey() {
  int direction = 0;
  for (ImWchar c : ImGui::GetIO().InputQueueCharacters) {
    if (c == '+' || c == '=') direction = +1;
    if (c == '-' || c == '_') direction = -1;
  }
  return direction;
}
// Where the kernel stacks go: beside the detail column, above it when the panel is too
// narrow for both side by side (a projector's large UI scale), or nowhere, when a hint
// says how to get the room.
struct StacksPlace {
  bool shown = false;
  bool beside = true;
  ImVec2 size;  // the stacks' region
  float row_h = 0;
  bool separable_row = true;
  bool spatial_row = false;
};

StacksPlace PlaceStacks(ImVec2 avail, bool spatial) {
  const float font = ImGui::GetFontSize();
  const ImVec2 gap = ImGui::GetStyle().ItemSpacing;
  const ImVec2 least = MinStackRowSize();
  // The detail column wraps its formulas, so a narrow panel may give it less than the 20
  // font widths it takes at 1920 x 1080.
  const float detail_w = std::max(avail.x * 0.36f, font * (avail.x >= font * 50 ? 20 : 14));
  // Above the detail column the stacks leave it the room for its counters.
  const ImVec2 candidates[] = {ImVec2(avail.x - detail_w - gap.x, avail.y),
                               ImVec2(avail.x, std::floor(avail.y * kStacksAboveShare))};
  for (const ImVec2& size : candidates) {
    if (size.x < least.x) continue;
    const auto row_height = [&](int rows) { return (size.y - gap.y * (rows - 1)) / rows; };
    // Two rows, or three when the spatially separable path ran. Three rows of the least
    // height are three strips nobody tells apart, so the third asks for planes two lines
    // tall; below that the spatial row takes the depthwise-separable row's place (the
    // detail column still counts both).
    const bool three = spatial && row_height(3) >= least.y + font * kThirdRowExtraFonts;
    StacksPlace p;
    p.row_h = row_height(three ? 3 : 2);
    if (p.row_h < least.y) continue;
    p.shown = true;
    p.beside = &size == &candidates[0];
    p.size = size;
    p.separable_row = three || !spatial;
    p.spatial_row = spatial;
    return p;
  }
  return StacksPlace{};
}

}  // namespace

bool HandleAnimationKeys(AnimationModel& m, bool arrows) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsAnyItemActive()) return false;
  const int64_t big = io.KeyShift ? std::max<int64_t>(m.standard.taps, 1) : 1;
  bool changed = true;
  if (Pressed(ImGuiKey_Space, false)) {
    TogglePlay(m);
  } else if (arrows && Pressed(ImGuiKey_RightArrow)) {
    Step(m, big);
  } else if (arrows && Pressed(ImGuiKey_LeftArrow)) {
    Step(m, -big);
  } else if (Pressed(ImGuiKey_Home, false)) {
    Reset(m);
  } else if (Pressed(ImGuiKey_End, false)) {
    Seek(m, ClockEnd(m));
  } else if (const int d = SpeedKey(); d != 0) {
    m.speed = NextSpeed(m.speed, d);
  } else {
    changed = false;
  }
  return changed;
}

bool DrawAnimationView(const Document& doc, LayerChoice& edit, const UiState& ui,
                       LayoutRects& rects, ImTextureID overview, AnimationViewState& view) {
  AnimationModel& m = view.model;
  if (m.result != doc.result) AttachResult(m, doc.result);
  const JobResult* r = doc.result.get();
  ImGui::BeginGroup();
  const bool edited = DrawLessonToggles(edit, doc.applied);
  ImGui::EndGroup();
  RecordLastItem(rects, "AnimToggles");
  if (!r || !HasWalks(m)) {
    ImGui::TextDisabled("The animation needs a computed result: load an image first.");
    return edited;
  }
  if (view.keyboard && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows))
    HandleAnimationKeys(m, !(ui.presenting && doc.lesson.open()));
  Advance(m, ImGui::GetIO().DeltaTime);
  ImGui::BeginGroup();
  DrawTransport(m);
  ImGui::EndGroup();
  RecordLastItem(rects, "AnimTransport");

  const StacksPlace place = PlaceStacks(ImGui::GetContentRegionAvail(), HasSpatialWalk(m));
  if (place.shown) {
    ImGui::BeginChild("##stacks", place.size, false, ImGuiWindowFlags_NoScrollbar);
    const ImVec2 row(place.size.x, place.row_h);
    DrawStandardRow(*r, view, row);
    RecordLastItem(rects, "AnimStandardRow");
    if (place.separable_row) {
      DrawSeparableRow(*r, view, row);
      RecordLastItem(rects, "AnimSeparableRow");
    }
    if (place.spatial_row) {
      DrawSpatialRow(*r, view, row);
      RecordLastItem(rects, "AnimSpatialRow");
    }
    ImGui::EndChild();
    if (place.beside) ImGui::SameLine();
  } else {
    // Stacks squeezed below a few lines of text would draw titles over each other: say
    // how to get the room instead, and keep the counters and the arithmetic.
    TextDisabledWrapped(
        ui.presenting ? "The kernel stacks need more room than this panel has: lower the UI scale "
                        "(Ctrl and -)."
        : ui.lesson_large
            ? "The kernel stacks need more room than this panel has: lower View > UI scale, "
              "or present (F5), which gives this area most of the window."
            : "The kernel stacks need more room than this panel has: click \"Larger\" at the "
              "right of the tabs, or lower View > UI scale.");
    RecordLastItem(rects, "AnimNeedsRoom");
  }
  ImGui::BeginChild("##detail", ImVec2(0, ImGui::GetContentRegionAvail().y), false);
  RecordWindowContent(rects, "AnimDetail/window");
  DrawAnimationDetail(doc, ui.highlight, rects, view, overview);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::SliderInt("region (outputs per side)", &view.tile, 2, 24);
  ImGui::EndChild();
  return edited;
}

}  // namespace sepconv::app
