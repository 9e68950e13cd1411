// The two rows of channel stacks: standard (input stack -> output stack) and depthwise
// separable (input stack -> depthwise output stack -> output stack). Cell colours come
// from the engine's tensors; the kernel positions come from the engine's trace.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

#include "reference/padded_input.h"
#include "reference/spatial_value.h"
#include "views/animation/animation_parts.h"
#include "views/animation/stack_view.h"
#include "views/channel_tiles.h"
#include "widgets/fit_text.h"

namespace sepconv::app {
namespace {

// A stack's column of channel labels ("... 15"), in font heights.
constexpr float kLabelColumnFonts = 3.2f;
// The least plane width beside the labels, in font heights: a crop still reads as cells.
constexpr float kMinPlaneFonts = 2.5f;
// How the three-stack rows share their width: the input, whose window the class follows,
// gets more; the spatial row's column pass is as wide as its input.
constexpr std::array<float, 3> kSeparableShares = {1.2f, 0.9f, 0.9f};
constexpr std::array<float, 3> kSpatialShares = {1.1f, 1.1f, 0.8f};

// A stack of channel planes of one tensor, about to be drawn.
// A stack's title in three lengths, longest first: a narrow stack (1024 x 768) shows the
// longest that fits rather than write into its neighbour.
struct StackTitle {
  std::string full;   // "input: M = 8 channels"
  std::string named;  // "input: M = 8"
  std::string bare;   // "M = 8"
};

struct StackSpec {
  const Tensor* tensor = nullptr;
  TensorSource source = TensorSource::Input;
  Crop crop;
  std::vector<int> channels;  // which channels get a plane (top first)
  StackTitle title;
  // Output stacks: cells at or after `outputs_done` (linear index) are not computed yet,
  // except the current output, which shows its running sum.
  bool progressive = false;
  int64_t outputs_done = 0;
  int64_t current_index = -1;
  float current_value = 0;
  PadMode pad_mode = PadMode::Zero;
  // A plane that is not a tensor the result holds (the spatial column pass): each cell's
  // look from (channel, x, y). When set, `tensor` and the fields above are not read.
  std::function<CellLook(int channel, int x, int y)> look;
};

CellFunction MakeLook(const JobResult& r, const StackSpec& s, int channel) {
  if (s.look) return [&s, channel](int x, int y) { return s.look(channel, x, y); };
  const ChannelColouring colouring = ColouringFor(r, s.source, channel);
  return [&s, channel, colouring](int x, int y) {
    CellLook look;
    const Tensor& t = *s.tensor;
    bool padded = false;
    // Padding cells show the value the engine reads there (zero, mirror or copy).
    const float v = reference::padded_value(t, channel, y, x, s.pad_mode, &padded);
    look.padding = padded;
    look.colour = MapColour(colouring, v);
    if (s.progressive) {
      const int64_t index = (static_cast<int64_t>(channel) * t.dim(1) + y) * t.dim(2) + x;
      if (index == s.current_index)
        look.colour = MapColour(colouring, s.current_value);
      else
        look.pending = index >= s.outputs_done;
    }
    return look;
  };
}

// The running sum after `taps_done` products of a traced output (0 before the first).
float RunningSum(const OutputTrace* t, int64_t taps_done) {
  const reference::Tap* last = t ? LastTap(*t, taps_done) : nullptr;
  return last ? last->running_sum : 0.0f;
}

// "name: symbol = value", with " channels" when `channels`.
StackTitle Title(const char* name, const char* symbol, int value, bool channels) {
  StackTitle t;
  t.bare = std::string(symbol) + " = " + std::to_string(value);
  t.named = std::string(name) + ": " + t.bare;
  t.full = channels ? t.named + " channels" : t.named;
  return t;
}

// The input planes a walk reads: the receptive field of `out_crop`, padding included.
StackSpec InputStack(const LayerWalk& w, const Crop& out_crop, int active_channel,
                     StackTitle title) {
  StackSpec s;
  s.tensor = w.input;
  s.source = TensorSource::Input;
  s.pad_mode = w.params.pad_mode;
  s.crop = InputCropFor(w.params, out_crop);
  s.channels = VisibleChannels(w.params.in_channels, active_channel, 6);
  s.title = std::move(title);
  return s;
}

// The output planes of a walk, filled up to its position. While `active`, the output in
// progress shows its running sum from `trace`.
StackSpec ProgressStack(const LayerWalk& w, TensorSource source, const Crop& crop,
                        const WalkPosition& pos, const OutputTrace* trace, int active_channel,
                        bool active, StackTitle title) {
  StackSpec s;
  s.tensor = w.output;
  s.source = source;
  s.crop = crop;
  s.channels = VisibleChannels(w.out.c, active_channel, 6);
  s.progressive = true;
  s.outputs_done = pos.outputs_done;
  s.current_index = active && pos.taps_done > 0 && pos.taps_done < w.taps ? pos.output_index : -1;
  s.current_value = RunningSum(trace, pos.taps_done);
  s.title = std::move(title);
  return s;
}

struct DrawnStack {
  StackLayout layout;
  std::vector<int> channels;
  int PlaneOf(int channel) const {
    auto it = std::find(channels.begin(), channels.end(), channel);
    return it == channels.end() ? -1 : static_cast<int>(it - channels.begin());
  }
};

// Draws the planes bottom-up so upper planes cover lower ones, with channel labels.
DrawnStack DrawStack(const JobResult& r, const StackSpec& s, ImVec2 top_left, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  // The longest title that fits; what is left over is clipped at the stack's edge.
  const char* title =
      LongestThatFits(size.x, {s.title.full.c_str(), s.title.named.c_str(), s.title.bare.c_str()});
  const ImVec4 clip(top_left.x, top_left.y, top_left.x + size.x, top_left.y + line * 1.2f);
  dl->AddText(nullptr, 0.0f, top_left, CurrentPalette().stack_title, title, nullptr, 0.0f, &clip);
  const ImVec2 body(top_left.x, top_left.y + line * 1.2f);
  const float label_w = ImGui::GetFontSize() * kLabelColumnFonts;
  DrawnStack d;
  d.channels = s.channels;
  // A few pixels short of the bottom, so the thick outline of a cell on the lowest plane
  // is not clipped by the region's edge.
  const float margin = 4.0f;
  d.layout = FitStack(body, ImVec2(size.x - label_w, size.y - line * 1.2f - margin),
                      static_cast<int>(s.channels.size()), s.crop.width(), s.crop.height(), line);
  const bool grid = d.layout.cell >= 7;
  const float w = static_cast<float>(s.crop.width()), h = static_cast<float>(s.crop.height());
  for (int i = static_cast<int>(s.channels.size()) - 1; i >= 0; --i) {
    const int c = s.channels[static_cast<size_t>(i)];
    DrawPlane(dl, d.layout.Plane(i), s.crop, MakeLook(r, s, c), i == 0 ? 1.0f : 0.92f, grid);
  }
  // Labels after all planes, in a column right of the stack's right-most corner, so
  // neither an upper plane nor a kernel window at the right edge covers them; on a
  // tightly packed stack a label that would overlap the one above is left out.
  float last_y = -1e9f;
  for (size_t i = 0; i < s.channels.size(); ++i) {
    const int c = s.channels[i];
    const PlaneFrame f = d.layout.Plane(static_cast<int>(i));
    const float y = f.At(w, h * 0.5f).y - line * 0.5f;
    if (y < last_y + line * 0.95f) continue;
    last_y = y;
    char label[48];
    const bool gap_above = i > 0 && s.channels[i - 1] != c - 1;
    std::snprintf(label, sizeof label, "%s%d", gap_above ? "... " : "", c);
    dl->AddText(ImVec2(f.At(w, h).x + 4, y), CurrentPalette().stack_label, label);
  }
  return d;
}

// Outlines the kernel window of output (oy, ox) on a plane, the taps already done, and
// the current tap. Returns the window's outline corners.
std::vector<ImVec2> DrawWindow(const PlaneFrame& f, const Crop& crop, const ConvParams& p,
                               const OutputTrace& t, int channel, int64_t taps_done,
                               bool current_channel) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The input window of this one output.
  const Crop win = InputCropFor(p, Crop{t.x, t.y, t.x + 1, t.y + 1});
  for (int64_t i = 0; i < static_cast<int64_t>(t.steps.size()); ++i) {
    const reference::Tap& tap = t.steps[static_cast<size_t>(i)].tap;
    if (tap.in_channel != channel) continue;
    if (i == taps_done - 1)
      OutlineCell(dl, f, crop, tap.ix, tap.iy, TapColour(), 3.0f, true);
    else if (p.dilation_h > 1 || p.dilation_w > 1)
      OutlineCell(dl, f, crop, tap.ix, tap.iy, WindowColour(), 1.0f);
  }
  return OutlineRect(dl, f, crop, win.x0, win.y0, win.x1, win.y1, WindowColour(),
                     current_channel ? 3.0f : 2.0f);
}

void Arrow(ImVec2 from, ImVec2 to, ImU32 colour) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine(from, to, colour, 2.0f);
  dl->AddCircleFilled(to, 4.0f, colour);
}

