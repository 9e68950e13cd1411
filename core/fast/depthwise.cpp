// Depthwise driver: tasks are (channel, band of output rows). Either each band's input
// rows are gathered once (padding and stride phases applied) just before first use, or,
// for the common "same" 3x3 / 5x5 layer and the stride-2 3x3 layer on vector-wide rows,
// the kernel reads the input plane in place and only the vectors at the row ends are
// gathered.
#include "fast/depthwise.h"

#include <algorithm>

#include "fast/counting.h"
#include "fast/dw_in_place.h"
#include "fast/gather.h"
#include "fast/parallel.h"
#include "fast/store_policy.h"

namespace sepconv::fast {
namespace {
// Floats of gathered rows per thread: small enough to stay in L2 with the output row.
constexpr int kBandBudgetFloats = 96 * 1024;
}  // namespace

bool is_depthwise(const ConvParams& p) {
  return p.groups == p.in_channels && p.groups > 0 && p.out_channels % p.in_channels == 0;
}

DwRowLayout make_dw_row_layout(const ConvParams& p, int n, int vector_floats) {
  DwRowLayout l;
  l.n = n;
  const int s = p.stride_w;
  const int max_offset = (p.kernel_w - 1) * p.dilation_w / s;
  l.count = n + max_offset;
  l.phase_len = round_up(round_up(n, vector_floats) + max_offset + vector_floats, 16);
  l.row_floats = s * l.phase_len;
  for (int kx = 0; kx < p.kernel_w; ++kx) {
    const int q = kx * p.dilation_w;
    l.kx_offsets.push_back((q % s) * l.phase_len + q / s);
  }
  return l;
}

void gather_dw_row(const float* plane, int in_h, int in_w, const ConvParams& p,
                   const DwRowLayout& layout, int iy, int ox0, float* dst) {
  const int s = p.stride_w;
  for (int r = 0; r < s; ++r) {
    gather_row(plane, in_h, in_w, iy, ox0 * s - p.padding.left + r, s, layout.count, p.pad_mode,
               dst + r * layout.phase_len);
  }
}

std::vector<float> pack_dw_weights(const Tensor& weights, const ConvParams& p) {
  const int kh = p.kernel_h, kw = p.kernel_w;
  std::vector<float> packed(static_cast<size_t>(p.out_channels) * kh * kw);
  size_t i = 0;
  for (int oc = 0; oc < p.out_channels; ++oc) {
    for (int ky = 0; ky < kh; ++ky) {
      for (int kx = 0; kx < kw; ++kx) {
        // True convolution reads the kernel rotated by 180 degrees.
        packed[i++] =
            p.flip_kernel ? weights.at(oc, 0, kh - 1 - ky, kw - 1 - kx) : weights.at(oc, 0, ky, kx);
      }
    }
  }
  return packed;
}

void depthwise_conv(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                    const ConvParams& p, Tensor& out, const KernelSetup& setup, OpCounts* counts,
                    const RunControl* control) {
  const IsaKernels& isa = setup.isa;
  const int threads = setup.threads;
  const int in_h = input.dim(1), in_w = input.dim(2);
  const int out_h = out.dim(1), out_w = out.dim(2);
  const int multiplier = p.out_channels / p.in_channels;
  const int taps = p.kernel_h * p.kernel_w;
  const int v = isa.vector_floats;
  const std::vector<float> w = pack_dw_weights(weights, p);
  const bool in_place = dw_reads_in_place(p, input, out, isa);
  // In place, only the first and last vector of a row are gathered (with their padding).
  const DwRowLayout layout = make_dw_row_layout(p, in_place ? v : out_w, v);
  const int halo = (p.kernel_h - 1) * p.dilation_h + 1;
  const int budget_rows = std::max(halo, kBandBudgetFloats / round_up(in_w + 2 * v, 16));
  const int band = std::clamp((budget_rows - halo) / p.stride_h + 1, 1, out_h);
  const int bands = (out_h + band - 1) / band;
  const int workers = std::min(resolve_threads(threads), p.out_channels * bands);
  const bool stream = setup.stream;
  const int group = dw_group_rows(p);
  const int out_ld = round_up(out_w, 16);
  // Gathered rows (a band's, or in place one group's edge rows), then one group of
  // output rows that is streamed out from L1 when `stream` (gathered path only).
  const int gathered_rows =
      in_place ? 2 * (p.kernel_h + group - 1) : (band - 1) * p.stride_h + halo;
  const size_t band_floats = static_cast<size_t>(gathered_rows) * layout.row_floats;
  const size_t zero_floats = in_place ? static_cast<size_t>(round_up(in_w, 16)) : 0;
  const size_t scratch_floats = 16 + band_floats + zero_floats +
                                (stream && !in_place ? static_cast<size_t>(group) * out_ld : 0);
  std::vector<std::vector<float>> scratch(static_cast<size_t>(workers));
  std::vector<OpCounts> local(static_cast<size_t>(workers));
  // Padded taps per output row, the same for every channel: counted once, not per
  // channel (3 % of a 64 x 270 x 480 layer went into recounting them).
  std::vector<int64_t> padded_in_row(static_cast<size_t>(out_h));
  for (int oy = 0; oy < out_h; ++oy) {
    padded_in_row[static_cast<size_t>(oy)] = padded_taps_in_row(p, in_h, in_w, oy, 0, out_w);
  }

  parallel_for(p.out_channels * bands, workers, control, [&](int task, int worker) {
    std::vector<float>& buf = scratch[static_cast<size_t>(worker)];
    if (buf.empty()) buf.assign(scratch_floats, 0.0f);
    float* band_rows = align_to_line(buf.data());
    const float* zero_row = band_rows + band_floats;
    const int oc = task / bands;
    const int oy0 = task % bands * band, oy1 = std::min(out_h, oy0 + band);
    const float* plane = input.plane(oc / multiplier);
    const int iy0 = oy0 * p.stride_h - p.padding.top;
    std::vector<const float*> row_ptrs(static_cast<size_t>(p.kernel_h + group - 1));
    const InPlacePlane in_place_plane(p, in_h, in_w, isa, zero_row);
    DwRowArgs args;
    args.rows = row_ptrs.data();
    args.weights = w.data() + static_cast<size_t>(oc) * taps;
    args.bias = bias.empty() ? 0.0f : bias[static_cast<size_t>(oc)];
    args.kh = p.kernel_h;
    args.kw = p.kernel_w;
    OpCounts& c = local[static_cast<size_t>(worker)];
    int gathered = 0;
    for (int oy = oy0; oy < oy1; oy += args.out_rows) {
      args.out_rows = std::min(group, oy1 - oy);
      const int input_rows = p.kernel_h + args.out_rows - 1;
      float* dst = out.plane(oc) + static_cast<int64_t>(oy) * out_w;
      if (in_place) {
        args.out_ld = out_w;
        args.stream = stream;
        in_place_plane.dw_rows(plane, oy, 0, out_w, args, row_ptrs, band_rows, dst);
      } else {
        // Rows are gathered just before their first use, so the kernel finds them in L1.
        const int last = (oy + args.out_rows - 1 - oy0) * p.stride_h + halo - 1;
        for (; gathered <= last; ++gathered) {
          gather_dw_row(plane, in_h, in_w, p, layout, iy0 + gathered, 0,
                        band_rows + static_cast<size_t>(gathered) * layout.row_floats);
        }
        // Kernel rows of the first output row; a group continues one row per output row.
        for (int i = 0; i < input_rows; ++i) {
          const int r = (oy - oy0) * p.stride_h + (i < p.kernel_h ? i * p.dilation_h : i);
          row_ptrs[static_cast<size_t>(i)] = band_rows + static_cast<size_t>(r) * layout.row_floats;
        }
        args.kx_offsets = layout.kx_offsets.data();
        args.n = out_w;
        args.out = stream ? band_rows + band_floats : dst;
        args.out_ld = stream ? out_ld : out_w;
        isa.dw_row(args);
        if (stream) {
          for (int r = 0; r < args.out_rows; ++r) {
            isa.stream_copy(dst + static_cast<int64_t>(r) * out_w, args.out + r * out_ld, out_w);
          }
        }
      }
      for (int r = 0; r < args.out_rows; ++r) {
        count_outputs(c, out_w, taps, !bias.empty(), padded_in_row[static_cast<size_t>(oy + r)]);
      }
    }
    if (stream) store_fence();
  });
  if (counts) {
    for (const OpCounts& c : local) *counts += c;
  }
}

}  // namespace sepconv::fast
