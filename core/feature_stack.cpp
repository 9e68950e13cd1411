// Steerable Gaussian-derivative filter bank: six separable responses per (channel,
// scale) are computed once, and every oriented map is a cheap linear combination of them.
#include "feature_stack.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "error.h"
#include "fast/parallel.h"

namespace sepconv {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kScales[] = {1, 2, 4};
constexpr int kOrientations = 8;

enum class MapKind { Source, Luma, Blur, Laplacian, Edge, Ridge };

struct MapSpec {
  MapKind kind;
  int source = 0;  // source channel
  int sigma = 1;
  double angle = 0;  // degrees
  std::string name;
};

const char* channel_label(int channels, int c) {
  static const char* rgb[] = {"R", "G", "B"};
  return channels == 3 ? rgb[c] : "gray";
}

// Fraction of a 22.5 degree step used by round r (van der Corput: 0, 1/2, 1/4, 3/4, ...).
double round_offset(int r) {
  double result = 0, f = 0.5;
  while (r) {
    result += f * (r & 1);
    r >>= 1;
    f *= 0.5;
  }
  return result;
}

std::string angle_text(double deg) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g°", deg);
  return buf;
}

std::vector<MapSpec> recipe(int channels, int m) {
  std::vector<MapSpec> specs;
  if (m == 1 && channels == 3) return {{MapKind::Luma, 0, 0, 0, "luminance"}};
  for (int c = 0; c < channels && c < m; ++c)
    specs.push_back({MapKind::Source, c, 0, 0, std::string("image ") + channel_label(channels, c)});
  for (int r = 0; static_cast<int>(specs.size()) < m; ++r) {
    for (int sigma : kScales) {
      for (int c = 0; c < channels; ++c) {
        const std::string suffix =
            " σ" + std::to_string(sigma) + " (" + channel_label(channels, c) + ")";
        if (r == 0) {
          specs.push_back({MapKind::Blur, c, sigma, 0, "blur" + suffix});
          specs.push_back({MapKind::Laplacian, c, sigma, 0, "laplacian" + suffix});
        }
        for (MapKind kind : {MapKind::Edge, MapKind::Ridge}) {
          for (int k = 0; k < kOrientations; ++k) {
            const double angle = (k + round_offset(r)) * 180.0 / kOrientations;
            specs.push_back({kind, c, sigma, angle,
                             std::string(kind == MapKind::Edge ? "edge " : "ridge ") +
                                 angle_text(angle) + suffix});
          }
        }
      }
    }
  }
  specs.resize(static_cast<size_t>(m));
  return specs;
}

void check_m(int m) {
  if (m < 1 || m > kMaxFeatureChannels) {
    throw Error(ErrorKind::InvalidParameter, "input channels M = " + std::to_string(m) +
                                                 " must be between 1 and " +
                                                 std::to_string(kMaxFeatureChannels));
  }
}

// Sampled Gaussian and its first two derivatives, radius ceil(3 sigma).
struct Gaussian1D {
  int radius;
  std::vector<float> g, d1, d2;
};

Gaussian1D gaussian_1d(int sigma) {
  Gaussian1D k;
  k.radius = 3 * sigma;
  const double s2 = static_cast<double>(sigma) * sigma;
  double sum = 0;
  for (int i = -k.radius; i <= k.radius; ++i) sum += std::exp(-i * i / (2 * s2));
  for (int i = -k.radius; i <= k.radius; ++i) {
    const double g = std::exp(-i * i / (2 * s2)) / sum;
    k.g.push_back(static_cast<float>(g));
    k.d1.push_back(static_cast<float>(-i / s2 * g));
    k.d2.push_back(static_cast<float>((i * i / s2 - 1) / s2 * g));
  }
  return k;
}

// One 1-D pass of a separable filter over an h x w plane with replicate borders: along
// rows (`along_x`) or along columns. Bands of rows run on the engine's threads, checking
// for cancellation between bands: one 24 MP plane takes long enough that a cancel must
// not wait for it.
void filter_pass(const float* src, float* dst, int h, int w, const std::vector<float>& k,
                 bool along_x, const RunControl& cancel) {
  const int r = static_cast<int>(k.size()) / 2;
  const int bands = std::max(1, std::min(h, 64));
  fast::parallel_for(bands, 0, &cancel, [&](int b, int) {
    for (int y = h * b / bands; y < h * (b + 1) / bands; ++y)
      for (int x = 0; x < w; ++x) {
        float s = 0;
        for (int i = -r; i <= r; ++i) {
          const int64_t at = along_x ? int64_t{y} * w + std::clamp(x + i, 0, w - 1)
                                     : int64_t{std::clamp(y + i, 0, h - 1)} * w + x;
          s += k[static_cast<size_t>(i + r)] * src[at];
        }
        dst[int64_t{y} * w + x] = s;
      }
  });
}

// Separable filtering of one plane: rows with `kx`, then columns with `ky`. Tensor
// storage, so the memory estimate's scratch planes are counted where tensors are.
FloatStorage filter2(const float* src, int h, int w, const std::vector<float>& ky,
                     const std::vector<float>& kx, const RunControl* control) {
  FloatStorage tmp(static_cast<size_t>(h) * w), out(static_cast<size_t>(h) * w);
  const RunControl cancel = cancel_only(control);  // the stack reports progress per map
  filter_pass(src, tmp.data(), h, w, kx, true, cancel);
  filter_pass(tmp.data(), out.data(), h, w, ky, false, cancel);
  return out;
}

