// The parameters panel: every layer setting the lesson varies. Edits go to
// state.doc.edit; ApplyEdits applies them only when valid, otherwise the reason shows here.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bias_source.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "views/layout_record.h"
#include "views/views.h"
#include "widgets/fit_text.h"
#include "widgets/theme.h"

namespace sepconv::app {
namespace {

// One labelled row of the two-column table; the widget fills the second column.
void Label(const char* text, const char* help = nullptr) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  if (help && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
  ImGui::TableSetColumnIndex(1);
  ImGui::SetNextItemWidth(-FLT_MIN);
}

bool IntRow(LayoutRects& rects, const char* label, const char* id, int* value, int lo, int hi,
            const char* help) {
  Label(label, help);
  const bool changed = ImGui::InputInt(id, value, 1, 8);
  // Recorded so tests can click the widget's own +/- buttons.
  RecordLastItem(rects, std::string("param/") + (id + 2));
  // Clamp only to keep typing sane; real limits are checked (and explained) by validation.
  *value = std::clamp(*value, lo, hi);
  return changed;
}

template <typename Enum, typename Range>
void EnumCombo(const char* id, Enum* value, const Range& all) {
  if (ImGui::BeginCombo(id, to_string(*value))) {
    for (Enum e : all) {
      if (ImGui::Selectable(to_string(e), e == *value)) *value = e;
    }
    ImGui::EndCombo();
  }
}

// Explained, not applied: the outputs keep showing the last valid layer. Drawn at the
// top of the panel so the reason is in view even when the panel scrolls.
void DrawRejection(const Document& doc, LayerChoice& edit) {
  if (doc.param_error.empty()) return;
  TextNotApplied(doc.param_error);
  if (ImGui::SmallButton("Revert to the applied values")) {
    edit = doc.applied;  // ApplyEdits, after the panel, then clears the reason
  }
  ImGui::Separator();
}

// Full, the sizes below the image's from 24 MP down to 1 MP, and the current one.
void DrawWorkingSizeCombo(LayerChoice& e, int h, int w) {
  const double image_mp = double(h) * w / 1e6;
  const auto label = [image_mp](double mp) {
    char buf[48];
    if (mp <= 0)
      std::snprintf(buf, sizeof buf, "full (%.1f MP)", image_mp);
    else
      std::snprintf(buf, sizeof buf, "%g MP", mp);
    return std::string(buf);
  };
  if (ImGui::BeginCombo("##working", label(e.working_size.megapixels).c_str())) {
    std::vector<double> sizes = {0};
    for (double mp : {24.0, 12.0, 6.0, 3.0, 1.0})
      if (mp < image_mp) sizes.push_back(mp);
    if (e.working_size.megapixels > 0 &&
        std::find(sizes.begin(), sizes.end(), e.working_size.megapixels) == sizes.end())
      sizes.push_back(e.working_size.megapixels);
    for (double mp : sizes) {
      if (ImGui::Selectable(label(mp).c_str(), mp == e.working_size.megapixels))
        e.working_size.megapixels = mp;
    }
    ImGui::EndCombo();
  }
}

// A path's bias (--bias-dw and the others): a kind, and the constant or the file beside
// it. The option's text is the truth; "from file" with no path yet is remembered in
// ImGui's storage until a path is entered. `derived` names the composed standard bias.
void BiasRow(LayoutRects& rects, const char* label, const char* id, std::string* text,
             const char* derived) {
  Label(label,
        "none, zero, a constant for every channel, seeded random (PyTorch's range), or "
        "a float32 .npy file with one value per output channel");
  ImGui::PushID(id);
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID wants_file = ImGui::GetID("wants_file");
  const BiasSource source = bias_source_of(*text);
  BiasKind kind = source.kind;
  if (kind == BiasKind::None && storage->GetBool(wants_file)) kind = BiasKind::File;
  const char* names[] = {derived ? derived : "none", "zero", "constant", "random", "from file"};
  const bool has_value = kind == BiasKind::Constant || kind == BiasKind::File;
  if (has_value) ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  if (ImGui::BeginCombo("##kind", names[int(kind)])) {
    for (int k = 0; k < 5; ++k) {
      if (!ImGui::Selectable(names[k], k == int(kind))) continue;
      storage->SetBool(wants_file, BiasKind(k) == BiasKind::File);
      switch (BiasKind(k)) {
        case BiasKind::None:
          text->clear();
          break;
        case BiasKind::Zero:
          *text = "zero";
          break;
        case BiasKind::Constant:
          *text = "0.1";
          break;
        case BiasKind::Random:
          *text = "random";
          break;
        case BiasKind::File:
          if (source.kind != BiasKind::File) text->clear();
          break;
      }
    }
    ImGui::EndCombo();
  }
  RecordLastItem(rects, std::string("param/bias_") + id);
  if (kind == BiasKind::Constant) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    float value = source.value;
    if (ImGui::InputFloat("##value", &value, 0.1f, 1.0f, "%g") && std::isfinite(value)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", double(std::clamp(value, -1e6f, 1e6f)));
      *text = buf;
    }
  } else if (kind == BiasKind::File) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    // Applied on Enter, so a half-typed path is not read as a file on every key (ImGui
    // keeps the text being typed; this copy only seeds it). Any length of path.
    std::string path = source.file;
    if (ImGui::InputTextWithHint("##file", "path to a .npy, then Enter", &path,
                                 ImGuiInputTextFlags_EnterReturnsTrue))
      *text = path;
    RecordLastItem(rects, std::string("param/bias_") + id + "_file");
  }
  ImGui::PopID();
}

