// Help > About: the version (project(VERSION), as --version prints it), the project's
// licence and the licence of each library and font the app is built with.
#include "views/views.h"

namespace sepconv::app {

void DrawAboutWindow(bool& open, const ViewContext& ctx) {
  if (!open) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  if (ImGui::Begin("About SepConv Lab", &open,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    BeginTextCapture(ctx);
    ImGui::Text("SepConv Lab %s", SEPCONV_VERSION);
    ImGui::TextUnformatted(
        "Standard, depthwise, pointwise and separable convolutions, computed on your own "
        "images.");
    ImGui::TextUnformatted("Licence: MIT.");
    ImGui::Separator();
    ImGui::TextUnformatted("Built with:");
    const std::vector<TextRow> rows = {
        {"Dear ImGui " IMGUI_VERSION, "MIT"},
        {"GLFW", "zlib/libpng"},
        {"glad (generated OpenGL 3.3 loader)",
         "MIT (generator); generated code: CC0 or public domain"},
        {"stb_image, stb_image_write", "MIT or public domain (Unlicense)"},
        {"CLI11", "BSD 3-Clause"},
        {"nlohmann/json", "MIT"},
        {"DejaVu Sans (font)", "Bitstream Vera and public domain"},
    };
    DrawTextTable("licences", rows);
    EndTextCapture(ctx);
  }
  ImGui::End();
}

}  // namespace sepconv::app