// The narrowest a stack is drawn: its labels' column beside a small plane, and its
// shortest title whole.
float MinStackWidth(const StackTitle& title) {
  return std::max(ImGui::GetFontSize() * (kLabelColumnFonts + kMinPlaneFonts),
                  ImGui::CalcTextSize(title.bare.c_str()).x);
}

// The stacks' widths: `shares` of the width (summing to 3) after two gaps of `gap`, except
// that a stack below its minimum gets the minimum and the others share what is left.
std::array<float, 3> StackWidths(const std::array<const StackSpec*, 3>& specs,
                                 const std::array<float, 3>& shares, float width, float gap) {
  const float body = width - 2 * gap;
  std::array<float, 3> w{}, least{};
  bool below = false;
  float least_sum = 0;
  for (size_t i = 0; i < 3; ++i) {
    w[i] = body / 3.0f * shares[i];
    least[i] = MinStackWidth(specs[i]->title);
    below = below || w[i] < least[i];
    least_sum += least[i];
  }
  if (!below || least_sum >= body) return w;  // too narrow for all minimums: titles clip
  const float spare = body - least_sum;
  for (size_t i = 0; i < 3; ++i) w[i] = least[i] + spare * shares[i] / 3.0f;
  return w;
}

// A row's title and three stacks side by side, at the cursor (see StackWidths).
struct ThreeStacks {
  DrawnStack drawn[3];
  ImVec2 origins[3];
  float line = 0;  // the title's line height
};
ThreeStacks DrawThreeStacks(const JobResult& r, const char* title,
                            const std::array<const StackSpec*, 3>& specs,
                            const std::array<float, 3>& shares, ImVec2 size) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddText(origin, CurrentPalette().text, title);
  ThreeStacks t;
  t.line = ImGui::GetTextLineHeightWithSpacing();
  const float gapx = ImGui::GetFontSize();
  const std::array<float, 3> widths = StackWidths(specs, shares, size.x, gapx);
  ImVec2 at(origin.x, origin.y + t.line);
  for (size_t i = 0; i < 3; ++i) {
    t.origins[i] = at;
    t.drawn[i] = DrawStack(r, *specs[i], at, ImVec2(widths[i], size.y - t.line));
    at.x += widths[i] + gapx;
  }
  return t;
}