// Which "separable" the lesson is about (--separable): depthwise then pointwise, or each
// depthwise kernel split into a column and a row. Both keep the depthwise separable
// outputs; spatial adds its own output beside the depthwise one.
void SeparableRow(LayoutRects& rects, LayerChoice& e) {
  static constexpr const char* kHelp =
      "Two kinds of \"separable\":\n"
      "depthwise: across channels. A Dk \xC3\x97 Dk kernel per channel (depthwise), then a "
      "1 \xC3\x97 1 mix of the channels (pointwise).\n"
      "spatial: within a channel. A rank-1 Dk \xC3\x97 Dk kernel is a Dk \xC3\x97 1 column "
      "times a 1 \xC3\x97 Dk row (Sobel x = [1 2 1]\xE1\xB5\x80 \xC3\x97 [-1 0 1]): a "
      "column pass, then a row pass, about 2 \xC2\xB7 Dk multiplications per output instead "
      "of Dk\xC2\xB2. A kernel that is not rank 1 runs with its closest rank-1 kernel.";
  Label("Separable", kHelp);
  const char* names[] = {"depthwise (then pointwise)", "spatial (column \xC3\x97 row)"};
  const SeparableKind kinds[] = {SeparableKind::Depthwise, SeparableKind::Spatial};
  const int current = e.separable == SeparableKind::Spatial ? 1 : 0;
  if (!ImGui::BeginCombo("##separable", names[current])) {
    // Recorded while closed, so tests can open it and click a choice.
    RecordLastItem(rects, "param/separable");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kHelp);
    return;
  }
  for (int i = 0; i < 2; ++i) {
    if (ImGui::Selectable(names[i], i == current)) e.separable = kinds[i];
    RecordLastItem(rects, std::string("param/separable/") + to_string(kinds[i]));
  }
  ImGui::EndCombo();
}

}  // namespace

void TextNotApplied(const std::string& reason) {
  ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().error_text);
  TextWrappedAtSpaces("Not applied: %s", reason.c_str());
  ImGui::PopStyleColor();
}

