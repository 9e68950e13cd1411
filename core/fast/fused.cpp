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
// the input rows being read stay there too (chosen by measurement: bench/README.md).
constexpr int kFusedBlockFloats = 128 * 1024;
constexpr int kBandRows = 4;
}  // namespace

bool can_fuse(const ConvParams& dw, const ConvParams& pw) {
  return is_depthwise(dw) && is_plain_pointwise(pw) && pw.in_channels == dw.out_channels;
}

namespace {

// How the fused driver cuts the work, and each worker's scratch layout.
struct FusedPlan {
  int band = 0, seg = 0;  // output rows and columns per task
  int segs = 0, bands = 0, tasks = 0, workers = 0;
  int halo = 0;           // input rows one output row reads
  int group = 0;          // output rows the depthwise row kernel makes per call
  bool in_place = false;  // the depthwise stage reads "same" 3x3 / 5x5 rows in place
  size_t rows_floats = 0, block_floats = 0, panel_floats = 0, zero_floats = 0;
};

FusedPlan plan_fused(const Tensor& input, const Tensor& out, const ConvParams& dw,
                     const IsaKernels& isa, int threads) {
  FusedPlan f;
  const int out_h = out.dim(1), out_w = out.dim(2);
  const int mid = dw.out_channels;
  f.band = std::min(kBandRows, out_h);
  f.seg = std::min(round_up(out_w, isa.nr),
                   std::max(isa.nr, kFusedBlockFloats / (f.band * mid) / isa.nr * isa.nr));
  // Tensors start on cache lines, so segment starts (multiples of nr) are on whole
  // vectors, and on cache lines in every row when out_w is a multiple of 16.
  f.segs = (out_w + f.seg - 1) / f.seg;
  f.bands = (out_h + f.band - 1) / f.band;
  f.tasks = f.segs * f.bands;
  f.workers = std::min(resolve_threads(threads), f.tasks);
  f.halo = (dw.kernel_h - 1) * dw.dilation_h + 1;
  f.group = dw_group_rows(dw);
  const DwRowLayout full = make_dw_row_layout(dw, f.seg, isa.vector_floats);
  f.rows_floats = static_cast<size_t>((f.band - 1) * dw.stride_h + f.halo) * full.row_floats;
  f.block_floats = static_cast<size_t>(f.band) * mid * f.seg;
  f.panel_floats = static_cast<size_t>(mid) * isa.nr;
  // The in-place reader's zero row for a zero-padded image's top and bottom follows the
  // panel (see dw_in_place.h).
  f.in_place = dw_reads_in_place(dw, input, out, isa);
  f.zero_floats = f.in_place ? static_cast<size_t>(round_up(input.dim(2), 16)) : 0;
  return f;
}

// One task: output rows [oy0, oy1), columns [ox0, ox0 + cols).
struct FusedTask {
  int ox0 = 0, cols = 0, oy0 = 0, oy1 = 0;
};

// A worker's scratch, carved into the gathered input rows, the depthwise block [band rows]
// [channels][segment], the GEMM panel and the zero row.
struct FusedScratch {
  float* rows = nullptr;
  float* block = nullptr;
  float* panel = nullptr;
};

// Stage 1: depthwise, channel by channel, every row of the band into the block; read in
// place when the layer allows it (segments then lie on whole vectors: seg is a multiple
// of nr, out_w of the vector), else from gathered rows.
void depthwise_band(const Tensor& input, const std::vector<float>& dw_w,
                    const std::vector<float>& dw_bias, const ConvParams& dw, const IsaKernels& isa,
                    const FusedPlan& f, const FusedTask& t, const FusedScratch& s,
                    const InPlacePlane& in_place_plane) {
  const int in_h = input.dim(1), in_w = input.dim(2);
  const int mid = dw.out_channels, multiplier = dw.out_channels / dw.in_channels;
  const int taps = dw.kernel_h * dw.kernel_w;
  const int iy0 = t.oy0 * dw.stride_h - dw.padding.top;
  const int in_rows = (t.oy1 - 1 - t.oy0) * dw.stride_h + f.halo;
  const DwRowLayout layout = make_dw_row_layout(dw, t.cols, isa.vector_floats);
  std::vector<const float*> row_ptrs(static_cast<size_t>(dw.kernel_h + f.group - 1));
  DwRowArgs d;
  d.kh = dw.kernel_h;
  d.kw = dw.kernel_w;
  d.out_ld = static_cast<int64_t>(mid) * f.seg;
  for (int mc = 0; mc < mid; ++mc) {
    const float* plane = input.plane(mc / multiplier);
    d.weights = dw_w.data() + static_cast<size_t>(mc) * taps;
    d.bias = dw_bias.empty() ? 0.0f : dw_bias[static_cast<size_t>(mc)];
    if (f.in_place) {
      for (int oy = t.oy0; oy < t.oy1; oy += d.out_rows) {
        d.out_rows = std::min(f.group, t.oy1 - oy);
        in_place_plane.dw_rows(plane, oy, t.ox0, t.ox0 + t.cols, d, row_ptrs, s.rows,
                               s.block + (static_cast<size_t>(oy - t.oy0) * mid + mc) * f.seg);
      }
      continue;
    }
    d.rows = row_ptrs.data();
    d.kx_offsets = layout.kx_offsets.data();
    d.n = t.cols;
    for (int r = 0; r < in_rows; ++r) {
      gather_dw_row(plane, in_h, in_w, dw, layout, iy0 + r, t.ox0,
                    s.rows + static_cast<size_t>(r) * layout.row_floats);
    }
    for (int oy = t.oy0; oy < t.oy1; oy += d.out_rows) {
      d.out_rows = std::min(f.group, t.oy1 - oy);
      // Kernel rows of the first output row; a group continues one row per output row.
      for (int i = 0; i < dw.kernel_h + d.out_rows - 1; ++i) {
        const int r = (oy - t.oy0) * dw.stride_h + (i < dw.kernel_h ? i * dw.dilation_h : i);
        row_ptrs[static_cast<size_t>(i)] = s.rows + static_cast<size_t>(r) * layout.row_floats;
      }
      d.out = s.block + (static_cast<size_t>(oy - t.oy0) * mid + mc) * f.seg;
      isa.dw_row(d);
    }
  }
}

// Stage 2: pointwise, one output row segment at a time from the block.
void pointwise_band(const std::vector<float>& pw_a, const std::vector<float>& pw_b,
                    const std::vector<float>& pw_bias, const ConvParams& pw, int mid,
                    const IsaKernels& isa, const FusedPlan& f, const FusedTask& t,
                    const FusedScratch& s, bool stream, Tensor& out, OpCounts& pwc) {
  const int out_w = out.dim(2);
  GemmArgs g;
  g.a_packed = pw_a.data();
  g.ldb = f.seg;
  g.k = mid;
  g.ldc = static_cast<int>(static_cast<int64_t>(out.dim(1)) * out_w);
  g.stream_c = stream;
  g.rows = pw.out_channels;
  g.cols = t.cols;
  g.bias = pw_bias.empty() ? nullptr : pw_b.data();
  g.panel = s.panel;
  for (int oy = t.oy0; oy < t.oy1; ++oy) {
    g.b = s.block + static_cast<size_t>(oy - t.oy0) * mid * f.seg;
    g.c = out.plane(0) + static_cast<int64_t>(oy) * out_w + t.ox0;
    isa.gemm(g);
    count_outputs(pwc, static_cast<int64_t>(t.cols) * pw.out_channels, mid, !pw_bias.empty(), 0);
  }
}

}  // namespace

