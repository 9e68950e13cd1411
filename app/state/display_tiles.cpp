// Colouring and mipmapping display copies on the CPU; see display_tiles.h.
#include "state/display_tiles.h"

#include <algorithm>
#include <cmath>

#include "fast/parallel.h"
#include "state/colormap.h"

namespace sepconv::app {
namespace {

uint8_t Byte(float v) {
  return static_cast<uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
}

}  // namespace

int64_t RgbaMips::bytes() const {
  int64_t b = 0;
  for (const auto& l : levels) b += static_cast<int64_t>(l.size());
  return b;
}

RgbaMips WithMipmaps(int w, int h, std::vector<uint8_t> rgba) {
  RgbaMips m;
  m.widths.push_back(w);
  m.heights.push_back(h);
  m.levels.push_back(std::move(rgba));
  while (w > 1 || h > 1) {
    const int nw = std::max(1, w / 2), nh = std::max(1, h / 2);
    const std::vector<uint8_t>& src = m.levels.back();
    std::vector<uint8_t> dst(static_cast<size_t>(nw) * nh * 4);
    for (int y = 0; y < nh; ++y) {
      for (int x = 0; x < nw; ++x) {
        const int x0 = std::min(2 * x, w - 1), x1 = std::min(2 * x + 1, w - 1);
        const int y0 = std::min(2 * y, h - 1), y1 = std::min(2 * y + 1, h - 1);
        for (int c = 0; c < 4; ++c) {
          const auto at = [&](int xx, int yy) {
            return int{src[(static_cast<size_t>(yy) * w + xx) * 4 + c]};
          };
          dst[(static_cast<size_t>(y) * nw + x) * 4 + c] =
              static_cast<uint8_t>((at(x0, y0) + at(x1, y0) + at(x0, y1) + at(x1, y1) + 2) / 4);
        }
      }
    }
    m.widths.push_back(nw);
    m.heights.push_back(nh);
    m.levels.push_back(std::move(dst));
    w = nw;
    h = nh;
  }
  return m;
}

RgbaMips ColourPlane(const float* plane, int w, int h, const ChannelColouring& colouring) {
  const auto& stops = colouring.diverging ? kDivergingStops : kSequentialStops;
  std::vector<uint8_t> rgba(static_cast<size_t>(w) * h * 4);
  for (int64_t i = 0; i < static_cast<int64_t>(w) * h; ++i) {
    const float v = plane[i];
    const float t = colouring.diverging ? 0.5f + 0.5f * v / colouring.range : v;
    const Rgb c = SampleStops(stops, std::isfinite(t) ? t : 0.5f);
    uint8_t* o = &rgba[static_cast<size_t>(i) * 4];
    o[0] = Byte(c.r);
    o[1] = Byte(c.g);
    o[2] = Byte(c.b);
    o[3] = 255;
  }
  return WithMipmaps(w, h, std::move(rgba));
}

RgbaMips CompositeImage(const Tensor& chw) {
  const int c = chw.dim(0), h = chw.dim(1), w = chw.dim(2);
  std::vector<uint8_t> rgba(static_cast<size_t>(w) * h * 4);
  for (int64_t i = 0; i < static_cast<int64_t>(w) * h; ++i) {
    uint8_t* o = &rgba[static_cast<size_t>(i) * 4];
    for (int k = 0; k < 3; ++k) o[k] = Byte(chw.plane(std::min(k, c - 1))[i]);
    o[3] = 255;
  }
  return WithMipmaps(w, h, std::move(rgba));
}

std::shared_ptr<const DisplayTiles> MakeDisplayTiles(const JobResult& r, bool robust) {
  auto tiles = std::make_shared<DisplayTiles>();
  tiles->generation = r.generation;
  tiles->robust = robust;
  const JobResult* result = &r;
  // Every (tensor, channel) pair is one task on the engine's threads.
  std::vector<std::pair<int, int>> tasks;
  for (int s = 0; s < kTensorSources; ++s) {
    const TensorSource source = static_cast<TensorSource>(s);
    const Tensor* t = PreviewFor(*result, source);
    // The depthwise and the spatial output share one set of tiles (PreviewChannelLimit).
    const int count = t && t->rank() == 3
                          ? std::min(t->dim(0), PreviewChannelLimit(source, result->ran_spatial))
                          : 0;
    tiles->sets[static_cast<size_t>(s)].resize(static_cast<size_t>(count));
    for (int c = 0; c < count; ++c) tasks.emplace_back(s, c);
  }
  fast::parallel_for(static_cast<int>(tasks.size()), 0, nullptr, [&](int i, int) {
    const auto [s, c] = tasks[static_cast<size_t>(i)];
    const TensorSource source = static_cast<TensorSource>(s);
    const Tensor& t = *PreviewFor(*result, source);
    tiles->sets[static_cast<size_t>(s)][static_cast<size_t>(c)] =
        ColourPlane(t.plane(c), t.dim(2), t.dim(1), ColouringFor(*result, source, c, robust));
  });
  return tiles;
}

}  // namespace sepconv::app
