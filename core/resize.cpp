// Area-average downsampling, one axis at a time (rows, then columns).
#include "resize.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "error.h"
#include "fast/parallel.h"

namespace sepconv {
namespace {

// For one axis: destination index i covers source [from + i*scale, from + (i+1)*scale);
// each entry lists the source indices it touches and their weights (summing to 1).
struct Tap {
  int first = 0;
  std::vector<float> weights;
};

std::vector<Tap> axis_taps(int from, int length, int out) {
  std::vector<Tap> taps(static_cast<size_t>(out));
  const double scale = static_cast<double>(length) / out;
  for (int i = 0; i < out; ++i) {
    const double a = from + i * scale, b = from + (i + 1) * scale;
    Tap& t = taps[static_cast<size_t>(i)];
    t.first = static_cast<int>(std::floor(a));
    const int last = std::min(static_cast<int>(std::ceil(b)), from + length);
    for (int s = t.first; s < last; ++s) {
      const double cover = std::min<double>(b, s + 1) - std::max<double>(a, s);
      t.weights.push_back(static_cast<float>(std::max(cover, 0.0) / scale));
    }
  }
  return taps;
}

}  // namespace

Size2 fit_pixels(int h, int w, int64_t max_pixels) {
  if (static_cast<int64_t>(h) * w <= max_pixels) return {h, w};
  const double f = std::sqrt(static_cast<double>(max_pixels) / (static_cast<double>(h) * w));
  Size2 s{std::max(1, static_cast<int>(h * f)), std::max(1, static_cast<int>(w * f))};
  // Rounding down keeps the product within the limit; one more row may still fit.
  while (s.pixels() > max_pixels && s.h > 1 && s.w > 1) {
    if (s.h > s.w)
      --s.h;
    else
      --s.w;
  }
  // A strip one pixel high (or wide) is cut along its length.
  if (s.pixels() > max_pixels) {
    if (s.h == 1)
      s.w = static_cast<int>(std::max<int64_t>(1, max_pixels));
    else
      s.h = static_cast<int>(std::max<int64_t>(1, max_pixels));
  }
  return s;
}

Size2 fit_long_side(int h, int w, int max_side) {
  const int side = std::max(h, w);
  if (side <= max_side) return {h, w};
  const double f = static_cast<double>(max_side) / side;
  return {std::clamp(static_cast<int>(std::lround(h * f)), 1, max_side),
          std::clamp(static_cast<int>(std::lround(w * f)), 1, max_side)};
}

namespace {

void check_region(int h, int w, const Region& r, int dh, int dw) {
  if (r.x0 < 0 || r.y0 < 0 || r.x1 > w || r.y1 > h || r.width() < 1 || r.height() < 1 || dh < 1 ||
      dw < 1 || dh > r.height() || dw > r.width()) {
    throw Error(ErrorKind::InvalidParameter, "downsample: region " + std::to_string(r.width()) +
                                                 " x " + std::to_string(r.height()) + " at " +
                                                 std::to_string(r.x0) + "," + std::to_string(r.y0) +
                                                 " of a " + std::to_string(w) + " x " +
                                                 std::to_string(h) + " plane to " +
                                                 std::to_string(dw) + " x " + std::to_string(dh));
  }
}

// The value of largest magnitude among the pixels each destination pixel covers.
void peak_rows(const float* plane, int w, const std::vector<Tap>& xs, const std::vector<Tap>& ys,
               float* out, int dw, int oy0, int oy1) {
  for (int oy = oy0; oy < oy1; ++oy) {
    float* dst = out + static_cast<int64_t>(oy) * dw;
    std::fill(dst, dst + dw, 0.0f);
    const Tap& ty = ys[static_cast<size_t>(oy)];
    for (size_t k = 0; k < ty.weights.size(); ++k) {
      if (ty.weights[k] <= 0) continue;
      const float* src = plane + static_cast<int64_t>(ty.first + static_cast<int>(k)) * w;
      for (int ox = 0; ox < dw; ++ox) {
        const Tap& tx = xs[static_cast<size_t>(ox)];
        for (size_t j = 0; j < tx.weights.size(); ++j) {
          const float v = src[tx.first + static_cast<int>(j)];
          if (tx.weights[j] > 0 && std::fabs(v) > std::fabs(dst[ox])) dst[ox] = v;
        }
      }
    }
  }
}

// Destination rows [oy0, oy1) of one plane.
void downsample_rows(const float* plane, int w, const std::vector<Tap>& xs,
                     const std::vector<Tap>& ys, float* out, int dw, int oy0, int oy1,
                     Shrink mode) {
  if (mode == Shrink::Peak) return peak_rows(plane, w, xs, ys, out, dw, oy0, oy1);
  std::vector<float> row(static_cast<size_t>(dw));
  for (int oy = oy0; oy < oy1; ++oy) {
    float* dst = out + static_cast<int64_t>(oy) * dw;
    std::fill(dst, dst + dw, 0.0f);
    const Tap& ty = ys[static_cast<size_t>(oy)];
    for (size_t k = 0; k < ty.weights.size(); ++k) {
      const float* src = plane + static_cast<int64_t>(ty.first + static_cast<int>(k)) * w;
      for (int ox = 0; ox < dw; ++ox) {
        const Tap& tx = xs[static_cast<size_t>(ox)];
        float s = 0;
        for (size_t j = 0; j < tx.weights.size(); ++j) s += tx.weights[j] * src[tx.first + j];
        row[static_cast<size_t>(ox)] = s;
      }
      const float wy = ty.weights[k];
      for (int ox = 0; ox < dw; ++ox) dst[ox] += wy * row[static_cast<size_t>(ox)];
    }
  }
}

}  // namespace

void downsample_region(const float* plane, int h, int w, const Region& r, float* out, int dh,
                       int dw, Shrink mode) {
  check_region(h, w, r, dh, dw);
  downsample_rows(plane, w, axis_taps(r.x0, r.width(), dw), axis_taps(r.y0, r.height(), dh), out,
                  dw, 0, dh, mode);
}

Tensor downsample(const Tensor& chw, Size2 to, int threads, const RunControl* control, int channels,
                  Shrink mode) {
  const int c = channels < 0 ? chw.dim(0) : std::min(channels, chw.dim(0));
  const int h = chw.dim(1), w = chw.dim(2);
  Tensor out({c, to.h, to.w});
  check_region(h, w, Region{0, 0, w, h}, to.h, to.w);
  const std::vector<Tap> xs = axis_taps(0, w, to.w), ys = axis_taps(0, h, to.h);
  // Bands of rows, so one channel still uses every thread.
  const int bands = std::min(to.h, 16);
  fast::parallel_for(c * bands, threads, control, [&](int task, int) {
    const int k = task / bands, band = task % bands;
    downsample_rows(chw.plane(k), w, xs, ys, out.plane(k), to.w, to.h * band / bands,
                    to.h * (band + 1) / bands, mode);
  });
  return out;
}

}  // namespace sepconv
