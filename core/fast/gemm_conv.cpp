// GEMM conv driver: tasks are (group, block of output positions). A block's B is the
// input itself: the planes (plain pointwise) or, for other layers, input rows shifted per
// tap, read through a table of row pointers in slices of k; only the panels whose taps
// reach the padding at a row's ends, and blocks that span output rows, take an im2col copy.
#include "fast/gemm_conv.h"

#include <algorithm>

#include "fast/counting.h"
#include "fast/gather.h"
#include "fast/parallel.h"
#include "fast/store_policy.h"

namespace sepconv::fast {
namespace {
// Block budget in floats (640 KiB), shared by B and the C tiles of one task.
constexpr int kBlockBudgetFloats = 160 * 1024;
constexpr int kPointwiseBlockColumns = 4992;
// Rows of B per k slice: a slice of a packed panel (144 x 48 floats, 27 KiB) stays in L1.
constexpr int kSliceRows = 144;

struct Geometry {
  int in_h, in_w, out_h, out_w;
  int64_t positions;  // out_h * out_w
  int cin_g, cout_g, k;
};

// Calls fn(oy, ox0, ox1, j0) for each output row's share [ox0, ox1) of the positions
// [p0, p0 + cols); j0 is the share's first column within the block.
template <class Fn>
void for_each_row_segment(const Geometry& g, int64_t p0, int cols, Fn fn) {
  for (int64_t pos = p0; pos < p0 + cols;) {
    const int oy = static_cast<int>(pos / g.out_w);
    const int ox0 = static_cast<int>(pos % g.out_w);
    const int ox1 = static_cast<int>(std::min<int64_t>(g.out_w, ox0 + (p0 + cols - pos)));
    fn(oy, ox0, ox1, static_cast<int>(pos - p0));
    pos += ox1 - ox0;
  }
}

// Copies the im2col rows of input channels [c0, c1) (of the group) for output positions
// [p0, p0 + cols) into b (row stride ldb).
void im2col_block(const Tensor& input, const ConvParams& p, const Geometry& g, int group, int c0,
                  int c1, int64_t p0, int cols, float* b, int ldb) {
  for_each_row_segment(g, p0, cols, [&](int oy, int ox0, int ox1, int j0) {
    for (int i = c0; i < c1; ++i) {
      const float* plane = input.plane(group * g.cin_g + i);
      for (int ky = 0; ky < p.kernel_h; ++ky) {
        const int iy = oy * p.stride_h - p.padding.top + ky * p.dilation_h;
        for (int kx = 0; kx < p.kernel_w; ++kx) {
          const int row = ((i - c0) * p.kernel_h + ky) * p.kernel_w + kx;
          gather_row(plane, g.in_h, g.in_w, iy,
                     ox0 * p.stride_w - p.padding.left + kx * p.dilation_w, p.stride_w, ox1 - ox0,
                     p.pad_mode, b + static_cast<int64_t>(row) * ldb + j0);
        }
      }
    }
  });
}

// Padded taps of one input channel over output positions [p0, p0 + cols), which may span
// output rows.
int64_t padded_taps_in_block(const ConvParams& p, const Geometry& g, int64_t p0, int cols) {
  int64_t padded = 0;
  for_each_row_segment(g, p0, cols, [&](int oy, int ox0, int ox1, int) {
    padded += padded_taps_in_row(p, g.in_h, g.in_w, oy, ox0, ox1);
  });
  return padded;
}

// Row pointers (into table) for the taps of input channels [c0, c1) at the output
// columns [ox0, ...) of output row oy, which split_block found to be readable in place
// (inside the image row, whole panels included). Tap rows above or below the image are
// zero padding (split_block copies any other padding) and read from zero_row (in_w
// floats).
void tap_rows_in_place(const Tensor& input, const ConvParams& p, const Geometry& g, int group,
                       int c0, int c1, int64_t p0, const float* zero_row, const float** table) {
  const int oy = static_cast<int>(p0 / g.out_w), ox0 = static_cast<int>(p0 % g.out_w);
  for (int i = c0; i < c1; ++i) {
    const float* plane = input.plane(group * g.cin_g + i);
    for (int ky = 0; ky < p.kernel_h; ++ky) {
      const int iy = oy * p.stride_h - p.padding.top + ky * p.dilation_h;
      const bool inside = iy >= 0 && iy < g.in_h;
      const float* row = inside ? plane + static_cast<int64_t>(iy) * g.in_w : zero_row;
      for (int kx = 0; kx < p.kernel_w; ++kx) {
        *table++ = row + (ox0 - p.padding.left + kx * p.dilation_w);
      }
    }
  }
}

// Columns [off, off + cols) of a block, read in place or copied (im2col).
struct BlockPart {
  int off = 0, cols = 0;
  bool in_place = false;
};

// Splits a block inside one output row at unit horizontal stride into the columns whose
// taps reach the left padding, the columns whose taps (read a whole panel of nr at a
// time) stay inside the image row, and the rest: only the outer parts need a copy. A
// 1080p row's first and last blocks copied all their columns before; now one panel each.
// Only the middle part is marked in_place: the one place that decides where taps may be
// read from the input. Tap rows above or below the image read as zeros in place; a row
// that reflect or replicate padding maps back into the image needs the copy, so such a
// block is copied whole.
int split_block(const ConvParams& p, const Geometry& g, int64_t p0, int cols, int nr,
                BlockPart parts[3]) {
  const int ox0 = static_cast<int>(p0 % g.out_w), left = p.padding.left;
  const int span = (p.kernel_w - 1) * p.dilation_w;
  const int oy = static_cast<int>(p0 / g.out_w);
  const int iy_first = oy * p.stride_h - p.padding.top;
  const int iy_last = iy_first + (p.kernel_h - 1) * p.dilation_h;
  const bool mapped_rows = p.pad_mode != PadMode::Zero && (iy_first < 0 || iy_last >= g.in_h);
  if (p.stride_w != 1 || ox0 + cols > g.out_w || mapped_rows) {
    parts[0] = {0, cols, false};
    return 1;
  }
  const int lead = ox0 < left ? std::min(cols, round_up(left - ox0, nr)) : 0;
  // Columns from ox0 + lead whose panels (rounded up to nr) keep their taps inside the
  // row: whole panels that fit, or all the block's remaining columns when they do.
  const int room = g.in_w - span + left - (ox0 + lead);
  const int middle = std::clamp(room / nr * nr, 0, cols - lead);
  if (middle == 0) {
    parts[0] = {0, cols, false};
    return 1;
  }
  int n = 0;
  if (lead > 0) parts[n++] = {0, lead, false};
  parts[n++] = {lead, middle, true};
  if (lead + middle < cols) parts[n++] = {lead + middle, cols - lead - middle, false};
  return n;
}
}  // namespace

bool is_plain_pointwise(const ConvParams& p) {
  return p.kernel_h == 1 && p.kernel_w == 1 && p.stride_h == 1 && p.stride_w == 1 &&
         p.padding.top == 0 && p.padding.bottom == 0 && p.padding.left == 0 &&
         p.padding.right == 0 && p.groups == 1;
}

std::vector<float> pack_gemm_weights(const Tensor& weights, const ConvParams& p, int o0, int rows,
                                     int mr) {
  const int kh = p.kernel_h, kw = p.kernel_w, cin_g = p.in_channels / p.groups;
  const int k = cin_g * kh * kw;
  std::vector<float> a(static_cast<size_t>(round_up(rows, mr)) * k, 0.0f);
  for (int r = 0; r < rows; ++r) {
    float* block = a.data() + static_cast<size_t>(r / mr) * mr * k;
    for (int i = 0; i < cin_g; ++i) {
      for (int ky = 0; ky < kh; ++ky) {
        for (int kx = 0; kx < kw; ++kx) {
          const int kk = (i * kh + ky) * kw + kx;
          // True convolution reads the kernel rotated by 180 degrees.
          block[static_cast<size_t>(kk) * mr + r % mr] =
              p.flip_kernel ? weights.at(o0 + r, i, kh - 1 - ky, kw - 1 - kx)
                            : weights.at(o0 + r, i, ky, kx);
        }
      }
    }
  }
  return a;
}

std::vector<float> pack_gemm_bias(const std::vector<float>& bias, int o0, int rows, int mr) {
  if (bias.empty()) return {};
  std::vector<float> b(static_cast<size_t>(round_up(rows, mr)), 0.0f);
  std::copy(bias.begin() + o0, bias.begin() + o0 + rows, b.begin());
  return b;
}

namespace {

// How gemm_conv cuts the work: blocks of output positions per task, and k in slices.
struct Blocking {
  int block = 0;   // output positions per task (a multiple of nr)
  int blocks = 0;  // per group
  int tasks = 0;   // groups x blocks
  int workers = 0;
  bool direct = false;  // plain pointwise: B is read in place, a panel at a time
  int slices = 1;       // k in slices of whole input channels, about kSliceRows rows each
  int slice_rows = 0;
};

Blocking plan_blocks(const ConvParams& p, const Geometry& g, const IsaKernels& isa, int threads) {
  Blocking b;
  const int workers0 = resolve_threads(threads);
  b.direct = is_plain_pointwise(p);
  // B (k rows) of one task stays in L2 next to the C tiles being written. Plain pointwise
  // reads B in place a panel at a time, so its blocks only set the task size: longer ones
  // break the next-panel prefetch less often (bench/README.md, the pointwise block).
  b.block = b.direct ? round_up(kPointwiseBlockColumns, isa.nr)
                     : std::max(isa.nr, kBlockBudgetFloats / (g.k + g.cout_g) / isa.nr * isa.nr);
  // Enough blocks that both threads stay busy to the end.
  const int64_t per_task = (g.positions + 4 * workers0 - 1) / (4 * workers0);
  b.block = std::min<int64_t>(b.block,
                              round_up(static_cast<int>(std::max<int64_t>(per_task, 1)), isa.nr));
  b.blocks = static_cast<int>((g.positions + b.block - 1) / b.block);
  b.tasks = p.groups * b.blocks;
  b.workers = std::min(workers0, b.tasks);
  const int taps = p.kernel_h * p.kernel_w;
  b.slices = b.direct ? 1 : std::clamp(g.k / kSliceRows, 1, g.cin_g);
  b.slice_rows = (g.cin_g + b.slices - 1) / b.slices * taps;
  return b;
}

// One worker's buffers, kept from task to task.
struct WorkerScratch {
  std::vector<float> panel;          // the kernel's packed B panel
  std::vector<float> b_and_partial;  // an im2col slice of B, then the partial sums
  std::vector<const float*> table;   // row pointers of B read in place
};

// A block whose B is not read in place whole: k in slices of whole input channels. Each
// slice's B panels are packed into L1 by the kernel, from the input in place where the
// taps allow it (else from an im2col copy); partial sums wait in a scratch until the last
// slice writes C. Returns the products of the block's positions that read padding (per
// output channel).
int64_t run_sliced_block(const Tensor& input, const ConvParams& p, const Geometry& g,
                         const IsaKernels& isa, const Blocking& plan, const GemmArgs& args, int grp,
                         int64_t p0, const std::vector<float>& zero_row, WorkerScratch& w) {
  const int taps = p.kernel_h * p.kernel_w;
  if (w.b_and_partial.empty()) {
    // The partial sums exist only when k has more than one slice.
    const size_t partial_rows =
        plan.slices > 1 ? static_cast<size_t>(round_up(g.cout_g, isa.mr)) : 0;
    w.b_and_partial.assign(16 + (static_cast<size_t>(plan.slice_rows) + partial_rows) * plan.block,
                           0.0f);
  }
  float* b = align_to_line(w.b_and_partial.data());
  float* partial = b + static_cast<size_t>(plan.slice_rows) * plan.block;
  w.table.resize(static_cast<size_t>(plan.slice_rows));
  BlockPart parts[3];
  const int n_parts = split_block(p, g, p0, args.cols, isa.nr, parts);
  for (int s = 0; s < plan.slices; ++s) {
    const int c0 = g.cin_g * s / plan.slices, c1 = g.cin_g * (s + 1) / plan.slices;
    const bool first = s == 0, last = s == plan.slices - 1;
    for (int q = 0; q < n_parts; ++q) {
      const int off = parts[q].off, part_cols = parts[q].cols;
      GemmArgs part = args;
      if (parts[q].in_place) {
        tap_rows_in_place(input, p, g, grp, c0, c1, p0 + off, zero_row.data(), w.table.data());
        part.b_rows = w.table.data();
      } else {
        im2col_block(input, p, g, grp, c0, c1, p0 + off, part_cols, b, plan.block);
        part.b = b;
        part.ldb = plan.block;
      }
      part.a_packed = args.a_packed + static_cast<size_t>(c0) * taps * isa.mr;
      part.a_k = g.k;
      part.k = (c1 - c0) * taps;
      part.cols = part_cols;
      part.c_in = first ? nullptr : partial + off;
      part.ld_in = plan.block;
      part.c = last ? args.c + off : partial + off;
      part.ldc = last ? args.ldc : plan.block;
      part.bias = first ? args.bias : nullptr;
      part.stream_c = last && args.stream_c;
      isa.gemm(part);
    }
  }
  return padded_taps_in_block(p, g, p0, args.cols) * g.cin_g;
}

}  // namespace

void gemm_conv(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
               const ConvParams& p, Tensor& out, const KernelSetup& setup, OpCounts* counts,
               const RunControl* control) {
  const IsaKernels& isa = setup.isa;
  Geometry g{input.dim(1), input.dim(2), out.dim(1), out.dim(2), 0, 0, 0, 0};
  g.positions = static_cast<int64_t>(g.out_h) * g.out_w;
  g.cin_g = p.in_channels / p.groups;
  g.cout_g = p.out_channels / p.groups;
  g.k = g.cin_g * p.kernel_h * p.kernel_w;
  const Blocking plan = plan_blocks(p, g, isa, setup.threads);
  const bool stream = setup.stream;

  std::vector<std::vector<float>> a_packed, bias_packed;
  for (int grp = 0; grp < p.groups; ++grp) {
    a_packed.push_back(pack_gemm_weights(weights, p, grp * g.cout_g, g.cout_g, isa.mr));
    bias_packed.push_back(pack_gemm_bias(bias, grp * g.cout_g, g.cout_g, isa.mr));
  }
  std::vector<WorkerScratch> scratch(static_cast<size_t>(plan.workers));
  const std::vector<float> zero_row(static_cast<size_t>(g.in_w), 0.0f);
  std::vector<OpCounts> local(static_cast<size_t>(plan.workers));

  parallel_for(plan.tasks, plan.workers, control, [&](int task, int worker) {
    const int grp = task / plan.blocks;
    const int64_t p0 = static_cast<int64_t>(task % plan.blocks) * plan.block;
    const int cols = static_cast<int>(std::min<int64_t>(plan.block, g.positions - p0));
    GemmArgs args;
    args.a_packed = a_packed[static_cast<size_t>(grp)].data();
    args.k = g.k;
    args.c = out.plane(grp * g.cout_g) + p0;
    args.ldc = static_cast<int>(g.positions);
    args.rows = g.cout_g;
    args.cols = cols;
    args.bias = bias.empty() ? nullptr : bias_packed[static_cast<size_t>(grp)].data();
    args.stream_c = stream;
    WorkerScratch& w = scratch[static_cast<size_t>(worker)];
    // Scratch starts on a cache line: B loads that split lines ran the kernel far slower
    // (bench/README.md).
    if (w.panel.empty()) w.panel.assign(16 + static_cast<size_t>(g.k) * isa.nr, 0.0f);
    args.panel = align_to_line(w.panel.data());
    int64_t padded = 0;
    // The kernel reads B up to a whole panel: only the last block may not have that.
    if (plan.direct && p0 + round_up(cols, isa.nr) <= g.positions) {
      args.b = input.plane(grp * g.cin_g) + p0;
      args.ldb = static_cast<int>(g.positions);
      isa.gemm(args);
    } else {
      padded = run_sliced_block(input, p, g, isa, plan, args, grp, p0, zero_row, w);
    }
    if (stream) store_fence();
    count_outputs(local[static_cast<size_t>(worker)], static_cast<int64_t>(cols) * g.cout_g, g.k,
                  !bias.empty(), padded * g.cout_g);
  });
  if (counts) {
    for (const OpCounts& c : local) *counts += c;
  }
}

}  // namespace sepconv::fast