// The six responses a (channel, scale) needs: smooth, x, y, xx, xy, yy.
struct Responses {
  FloatStorage g, gx, gy, gxx, gxy, gyy;
};

using ResponseKey = std::pair<int, int>;  // (source channel, sigma)

bool needs_responses(const MapSpec& s) {
  return s.kind != MapKind::Source && s.kind != MapKind::Luma;
}

// For each map, the keys whose responses are no longer needed after it: the cache frees
// them there, so it holds only the (channel, scale) pairs still to be read.
std::vector<std::vector<ResponseKey>> last_uses(const std::vector<MapSpec>& specs) {
  std::map<ResponseKey, size_t> last;
  for (size_t i = 0; i < specs.size(); ++i)
    if (needs_responses(specs[i])) last[{specs[i].source, specs[i].sigma}] = i;
  std::vector<std::vector<ResponseKey>> drop(specs.size());
  for (const auto& [key, i] : last) drop[i].push_back(key);
  return drop;
}

Responses responses(const float* plane, int h, int w, int sigma, const RunControl* control) {
  const Gaussian1D k = gaussian_1d(sigma);
  Responses r;
  r.g = filter2(plane, h, w, k.g, k.g, control);
  r.gx = filter2(plane, h, w, k.g, k.d1, control);
  r.gy = filter2(plane, h, w, k.d1, k.g, control);
  r.gxx = filter2(plane, h, w, k.g, k.d2, control);
  r.gxy = filter2(plane, h, w, k.d1, k.d1, control);
  r.gyy = filter2(plane, h, w, k.d2, k.g, control);
  return r;
}

}  // namespace

std::vector<std::string> feature_names(int image_channels, int m) {
  check_m(m);
  std::vector<std::string> names;
  for (const MapSpec& s : recipe(image_channels, m)) names.push_back(s.name);
  return names;
}

int feature_stack_scratch_planes(int image_channels, int m) {
  const std::vector<MapSpec> specs = recipe(image_channels, m);
  const std::vector<std::vector<ResponseKey>> drop = last_uses(specs);
  std::map<ResponseKey, bool> alive;
  int peak = 0;
  for (size_t i = 0; i < specs.size(); ++i) {
    if (needs_responses(specs[i])) {
      const ResponseKey key{specs[i].source, specs[i].sigma};
      if (!alive.count(key)) {
        // While the sixth response is filtered: five kept, its row pass and its output.
        peak = std::max(peak, 6 * static_cast<int>(alive.size()) + 7);
        alive[key] = true;
      }
    }
    for (const ResponseKey& key : drop[i]) alive.erase(key);
  }
  return peak;
}

FeatureStack make_feature_stack(const Tensor& image, int m, const RunControl* control) {
  check_m(m);
  const int channels = image.dim(0), h = image.dim(1), w = image.dim(2);
  const int64_t plane = static_cast<int64_t>(h) * w;
  const std::vector<MapSpec> specs = recipe(channels, m);
  FeatureStack fs;
  fs.maps = Tensor::zeroed({m, h, w}, 0, control);
  std::map<ResponseKey, Responses> cache;
  const std::vector<std::vector<ResponseKey>> drop = last_uses(specs);
  for (int i = 0; i < m; ++i) {
    if (control) {
      control->check();
      control->report(static_cast<double>(i) / m);
    }
    const MapSpec& s = specs[static_cast<size_t>(i)];
    fs.names.push_back(s.name);
    float* dst = fs.maps.plane(i);
    if (s.kind == MapKind::Source) {
      std::copy(image.plane(s.source), image.plane(s.source) + plane, dst);
      continue;
    }
    if (s.kind == MapKind::Luma) {
      for (int64_t p = 0; p < plane; ++p)
        dst[p] =
            0.299f * image.plane(0)[p] + 0.587f * image.plane(1)[p] + 0.114f * image.plane(2)[p];
      continue;
    }
    auto key = std::make_pair(s.source, s.sigma);
    auto it = cache.find(key);
    if (it == cache.end())
      it = cache.emplace(key, responses(image.plane(s.source), h, w, s.sigma, control)).first;
    const Responses& r = it->second;
    const float sg = static_cast<float>(s.sigma), sg2 = sg * sg;
    const double a = s.angle * kPi / 180.0;
    const float c = static_cast<float>(std::cos(a)), sn = static_cast<float>(std::sin(a));
    for (int64_t p = 0; p < plane; ++p) {
      const size_t q = static_cast<size_t>(p);
      switch (s.kind) {
        case MapKind::Blur:
          dst[p] = r.g[q];
          break;
        case MapKind::Laplacian:
          dst[p] = sg2 * (r.gxx[q] + r.gyy[q]);
          break;
        // Steering: the derivative along direction (cos a, sin a).
        case MapKind::Edge:
          dst[p] = sg * (c * r.gx[q] + sn * r.gy[q]);
          break;
        case MapKind::Ridge:
          dst[p] = sg2 * (c * c * r.gxx[q] + 2 * c * sn * r.gxy[q] + sn * sn * r.gyy[q]);
          break;
        default:
          break;
      }
    }
    for (const ResponseKey& key : drop[static_cast<size_t>(i)]) cache.erase(key);
  }
  if (control) control->report(1.0);
  return fs;
}

}  // namespace sepconv
