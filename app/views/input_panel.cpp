// The input panel: the loaded image as the eye sees it, then its M channels as
// labelled tiles (the feature stack when M exceeds the image's own channels).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "views/channel_tiles.h"
#include "views/views.h"
#include "widgets/fit_text.h"

namespace sepconv::app {
namespace {

// Where "Samples:" and its buttons (one per bundled image) wrap in `width`: true before
// a button that starts a new line. One rule for drawing and for planning the panel.
std::vector<bool> SampleLineBreaks(const std::vector<std::string>& samples, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  std::vector<bool> breaks;
  float x = ImGui::CalcTextSize("Samples:").x;
  for (const std::string& path : samples) {
    const std::string name = std::filesystem::path(path).stem().string();
    const float w = ImGui::CalcTextSize(name.c_str()).x + 2 * style.FramePadding.x;
    breaks.push_back(x + style.ItemSpacing.x + w > width);
    x = breaks.back() ? w : x + style.ItemSpacing.x + w;
  }
  return breaks;
}

// Lines the sample buttons take in `width`.
int SampleButtonLines(const std::vector<std::string>& samples, float width) {
  if (samples.empty()) return 0;
  const std::vector<bool> breaks = SampleLineBreaks(samples, width);
  return 1 + static_cast<int>(std::count(breaks.begin(), breaks.end(), true));
}

// "Samples:" and its buttons, wrapping at the right edge (lines start at the left edge of
// the current group).
FrameRequests DrawSampleButtons(const std::vector<std::string>& samples) {
  FrameRequests asked;
  if (samples.empty()) return asked;
  const std::vector<bool> breaks = SampleLineBreaks(samples, ImGui::GetContentRegionAvail().x);
  ImGui::TextUnformatted("Samples:");
  for (size_t i = 0; i < samples.size(); ++i) {
    const std::string& path = samples[i];
    if (!breaks[i]) ImGui::SameLine();
    if (ImGui::SmallButton(std::filesystem::path(path).stem().string().c_str())) {
      asked.load_path = path;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.c_str());
  }
  return asked;
}

// The file's name, size and format on one line: the longest of `variants` that fits
// `width`, its middle elided when even that does not; the path and details on hover.
void DrawFileLine(const std::string& path, const char* info, float width,
                  std::initializer_list<const char*> variants) {
  ImGui::TextUnformatted(EllipsizeMiddle(LongestThatFits(width, variants), width).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", path.c_str(), info);
}

// The loaded image as the eye sees it, `size` pixels, recorded as "InputImage".
void DrawPicture(ViewContext& ctx, ImVec2 size) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  RecordRect(ctx.rects, "InputImage", p.x, p.y, size.x, size.y);
  if (ctx.textures.image_rgb) {
    ImGui::Image(ctx.textures.image_rgb, size);
  } else {
    ImGui::Dummy(size);
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y),
                                              ImGui::GetColorU32(ImGuiCol_FrameBg));
  }
}

// Panels shorter than this many text lines may show the picture as a thumbnail (at
// 1280 x 720: 6-7 lines at 150 % UI scale, 11 at 100 %, which keeps its picture).
constexpr float kThumbnailBelowLines = 10.0f;

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

// The file's line, in full ("photo.jpg  4000 x 3000, RGB, 8-bit") and brief.
struct FileTexts {
  std::string info, brief;
};

FileTexts FileTextsFor(const ImageSlot& input) {
  const LoadedImage& img = *input.image;
  const int h = img.pixels.dim(1), w = img.pixels.dim(2);
  const std::string name = std::filesystem::path(input.path).filename().string();
  char info[512];
  std::snprintf(info, sizeof info, "%s  %d x %d, %s, %d-bit%s", name.c_str(), w, h,
                ChannelKind(img.channels_in_file), img.bits_per_channel,
                img.had_alpha ? " (alpha over white)" : "");
  return {info, name + "  " + std::to_string(w) + " x " + std::to_string(h)};
}

// "Input channels M = 8", with the image's and the derived maps' counts when a feature
// stack adds channels, longest first.
struct ChannelHeadings {
  std::string full, brief, briefest;
};

ChannelHeadings HeadingsFor(int m, int own) {
  ChannelHeadings t;
  t.full = t.brief = t.briefest = "Input channels M = " + std::to_string(m);
  if (m > own) {
    const std::string image = std::to_string(own), derived = std::to_string(m - own);
    t.full += ": the image's " + image + ", then " + derived + " derived maps";
    t.brief += " (" + image + " image + " + derived + " derived)";
    t.briefest = "M = " + std::to_string(m) + " (" + image + " image + " + derived + " derived)";
  }
  return t;
}

// How large the picture is drawn, or whether it becomes a thumbnail beside the file's
// lines. The picture takes at most half the panel so the channel strip stays visible, and
// a third when a feature stack adds more tiles. The tiles come first: the picture shrinks
// (down to a fifth of the panel) when that lets the smallest grid, labels included, fit
// below it without scrolling. When even that leaves no room and the panel is short (a
// projector's UI scale on 1280 x 720 or 1024 x 768), the picture becomes a thumbnail, so
// a row of tiles shows; otherwise it keeps its size and the tiles scroll.
struct PicturePlan {
  float max_h = 0;
  bool beside = false;
};