// Clicking an output cell jumps the animation there: jump(channel, row, column).
void ClickToJump(const std::function<void(int, int, int)>& jump, const DrawnStack& d,
                 const Crop& crop, const ImVec2& origin, const ImVec2& size, const char* id) {
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton(id, size);
  if (!ImGui::IsItemClicked()) return;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  // Try planes top-down: the first whose cell contains the click wins.
  for (int i = 0; i < static_cast<int>(d.channels.size()); ++i) {
    float fx, fy;
    d.layout.Plane(i).CellAt(mouse, &fx, &fy);
    if (fx >= 0 && fy >= 0 && fx < crop.width() && fy < crop.height()) {
      jump(d.channels[static_cast<size_t>(i)], crop.y0 + static_cast<int>(fy),
           crop.x0 + static_cast<int>(fx));
      return;
    }
  }
}

}  // namespace

ImVec2 MinStackRowSize() {
  const float font = ImGui::GetFontSize();
  // Row title, stack title, and planes about a line tall: small, but still a stack.
  return ImVec2(3 * font * (kLabelColumnFonts + kMinPlaneFonts) + 2 * font, font * 3.5f);
}

void DrawStandardRow(const JobResult& r, AnimationViewState& v, ImVec2 size) {
  AnimationModel& m = v.model;
  const LayerWalk& w = m.standard;
  const WalkPosition pos = PositionOf(m, AnimPath::Standard);
  const OutputTrace& t = CurrentTrace(m, AnimPath::Standard);
  const int64_t current_tap = pos.taps_done;
  const int tap_channel = current_tap > 0
                              ? t.steps[static_cast<size_t>(current_tap - 1)].tap.in_channel
                              : t.steps.front().tap.in_channel;
  const int per_group = w.params.in_channels / w.params.groups;
  const int group_first = t.steps.front().tap.in_channel;

  const Crop out_crop = OutputCrop(w.out, pos.oy, pos.ox, v.tile);
  const StackSpec in =
      InputStack(w, out_crop, tap_channel, Title("input", "M", w.params.in_channels, true));
  const StackSpec out = ProgressStack(w, TensorSource::Standard, out_crop, pos, &t, pos.oc, true,
                                      Title("output", "N", w.out.c, true));

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddText(origin, CurrentPalette().text, "Standard convolution");
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 body(origin.x, origin.y + line);
  const ImVec2 body_size(size.x, size.y - line);
  const float in_w = body_size.x * 0.55f;
  const DrawnStack di = DrawStack(r, in, body, ImVec2(in_w, body_size.y));
  const ImVec2 out_origin(body.x + in_w + ImGui::GetFontSize(), body.y);
  const DrawnStack dout =
      DrawStack(r, out, out_origin, ImVec2(body_size.x - in_w - ImGui::GetFontSize(), body_size.y));

  // The kernel box: the same window on every channel of the group, joined into a box.
  std::vector<ImVec2> first, last;
  for (int c : in.channels) {
    const int plane = di.PlaneOf(c);
    if (c < group_first || c >= group_first + per_group) continue;
    const auto corners =
        DrawWindow(di.layout.Plane(plane), in.crop, w.params, t, c, current_tap, c == tap_channel);
    if (first.empty()) first = corners;
    last = corners;
  }
  JoinOutlines(dl, first, last, WindowColour(), 2.0f);
  const int out_plane = dout.PlaneOf(pos.oc);
  if (out_plane >= 0) {
    const PlaneFrame of = dout.layout.Plane(out_plane);
    OutlineCell(dl, of, out.crop, pos.ox, pos.oy, OutputColour(), 3.0f);
    const int tap_plane = di.PlaneOf(tap_channel);
    if (tap_plane >= 0 && current_tap > 0) {
      const reference::Tap& tap = t.steps[static_cast<size_t>(current_tap - 1)].tap;
      Arrow(CellCentre(di.layout.Plane(tap_plane), in.crop, tap.ix, tap.iy),
            CellCentre(of, out.crop, pos.ox, pos.oy), OutputColour());
    }
  }
  ClickToJump([&m](int c, int y, int x) { JumpToOutput(m, AnimPath::Standard, c, y, x); }, dout,
              out.crop, out_origin,
              ImVec2(std::max(dout.layout.size.x, 1.0f), std::max(dout.layout.size.y + line, 1.0f)),
              "##jump_std");
  // One item covering the whole row: it advances the layout and is the row's rectangle.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
}

