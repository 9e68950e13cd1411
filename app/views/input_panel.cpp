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
  // a third when a feature stack adds more tiles. The tiles come first: the picture
  // shrinks (down to a fifth of the panel) when that lets the smallest grid, labels
  // included, fit below it without scrolling; when nothing would, it keeps its size.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const JobResult* r = state.result.get();
  const Tensor* channels = r && r->input ? r->input.get() : nullptr;
  const int m = channels ? channels->dim(0) : 0;
  const int own = img.pixels.dim(0);
  const bool stack = m > own;
  const float min_tile = 4.6f * ctx.base_font_size;
  const ImGuiStyle& style = ImGui::GetStyle();
  std::string heading = "Input channels M = " + std::to_string(m);
  if (stack) {
    heading += ": the image's " + std::to_string(own) + ", then " + std::to_string(m - own) +
               " derived maps";
  }
  float max_h = avail.y * (stack ? 0.34f : 0.5f);
  if (channels) {
    const std::string broken = ::app::BreakAtSpaces(heading, avail.x);
    const float heading_h =
        ImGui::GetTextLineHeight() * float(1 + std::count(broken.begin(), broken.end(), '\n'));
    const TileGridPlan smallest = PlanTileGrid(r->input_names, ShownTiles(*channels),
                                               TileAspect(*channels), avail.x, 0.0f, min_tile);
    const float room = avail.y - heading_h - smallest.height - TileGridNoteHeight(*channels) -
                       2 * style.ItemSpacing.y;
    if (room >= avail.y * 0.2f) max_h = std::min(room, max_h);
  }
  max_h = std::max(max_h, 40.0f);
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

  if (!channels) {
    ImGui::TextDisabled("the channels appear once a computation has finished");
    return;
  }
  ::app::TextWrappedAtSpaces("%s", heading.c_str());
  if (stack && ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Feature stack: blur, Laplacian, oriented edge and ridge maps of each\n"
        "image channel at scales 1, 2, 4 (see core/feature_stack.h).");
  }
  const ImVec2 rest = ImGui::GetContentRegionAvail();
  DrawTileGrid(state, TensorSource::Input, *channels, ctx.textures.input, r->input_names, rest.x,
               rest.y, min_tile, "input_tiles");
}

}  // namespace sepconv::app