PicturePlan PlanPicture(const Document& doc, const std::string& heading, ImVec2 panel,
                        float min_tile) {
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const JobResult* r = doc.result.get();
  const Tensor* channels = r && r->input ? r->input.get() : nullptr;
  const bool stack = channels && channels->dim(0) > doc.input.image->pixels.dim(0);
  const float text_h = line * float(1 + SampleButtonLines(doc.samples, panel.x));
  const float avail_y = panel.y - text_h;  // below the file's lines
  PicturePlan plan;
  plan.max_h = avail_y * (stack ? 0.34f : 0.5f);
  if (!channels) return plan;
  const std::string broken = BreakAtSpaces(heading, panel.x);
  const float heading_h =
      ImGui::GetTextLineHeight() * float(1 + std::count(broken.begin(), broken.end(), '\n'));
  const TileGridPlan smallest = PlanTileGrid(r->input_names, ShownTiles(*channels),
                                             TileAspect(*channels), panel.x, 0.0f, min_tile);
  const float room = avail_y - heading_h - smallest.height - TileGridNoteHeight(*channels) -
                     2 * ImGui::GetStyle().ItemSpacing.y;
  if (room >= avail_y * 0.2f) {
    plan.max_h = std::min(room, plan.max_h);
  } else {
    plan.beside = panel.y < kThumbnailBelowLines * line;
  }
  return plan;
}

// The picture and the file's lines (and the sample buttons), as planned.
FrameRequests DrawPictureAndFile(const Document& doc, ViewContext& ctx, const PicturePlan& plan,
                                 ImVec2 panel) {
  FrameRequests asked;
  const int h = doc.input.height(), w = doc.input.width();
  const FileTexts texts = FileTextsFor(doc.input);
  if (plan.beside) {
    // Two lines tall, the file's lines to its right.
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float thumb_h = 2.0f * line - ImGui::GetStyle().ItemSpacing.y;
    const float thumb_w = std::floor(std::min(thumb_h * float(w) / float(h), panel.x * 0.4f));
    DrawPicture(ctx, ImVec2(thumb_w, std::floor(thumb_w * float(h) / float(w))));
    ImGui::SameLine();
    ImGui::BeginGroup();
    DrawFileLine(doc.input.path, texts.info.c_str(), ImGui::GetContentRegionAvail().x,
                 {texts.info.c_str(), texts.brief.c_str()});
    AddRequests(asked, DrawSampleButtons(doc.samples));
    ImGui::EndGroup();
  } else {
    DrawFileLine(doc.input.path, texts.info.c_str(), panel.x, {texts.info.c_str()});
    AddRequests(asked, DrawSampleButtons(doc.samples));
    const float max_h = std::max(plan.max_h, 40.0f);
    const float scale = std::min(panel.x / float(w), max_h / float(h));
    DrawPicture(ctx, ImVec2(std::floor(float(w) * scale), std::floor(float(h) * scale)));
  }
  return asked;
}

}  // namespace

FrameRequests DrawInputPanel(const Document& doc, ViewerState& viewer, ViewContext& ctx) {
  FrameRequests asked;
  if (!doc.input.image) {
    TextWrappedAtSpaces(
        "No image loaded. Open one (Ctrl+O), drop a file on the window, or pick a "
        "bundled sample.");
    if (ImGui::Button("Open image...")) asked.open_dialog = true;
    AddRequests(asked, DrawSampleButtons(doc.samples));
    return asked;
  }
  const ImVec2 panel = ImGui::GetContentRegionAvail();
  const JobResult* r = doc.result.get();
  const Tensor* channels = r && r->input ? r->input.get() : nullptr;
  const int own = doc.input.image->pixels.dim(0);
  const ChannelHeadings heading = HeadingsFor(channels ? channels->dim(0) : 0, own);
  const float min_tile = 4.6f * ctx.base_font_size;
  const PicturePlan plan = PlanPicture(doc, heading.full, panel, min_tile);
  AddRequests(asked, DrawPictureAndFile(doc, ctx, plan, panel));

  if (!channels) {
    // Wrapped: at a projector's scale the sentence is wider than the panel.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    TextWrappedAtSpaces("the channels appear once a computation has finished");
    ImGui::PopStyleColor();
    return asked;
  }
  // Beside a thumbnail the panel is short: a heading that would wrap takes its short form.
  TextWrappedAtSpaces(
      "%s", plan.beside ? LongestThatFits(panel.x, {heading.full.c_str(), heading.brief.c_str(),
                                                    heading.briefest.c_str()})
                        : heading.full.c_str());
  if (channels->dim(0) > own && ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Feature stack: blur, Laplacian, oriented edge and ridge maps of each\n"
        "image channel at scales 1, 2, 4 (see core/feature_stack.h).");
  }
  const ImVec2 rest = ImGui::GetContentRegionAvail();
  DrawTileGrid(viewer, ctx.rects, TensorSource::Input, *channels,
               PreviewChannels(*r, TensorSource::Input), ctx.textures.input, r->input_names, rest.x,
               rest.y, min_tile, "input_tiles");
  return asked;
}

}  // namespace sepconv::app