void fused_separable(const Tensor& input, const Tensor& dw_weights,
                     const std::vector<float>& dw_bias, const Tensor& pw_weights,
                     const std::vector<float>& pw_bias, const ConvParams& dw, const ConvParams& pw,
                     Tensor& out, const KernelSetup& setup, OpCounts* dw_counts,
                     OpCounts* pw_counts, const RunControl* control) {
  const IsaKernels& isa = setup.isa;
  const int in_h = input.dim(1), in_w = input.dim(2);
  const int out_h = out.dim(1), out_w = out.dim(2);
  const int mid = dw.out_channels;
  const int taps = dw.kernel_h * dw.kernel_w;
  const FusedPlan f = plan_fused(input, out, dw, isa, setup.threads);
  const std::vector<float> dw_w = pack_dw_weights(dw_weights, dw);
  const std::vector<float> pw_a = pack_gemm_weights(pw_weights, pw, 0, pw.out_channels, isa.mr);
  const std::vector<float> pw_b = pack_gemm_bias(pw_bias, 0, pw.out_channels, isa.mr);
  std::vector<std::vector<float>> scratch(static_cast<size_t>(f.workers));
  std::vector<OpCounts> dw_local(static_cast<size_t>(f.workers)), pw_local(dw_local);

  parallel_for(f.tasks, f.workers, control, [&](int task, int worker) {
    std::vector<float>& buf = scratch[static_cast<size_t>(worker)];
    if (buf.empty())
      buf.assign(16 + f.rows_floats + f.block_floats + f.panel_floats + f.zero_floats, 0.0f);
    FusedScratch s;
    s.rows = align_to_line(buf.data());
    s.block = s.rows + f.rows_floats;
    s.panel = s.block + f.block_floats;
    const InPlacePlane in_place_plane(dw, in_h, in_w, isa, s.panel + f.panel_floats);
    FusedTask t;
    t.ox0 = task % f.segs * f.seg;
    t.cols = std::min(f.seg, out_w - t.ox0);
    t.oy0 = task / f.segs * f.band;
    t.oy1 = std::min(out_h, t.oy0 + f.band);
    OpCounts& dwc = dw_local[static_cast<size_t>(worker)];
    depthwise_band(input, dw_w, dw_bias, dw, isa, f, t, s, in_place_plane);
    for (int oy = t.oy0; oy < t.oy1; ++oy) {
      count_outputs(dwc, static_cast<int64_t>(t.cols) * mid, taps, !dw_bias.empty(),
                    padded_taps_in_row(dw, in_h, in_w, oy, t.ox0, t.ox0 + t.cols) * mid);
    }
    pointwise_band(pw_a, pw_b, pw_bias, pw, mid, isa, f, t, s, setup.stream, out,
                   pw_local[static_cast<size_t>(worker)]);
    if (setup.stream) store_fence();
  });
  for (int w = 0; w < f.workers; ++w) {
    if (dw_counts) *dw_counts += dw_local[static_cast<size_t>(w)];
    if (pw_counts) *pw_counts += pw_local[static_cast<size_t>(w)];
  }
}

}  // namespace sepconv::fast
