// The input panel: the loaded image as the eye sees it, then its M channels as
// labelled tiles (the feature stack when M exceeds the image's own channels).
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "channel_tiles.h"
#include "views.h"
#include "widgets/fit_text.h"

namespace sepconv::app {
namespace {

// "Samples:" and one button per bundled image, wrapping to a new line when full.
void DrawSampleButtons(AppState& state) {
  if (state.samples.empty()) return;
  ImGui::TextUnformatted("Samples:");
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  for (const std::string& path : state.samples) {
    const std::string name = std::filesystem::path(path).stem().string();
    const float w = ImGui::CalcTextSize(name.c_str()).x + 2 * style.FramePadding.x;
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    if (ImGui::SmallButton(name.c_str())) state.requests.load_path = path;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.c_str());
  }
}

const char* ChannelKind(int channels_in_file) {
  switch (channels_in_file) {
    case 1:
      return "gray";
    case 2:
      return "gray + alpha";
    case 3:
      return "RGB";
    case 4:
      return "RGBA";
  }
  return "?";
}

}  // namespace

void DrawInputPanel(AppState& state, ViewContext& ctx) {
  if (!state.input.image) {
    ::app::TextWrappedAtSpaces(
        "No image loaded. Open one (Ctrl+O), drop a file on the window, or pick a "
        "bundled sample.");
    if (ImGui::Button("Open image...")) state.requests.open_dialog = true;
    DrawSampleButtons(state);
    return;
  }
  const LoadedImage& img = *state.input.image;
  const int h = img.pixels.dim(1), w = img.pixels.dim(2);
  const std::string name = std::filesystem::path(state.input.path).filename().string();
  ImGui::Text("%s  %d x %d, %s, %d-bit%s", name.c_str(), w, h, ChannelKind(img.channels_in_file),
              img.bits_per_channel, img.had_alpha ? " (alpha over white)" : "");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.input.path.c_str());
  DrawSampleButtons(state);

  // The picture takes at most half the panel so the channel strip stays visible, and
  // a third when a feature stack adds more tiles.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool stack =
      state.result && state.result->input && state.result->input->dim(0) > img.pixels.dim(0);
  const float max_h = std::max(avail.y * (stack ? 0.34f : 0.5f), 40.0f);
  const float scale = std::min(avail.x / float(w), max_h / float(h));
  const ImVec2 size(std::floor(float(w) * scale), std::floor(float(h) * scale));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  RecordRect(state, "InputImage", p.x, p.y, size.x, size.y);
  if (ctx.textures.image_rgb) {
    ImGui::Image(ctx.textures.image_rgb, size);
  } else {
    ImGui::Dummy(size);
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y),
                                              ImGui::GetColorU32(ImGuiCol_FrameBg));
  }

  const JobResult* r = state.result.get();
  if (!r || !r->input) {
    ImGui::TextDisabled("the channels appear once a computation has finished");
    return;
  }
  const int m = r->input->dim(0);
  const int own = img.pixels.dim(0);
  if (m > own) {
    ::app::TextWrappedAtSpaces("Input channels M = %d: the image's %d, then %d derived maps", m,
                               own, m - own);
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(
          "Feature stack: blur, Laplacian, oriented edge and ridge maps of each\n"
          "image channel at scales 1, 2, 4 (see core/feature_stack.h).");
    }
  } else {
    ImGui::Text("Input channels M = %d", m);
  }
  const ImVec2 rest = ImGui::GetContentRegionAvail();
  DrawTileGrid(state, TensorSource::Input, *r->input, ctx.textures.input, r->input_names, rest.x,
               rest.y, 4.6f * ctx.base_font_size, "input_tiles");
}

}  // namespace sepconv::app
