// Fused separable driver. Tasks are (column segment, band of output rows). Each channel's
// input rows for the band are read in place ("same" 3x3 / 5x5, see dw_in_place.h) or
// gathered once, and run through the depthwise row kernel into an L2 block [band rows]
// [channels][segment]; the pointwise GEMM then consumes that block row by row, so the
// intermediate tensor never reaches memory.
#include "fast/fused.h"

#include <algorithm>

#include "fast/counting.h"
#include "fast/depthwise.h"
#include "fast/dw_in_place.h"
#include "fast/gather.h"
#include "fast/gemm_conv.h"
#include "fast/parallel.h"
#include "fast/store_policy.h"

namespace sepconv::fast {
namespace {
// Floats of depthwise results kept in L2 per task: 512 KiB of the 1.25 MiB L2 here, so
// the input rows being read stay there too. Measured among 64 K..320 K floats and 2..8-row
// bands (3x3 64 -> 64, 1080p: 86-89 ms against 88-92 ms with 256 K; 540 x 960 2 % faster,
// 270 x 480 unchanged).
constexpr int kFusedBlockFloats = 128 * 1024;
constexpr int kBandRows = 4;
}  // namespace

bool can_fuse(const ConvParams& dw, const ConvParams& pw) {
  return is_depthwise(dw) && is_plain_pointwise(pw) && pw.in_channels == dw.out_channels;
}

void fused_separable(const Tensor& input, const Tensor& dw_weights,
                     const std::vector<float>& dw_bias, const Tensor& pw_weights,
                     const std::vector<float>& pw_bias, const ConvParams& dw, const ConvParams& pw,
                     Tensor& out, const KernelSetup& setup, OpCounts* dw_counts,
                     OpCounts* pw_counts, const RunControl* control) {
  const IsaKernels& isa = setup.isa;
  const int threads = setup.threads;
  const int in_h = input.dim(1), in_w = input.dim(2);
  const int out_h = out.dim(1), out_w = out.dim(2);
  const int mid = dw.out_channels, multiplier = dw.out_channels / dw.in_channels;
  const int taps = dw.kernel_h * dw.kernel_w;
  const int64_t positions = static_cast<int64_t>(out_h) * out_w;
  const int band = std::min(kBandRows, out_h);
  const int seg = std::min(round_up(out_w, isa.nr),
                           std::max(isa.nr, kFusedBlockFloats / (band * mid) / isa.nr * isa.nr));
  const bool stream = setup.stream;
  // Tensors start on cache lines, so segment starts (multiples of nr) are on whole
  // vectors, and on cache lines in every row when out_w is a multiple of 16.
  const int segs = (out_w + seg - 1) / seg;
  const int bands = (out_h + band - 1) / band;
  const int tasks = segs * bands;
  const int workers = std::min(resolve_threads(threads), tasks);
  const int halo = (dw.kernel_h - 1) * dw.dilation_h + 1;
  const int group = dw_group_rows(dw);
  const std::vector<float> dw_w = pack_dw_weights(dw_weights, dw);
  const std::vector<float> pw_a = pack_gemm_weights(pw_weights, pw, 0, pw.out_channels, isa.mr);
  const std::vector<float> pw_b = pack_gemm_bias(pw_bias, 0, pw.out_channels, isa.mr);
  const DwRowLayout full = make_dw_row_layout(dw, seg, isa.vector_floats);
  const size_t rows_floats = static_cast<size_t>((band - 1) * dw.stride_h + halo) * full.row_floats;
  const size_t block_floats = static_cast<size_t>(band) * mid * seg;
  const size_t panel_floats = static_cast<size_t>(mid) * isa.nr;
  // The depthwise stage reads "same" 3x3 / 5x5 rows in place (see dw_in_place.h); its
  // zero row for a zero-padded image's top and bottom follows the panel.
  const bool in_place = dw_reads_in_place(dw, input, out, isa);
  const size_t zero_floats = in_place ? static_cast<size_t>(round_up(in_w, 16)) : 0;
  std::vector<std::vector<float>> scratch(static_cast<size_t>(workers));
  std::vector<OpCounts> dw_local(static_cast<size_t>(workers)), pw_local(dw_local);

  parallel_for(tasks, workers, control, [&](int task, int worker) {
    std::vector<float>& buf = scratch[static_cast<size_t>(worker)];
    if (buf.empty()) buf.assign(16 + rows_floats + block_floats + panel_floats + zero_floats, 0.0f);
    float* rows = align_to_line(buf.data());
    float* block = rows + rows_floats;
    float* panel = block + block_floats;
    const InPlacePlane in_place_plane(dw, in_h, in_w, isa, panel + panel_floats);
    const int ox0 = task % segs * seg;
    const int cols = std::min(seg, out_w - ox0);
    const int oy0 = task / segs * band, oy1 = std::min(out_h, oy0 + band);
    const int iy0 = oy0 * dw.stride_h - dw.padding.top;
    const int in_rows = (oy1 - 1 - oy0) * dw.stride_h + halo;
    const DwRowLayout layout = make_dw_row_layout(dw, cols, isa.vector_floats);
    std::vector<const float*> row_ptrs(static_cast<size_t>(dw.kernel_h + group - 1));
    DwRowArgs d;
    d.kh = dw.kernel_h;
    d.kw = dw.kernel_w;
    d.out_ld = static_cast<int64_t>(mid) * seg;
    OpCounts& dwc = dw_local[static_cast<size_t>(worker)];
    OpCounts& pwc = pw_local[static_cast<size_t>(worker)];

    // Stage 1: depthwise, channel by channel, every row of the band; read in place when
    // the layer allows it (segments then lie on whole vectors: seg is a multiple of nr,
    // out_w of the vector).
    for (int mc = 0; mc < mid; ++mc) {
      const float* plane = input.plane(mc / multiplier);
      d.weights = dw_w.data() + static_cast<size_t>(mc) * taps;
      d.bias = dw_bias.empty() ? 0.0f : dw_bias[static_cast<size_t>(mc)];
      if (in_place) {
        for (int oy = oy0; oy < oy1; oy += d.out_rows) {
          d.out_rows = std::min(group, oy1 - oy);
          in_place_plane.dw_rows(plane, oy, ox0, ox0 + cols, d, row_ptrs, rows,
                                 block + (static_cast<size_t>(oy - oy0) * mid + mc) * seg);
        }
        continue;
      }
      d.rows = row_ptrs.data();
      d.kx_offsets = layout.kx_offsets.data();
      d.n = cols;
      for (int r = 0; r < in_rows; ++r) {
        gather_dw_row(plane, in_h, in_w, dw, layout, iy0 + r, ox0,
                      rows + static_cast<size_t>(r) * layout.row_floats);
      }
      for (int oy = oy0; oy < oy1; oy += d.out_rows) {
        d.out_rows = std::min(group, oy1 - oy);
        // Kernel rows of the first output row; a group continues one row per output row.
        for (int i = 0; i < dw.kernel_h + d.out_rows - 1; ++i) {
          const int r = (oy - oy0) * dw.stride_h + (i < dw.kernel_h ? i * dw.dilation_h : i);
          row_ptrs[static_cast<size_t>(i)] = rows + static_cast<size_t>(r) * layout.row_floats;
        }
        d.out = block + (static_cast<size_t>(oy - oy0) * mid + mc) * seg;
        isa.dw_row(d);
      }
    }
    for (int oy = oy0; oy < oy1; ++oy) {
      count_outputs(dwc, static_cast<int64_t>(cols) * mid, taps, !dw_bias.empty(),
                    padded_taps_in_row(dw, in_h, in_w, oy, ox0, ox0 + cols) * mid);
    }

    // Stage 2: pointwise, one output row segment at a time from the block.
    GemmArgs g;
    g.a_packed = pw_a.data();
    g.ldb = seg;
    g.k = mid;
    g.ldc = static_cast<int>(positions);
    g.stream_c = stream;
    g.rows = pw.out_channels;
    g.cols = cols;
    g.bias = pw_bias.empty() ? nullptr : pw_b.data();
    g.panel = panel;
    for (int oy = oy0; oy < oy1; ++oy) {
      g.b = block + static_cast<size_t>(oy - oy0) * mid * seg;
      g.c = out.plane(0) + static_cast<int64_t>(oy) * out_w + ox0;
      isa.gemm(g);
      count_outputs(pwc, static_cast<int64_t>(cols) * pw.out_channels, mid, !pw_bias.empty(), 0);
    }
    if (stream) store_fence();
  });
  for (int w = 0; w < workers; ++w) {
    if (dw_counts) *dw_counts += dw_local[static_cast<size_t>(w)];
    if (pw_counts) *pw_counts += pw_local[static_cast<size_t>(w)];
  }
}

}  // namespace sepconv::fast