void DrawSeparableRow(const JobResult& r, AnimationViewState& v, ImVec2 size) {
  AnimationModel& m = v.model;
  const bool pointwise = InPointwiseStage(m);
  const LayerWalk& dw = m.depthwise;
  const LayerWalk& pw = m.pointwise;
  const WalkPosition dpos = PositionOf(m, AnimPath::Depthwise);
  const WalkPosition ppos = PositionOf(m, AnimPath::Pointwise);
  const OutputTrace& dt = CurrentTrace(m, AnimPath::Depthwise);
  const OutputTrace* pt = pointwise ? &CurrentTrace(m, AnimPath::Pointwise) : nullptr;
  const WalkPosition& active = pointwise ? ppos : dpos;
  const Crop out_crop = OutputCrop(dw.out, active.oy, active.ox, v.tile);
  const int dw_channel = dt.steps.front().tap.in_channel;

  const StackSpec in =
      InputStack(dw, out_crop, dw_channel, Title("input", "M", dw.params.in_channels, false));
  const reference::Tap* pw_last = pt ? LastTap(*pt, ppos.taps_done) : nullptr;
  const int pw_tap_channel = pw_last ? pw_last->in_channel : 0;
  const StackSpec mid = ProgressStack(dw, TensorSource::Intermediate, out_crop, dpos, &dt,
                                      pointwise ? pw_tap_channel : dpos.oc, !pointwise,
                                      Title("depthwise", "M \xC3\x97 K", dw.out.c, false));
  const StackSpec out = ProgressStack(pw, TensorSource::Separable, out_crop, ppos, pt, ppos.oc,
                                      pointwise, Title("pointwise", "N", pw.out.c, false));

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The title shortens with the row rather than run into the detail column.
  const char* title =
      pointwise
          ? LongestThatFits(size.x,
                            {"Depthwise separable: stage 2, pointwise 1 \xC3\x97 1 \xC3\x97 M "
                             "needle",
                             "Separable, stage 2: pointwise 1 \xC3\x97 1 \xC3\x97 M needle",
                             "Stage 2: pointwise 1 \xC3\x97 1 \xC3\x97 M", "Stage 2: pointwise"})
          : LongestThatFits(size.x,
                            {"Depthwise separable: stage 1, depthwise Dk \xC3\x97 Dk \xC3\x97 "
                             "1 per channel",
                             "Separable, stage 1: depthwise Dk \xC3\x97 Dk \xC3\x97 1 each",
                             "Stage 1: depthwise Dk \xC3\x97 Dk \xC3\x97 1", "Stage 1: depthwise"});
  const ThreeStacks stacks = DrawThreeStacks(r, title, {&in, &mid, &out}, kSeparableShares, size);
  const DrawnStack &di = stacks.drawn[0], &dm = stacks.drawn[1], &dout = stacks.drawn[2];
  const ImVec2 out_origin = stacks.origins[2];
  const float line = stacks.line;

  if (!pointwise) {
    // Stage 1: one Dk x Dk window on the single channel this kernel reads.
    const int plane = di.PlaneOf(dw_channel);
    const int mid_plane = dm.PlaneOf(dpos.oc);
    if (plane >= 0) {
      const PlaneFrame f = di.layout.Plane(plane);
      DrawWindow(f, in.crop, dw.params, dt, dw_channel, dpos.taps_done, true);
      if (const reference::Tap* last = LastTap(dt, dpos.taps_done); mid_plane >= 0 && last) {
        const reference::Tap& tap = *last;
        const PlaneFrame mf = dm.layout.Plane(mid_plane);
        OutlineCell(dl, mf, mid.crop, dpos.ox, dpos.oy, OutputColour(), 3.0f);
        Arrow(CellCentre(f, in.crop, tap.ix, tap.iy), CellCentre(mf, mid.crop, dpos.ox, dpos.oy),
              OutputColour());
      }
    }
  } else {
    // Stage 2: the needle through the same pixel of every depthwise channel.
    ImVec2 top, bottom;
    for (size_t i = 0; i < dm.channels.size(); ++i) {
      const PlaneFrame f = dm.layout.Plane(static_cast<int>(i));
      const bool current = dm.channels[i] == pw_tap_channel && ppos.taps_done > 0;
      OutlineCell(dl, f, mid.crop, ppos.ox, ppos.oy, current ? TapColour() : WindowColour(),
                  current ? 3.0f : 2.0f, current);
      if (i == 0) top = CellCentre(f, mid.crop, ppos.ox, ppos.oy);
      bottom = CellCentre(f, mid.crop, ppos.ox, ppos.oy);
    }
    dl->AddLine(top, bottom, WindowColour(), 2.0f);
    const int out_plane = dout.PlaneOf(ppos.oc);
    if (out_plane >= 0) {
      const PlaneFrame of = dout.layout.Plane(out_plane);
      OutlineCell(dl, of, out.crop, ppos.ox, ppos.oy, OutputColour(), 3.0f);
      Arrow(bottom, CellCentre(of, out.crop, ppos.ox, ppos.oy), OutputColour());
    }
  }
  ClickToJump([&m](int c, int y, int x) { JumpToOutput(m, AnimPath::Pointwise, c, y, x); }, dout,
              out.crop, out_origin,
              ImVec2(std::max(dout.layout.size.x, 1.0f), std::max(dout.layout.size.y + line, 1.0f)),
              "##jump_pw");
  // One item covering the whole row: it advances the layout and is the row's rectangle.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
}

