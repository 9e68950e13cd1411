// The scripted run's files: screenshot, layout and stats.
#include "script_files.h"

#include <algorithm>
#include <ctime>
#include <exception>
#include <fstream>

#include "image_io.h"

namespace sepconv::app {
namespace {

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
  return v[v.size() / 2];
}

double Worst(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

}  // namespace

Outcome WriteScreenshot(const std::string& path, int w, int h) {
  const std::vector<uint8_t> rgba = Renderer::ReadFramebuffer(w, h);
  Tensor chw({3, h, w});
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      for (int c = 0; c < 3; ++c) {
        chw.at(c, y, x) = float(rgba[(size_t(y) * size_t(w) + size_t(x)) * 4 + size_t(c)]) / 255.0f;
      }
    }
  }
  try {
    write_png(path, chw);
  } catch (const std::exception& e) {
    return Outcome::Failure(std::string("Could not save the screenshot: ") + e.what());
  }
  return {};
}

void WriteStats(const std::string& path, const FrameStats& f, const Renderer& renderer,
                const AppState& state) {
  std::ofstream out(path);
  const JobResult* r = state.doc.result.get();
  out << "{\n  \"frames\": " << f.all_ms.size() << ",\n  \"frame_ms_median\": " << Median(f.all_ms)
      << ",\n  \"frame_ms_worst\": " << Worst(f.all_ms)
      << ",\n  \"frames_while_computing\": " << f.computing_ms.size()
      << ",\n  \"computing_frame_ms_median\": " << Median(f.computing_ms)
      << ",\n  \"computing_frame_ms_worst\": " << Worst(f.computing_ms)
      << ",\n  \"first_result_seconds\": " << f.first_result_s
      << ",\n  \"texture_bytes\": " << renderer.TextureBytes()
      << ",\n  \"peak_texture_bytes\": " << renderer.PeakTextureBytes()
      << ",\n  \"texture_bound_bytes\": " << Renderer::TextureBoundBytes()
      << ",\n  \"work_height\": " << (r ? r->work.h : 0)
      << ",\n  \"work_width\": " << (r ? r->work.w : 0) << "\n}\n";
}

void WriteLayout(const std::string& path, const LayoutRects& rects) {
  std::ofstream out(path);
  out << "{\n";
  for (size_t i = 0; i < rects.size(); ++i) {
    const LayoutRect& r = rects[i];
    out << "  \"" << r.name << "\": [" << r.x << ", " << r.y << ", " << r.w << ", " << r.h << "]"
        << (i + 1 < rects.size() ? ",\n" : "\n");
  }
  out << "}\n";
}

std::string TimestampedName() {
  const std::time_t now = std::time(nullptr);
  char buf[64];
  std::strftime(buf, sizeof buf, "sepconv-lab-%Y%m%d-%H%M%S.png", std::localtime(&now));
  return buf;
}

}  // namespace sepconv::app