FrameRequests DrawParametersPanel(const Document& doc, LayerChoice& e, LayoutRects& rects) {
  LayerSpec& s = e.spec;
  DrawRejection(doc, e);
  // Tight rows: every setting fits a 1280x720 window without scrolling.
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ImGui::GetStyle().CellPadding.x, 1.0f));
  if (ImGui::BeginTable("params", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    IntRow(rects, "Kernel Dk", "##dk", &s.dk, 1, 31, "Kernel size: Dk \xC3\x97 Dk");
    IntRow(rects, "Input channels M", "##m", &s.m, 1, 512,
           "Channels of the input (feature stack beyond the image's own)");
    IntRow(rects, "Output channels N", "##n", &s.n, 1, 1024, "Output channels of both paths");
    IntRow(rects, "Stride", "##stride", &s.stride, 1, 16, nullptr);
    IntRow(rects, "Dilation", "##dilation", &s.dilation, 1, 16, nullptr);

    Label("Padding");
    const PadPolicy policies[] = {PadPolicy::Same, PadPolicy::Valid, PadPolicy::Explicit};
    if (s.pad_policy == PadPolicy::Explicit)
      ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    EnumCombo("##padpolicy", &s.pad_policy, policies);
    if (s.pad_policy == PadPolicy::Explicit) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(-FLT_MIN);
      ImGui::InputInt("##padamount", &s.pad_amount, 1, 4);
      s.pad_amount = std::clamp(s.pad_amount, 0, 64);
    }
    Label("Pad mode");
    const PadMode modes[] = {PadMode::Zero, PadMode::Reflect, PadMode::Replicate};
    EnumCombo("##padmode", &s.pad_mode, modes);

    IntRow(rects, "Groups (standard)", "##groups", &s.groups, 1, 1024,
           "Groups of the standard path: 1 = standard, M = depthwise");
    IntRow(rects, "Depth multiplier K", "##k", &s.depth_multiplier, 1, 16,
           "The depthwise stage makes M \xC3\x97 K channels");

    SeparableRow(rects, e);
    Label("Kernel preset", "The depthwise kernel of every channel");
    EnumCombo("##kernel", &e.kernel, all_kernel_presets());
    Label("Pointwise preset", "The N x M channel-mixing matrix");
    EnumCombo("##mix", &e.mix, all_mix_presets());
    Label("Seed", "Seeds the random presets");
    int seed = static_cast<int>(e.seed);
    if (ImGui::InputInt("##seed", &seed)) e.seed = static_cast<uint64_t>(std::max(seed, 0));

    BiasRow(rects, "Bias (depthwise)", "dw", &e.files.depthwise_bias, nullptr);
    BiasRow(rects, "Bias (pointwise)", "pw", &e.files.pointwise_bias, nullptr);
    // A composed standard kernel derives its bias, so both outputs still match.
    BiasRow(rects, "Bias (standard)", "std", &e.files.standard_bias,
            standard_is_composed(e) ? "derived: P\xC2\xB7"
                                      "b_dw + b_pw"
                                    : nullptr);

    Label("Operation");
    ImGui::Checkbox("true convolution (flip kernel)", &s.flip_kernel);

    Label("Engine");
    const EngineKind engines[] = {EngineKind::Fast, EngineKind::Reference};
    EnumCombo("##engine", &e.engine, engines);

    Label("Working size",
          "Full: the layer runs on the image as it is. A size in megapixels shrinks a larger "
          "image first (--working-size), for layers that do not fit in memory at full size.");
    DrawWorkingSizeCombo(e, doc.input.height(), doc.input.width());
    ImGui::EndTable();
  }
  ImGui::PopStyleVar();
  ImGui::TextDisabled("%s is shown", doc.applied.spec.flip_kernel
                                         ? "true convolution (kernel flipped)"
                                         : "cross-correlation (deep-learning \"convolution\")");
  // Its rows edit `e` in place: it asks every frame, and ApplyEdits does nothing when the
  // layer is unchanged.
  FrameRequests asked;
  asked.apply_edits = true;
  return asked;
}

}  // namespace sepconv::app