namespace {

// The column pass's values are no tensor of the result: each shown cell is recomputed
// with the layer's own per-value code (reference/spatial_value.h), coloured on the range
// its column kernel can reach on that channel (sum of |column weights| x max |input|), so
// the colours hold still while the values fill in.
StackSpec ColumnPassStack(const JobResult& r, const SpatialWalk& w, const SpatialPosition& pos,
                          const SpatialTrace& t, const Crop& crop, StackTitle title) {
  StackSpec s;
  s.crop = crop;
  s.channels = VisibleChannels(w.out.c, pos.channel, 6);
  s.title = std::move(title);
  const int multiplier = w.out.c / std::max(w.params.in_channels, 1);
  std::vector<ChannelColouring> colourings(static_cast<size_t>(w.out.c));
  for (int c : s.channels) {
    const int ic = c / multiplier;
    const float reach = std::max(std::fabs(r.input_min[static_cast<size_t>(ic)]),
                                 std::fabs(r.input_max[static_cast<size_t>(ic)]));
    float weights = 0;
    for (int k = 0; k < w.params.kernel_h; ++k) weights += std::fabs(w.columns->at(c, 0, k, 0));
    colourings[static_cast<size_t>(c)] = {true, std::max(reach * weights, 1e-6f), false};
  }
  const float running = !t.row_pass && pos.taps_done > 0
                            ? t.steps[static_cast<size_t>(pos.taps_done - 1)].running_sum
                            : 0.0f;
  const int in_w = w.input->dim(2);
  s.look = [&w, pos, running, colourings, in_w](int c, int x, int y) {
    CellLook look;
    const int xp = x + w.params.padding.left;
    bool in_progress = false;
    const bool done = ColumnValueDone(w, pos, c, y, xp, &in_progress);
    look.padding = x < 0 || x >= in_w;  // a column over the padding
    const ChannelColouring& colouring = colourings[static_cast<size_t>(c)];
    if (in_progress) {
      look.colour = MapColour(colouring, running);
    } else if (done) {
      const float v = reference::compute_column_value(*w.input, *w.columns, w.params, c, y, xp,
                                                      [](const reference::Tap&) {});
      look.colour = MapColour(colouring, v);
    } else {
      look.pending = true;  // not computed yet, or a column the row pass never reads
    }
    return look;
  };
  return s;
}

// The last product done of a spatial trace (none before the first).
const reference::Tap* LastSpatialTap(const SpatialTrace& t, const SpatialPosition& pos) {
  return pos.taps_done > 0 ? &t.steps[static_cast<size_t>(pos.taps_done - 1)] : nullptr;
}

// Pass 1: the Dk x 1 column on the one input channel, into one column-pass value.
void DrawColumnPass(const SpatialTrace& t, const SpatialPosition& pos, int in_channel, bool dilated,
                    const DrawnStack& di, const Crop& in_crop, const DrawnStack& dm,
                    const Crop& column_crop) {
  const int plane = di.PlaneOf(in_channel);
  if (plane < 0 || t.steps.empty()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const reference::Tap* last = LastSpatialTap(t, pos);
  const PlaneFrame f = di.layout.Plane(plane);
  for (const reference::Tap& tap : t.steps)
    if (&tap != last && dilated) OutlineCell(dl, f, in_crop, tap.ix, tap.iy, WindowColour(), 1.0f);
  const int ix = t.steps.front().ix;
  OutlineRect(dl, f, in_crop, ix, t.steps.front().iy, ix + 1, t.steps.back().iy + 1, WindowColour(),
              3.0f);
  const int mid_plane = dm.PlaneOf(pos.channel);
  if (!last || mid_plane < 0) return;
  OutlineCell(dl, f, in_crop, last->ix, last->iy, TapColour(), 3.0f, true);
  const PlaneFrame mf = dm.layout.Plane(mid_plane);
  OutlineCell(dl, mf, column_crop, ix, pos.oy, OutputColour(), 3.0f);
  Arrow(CellCentre(f, in_crop, last->ix, last->iy), CellCentre(mf, column_crop, ix, pos.oy),
        OutputColour());
}

// Pass 2: the 1 x Dk row over the column values, into one output.
void DrawRowPass(const SpatialTrace& t, const SpatialPosition& pos, const DrawnStack& dm,
                 const Crop& column_crop, const DrawnStack& dout, const Crop& out_crop) {
  const int mid_plane = dm.PlaneOf(pos.channel);
  if (mid_plane < 0 || t.steps.empty()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const reference::Tap* last = LastSpatialTap(t, pos);
  const PlaneFrame mf = dm.layout.Plane(mid_plane);
  for (const reference::Tap& tap : t.steps)
    OutlineCell(dl, mf, column_crop, tap.ix, pos.oy, &tap == last ? TapColour() : WindowColour(),
                &tap == last ? 3.0f : 1.0f, &tap == last);
  OutlineRect(dl, mf, column_crop, t.steps.front().ix, pos.oy, t.steps.back().ix + 1, pos.oy + 1,
              WindowColour(), 3.0f);
  const int out_plane = dout.PlaneOf(pos.channel);
  if (!last || out_plane < 0) return;
  const PlaneFrame of = dout.layout.Plane(out_plane);
  OutlineCell(dl, of, out_crop, pos.ox, pos.oy, OutputColour(), 3.0f);
  Arrow(CellCentre(mf, column_crop, last->ix, pos.oy), CellCentre(of, out_crop, pos.ox, pos.oy),
        OutputColour());
}

}  // namespace

void DrawSpatialRow(const JobResult& r, AnimationViewState& v, ImVec2 size) {
  AnimationModel& m = v.model;
  const SpatialWalk& w = m.spatial;
  const ConvParams& p = w.params;
  const SpatialPosition pos = SpatialPositionOf(m);
  const SpatialTrace& t = CurrentSpatialTrace(m);
  const int multiplier = w.out.c / std::max(p.in_channels, 1);
  const int in_channel = pos.channel / multiplier;
  // During the column pass the tile follows the first output that reads the column.
  const int ox = pos.row_pass ? pos.ox : std::min(pos.xp / std::max(p.stride_w, 1), w.out.w - 1);
  const Crop out_crop = OutputCrop(w.out, pos.oy, ox, v.tile);
  const Crop in_crop = InputCropFor(p, out_crop);

  StackSpec in;
  in.tensor = w.input;
  in.source = TensorSource::Input;
  in.pad_mode = p.pad_mode;
  in.crop = in_crop;
  in.channels = VisibleChannels(p.in_channels, in_channel, 6);
  in.title = Title("input", "M", p.in_channels, false);
  const StackSpec columns =
      ColumnPassStack(r, w, pos, t, Crop{in_crop.x0, out_crop.y0, in_crop.x1, out_crop.y1},
                      Title("column pass", "M \xC3\x97 K", w.out.c, false));
  StackSpec out;
  out.tensor = w.output;
  out.source = TensorSource::Spatial;
  out.crop = out_crop;
  out.channels = VisibleChannels(w.out.c, pos.channel, 6);
  out.progressive = true;
  out.outputs_done = pos.outputs_done;
  const bool making_output = pos.row_pass && pos.taps_done > 0 && pos.taps_done < pos.taps;
  out.current_index =
      making_output ? (int64_t{pos.channel} * w.out.h + pos.oy) * w.out.w + pos.ox : -1;
  out.current_value =
      making_output ? t.steps[static_cast<size_t>(pos.taps_done - 1)].running_sum : 0;
  out.title = Title("spatial", "M \xC3\x97 K", w.out.c, false);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const char* title =
      pos.row_pass
          ? LongestThatFits(
                size.x,
                {"Spatially separable: pass 2, row 1 \xC3\x97 Dk along each row",
                 "Spatial, pass 2: row 1 \xC3\x97 Dk", "Pass 2: row 1 \xC3\x97 Dk", "Pass 2: row"})
          : LongestThatFits(
                size.x, {"Spatially separable: pass 1, column Dk \xC3\x97 1 down each column",
                         "Spatial, pass 1: column Dk \xC3\x97 1", "Pass 1: column Dk \xC3\x97 1",
                         "Pass 1: column"});
  const ThreeStacks stacks = DrawThreeStacks(r, title, {&in, &columns, &out}, kSpatialShares, size);
  const DrawnStack &di = stacks.drawn[0], &dm = stacks.drawn[1], &dout = stacks.drawn[2];
  const ImVec2 out_origin = stacks.origins[2];
  const float line = stacks.line;

  if (!pos.row_pass) {
    DrawColumnPass(t, pos, in_channel, p.dilation_h > 1, di, in.crop, dm, columns.crop);
  } else {
    DrawRowPass(t, pos, dm, columns.crop, dout, out.crop);
  }
  // Clicking an output cell jumps to it (its row pass).
  ClickToJump([&m](int c, int y, int x) { JumpToSpatialOutput(m, c, y, x); }, dout, out.crop,
              out_origin,
              ImVec2(std::max(dout.layout.size.x, 1.0f), std::max(dout.layout.size.y + line, 1.0f)),
              "##jump_spatial");
  // One item covering the whole row: it advances the layout and is the row's rectangle.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
}

}  // namespace sepconv::app
