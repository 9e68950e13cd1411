// The spatially separable walk: positions from the clock, in the layer's loop order.
#include "animation/spatial_walk.h"

#include <algorithm>

#include "reference/separable.h"

namespace sepconv::app {

SpatialWalk MakeSpatialWalk(const Tensor& input, const Tensor& columns, const Tensor& rows,
                            const std::vector<float>& bias, const Tensor& output,
                            const ConvParams& params) {
  SpatialWalk w;
  w.input = &input;
  w.columns = &columns;
  w.rows = &rows;
  w.output = &output;
  w.bias = &bias;
  w.params = params;
  w.out = output_shape(params, input.dim(1), input.dim(2));
  w.read_columns = reference::spatial_read_columns(params, input.dim(2));
  w.column_mults = int64_t{params.kernel_h} * w.out.h * static_cast<int64_t>(w.read_columns.size());
  w.row_mults = int64_t{params.kernel_w} * w.out.h * w.out.w;
  w.total = int64_t{w.out.c} * (w.column_mults + w.row_mults);
  return w;
}

SpatialPosition SpatialPositionAt(const SpatialWalk& w, int64_t done) {
  SpatialPosition p;
  p.done = std::clamp<int64_t>(done, 0, w.total);
  const int kh = w.params.kernel_h, kw = w.params.kernel_w;
  const int64_t per_channel = w.column_mults + w.row_mults;
  const int64_t columns = static_cast<int64_t>(w.read_columns.size());
  p.taps = kh;
  if (w.total == 0 || per_channel == 0 || columns == 0) return p;
  if (p.done == 0) {
    p.xp = w.read_columns.front();
    return p;
  }
  const int64_t last = p.done - 1;  // the product done last, counted from 0
  p.channel = static_cast<int>(last / per_channel);
  const int64_t in_channel = last % per_channel;
  const int64_t plane = int64_t{w.out.h} * w.out.w;
  if (in_channel < w.column_mults) {
    const int64_t value = in_channel / kh;
    p.taps_done = static_cast<int>(in_channel % kh) + 1;
    p.oy = static_cast<int>(value / columns);
    p.column = static_cast<int>(value % columns);
    p.xp = w.read_columns[static_cast<size_t>(p.column)];
    p.column_values_done = value + (p.taps_done == kh ? 1 : 0);
    p.outputs_done = p.channel * plane;
  } else {
    p.row_pass = true;
    p.taps = kw;
    const int64_t value = (in_channel - w.column_mults) / kw;
    p.taps_done = static_cast<int>((in_channel - w.column_mults) % kw) + 1;
    p.oy = static_cast<int>(value / w.out.w);
    p.ox = static_cast<int>(value % w.out.w);
    p.column_values_done = int64_t{w.out.h} * columns;
    p.outputs_done = p.channel * plane + value + (p.taps_done == kw ? 1 : 0);
  }
  return p;
}

bool ColumnValueDone(const SpatialWalk& w, const SpatialPosition& pos, int channel, int oy, int xp,
                     bool* in_progress) {
  if (in_progress) *in_progress = false;
  const auto it = std::lower_bound(w.read_columns.begin(), w.read_columns.end(), xp);
  if (it == w.read_columns.end() || *it != xp) return false;  // never computed
  if (!pos.done || channel > pos.channel) return false;
  if (channel < pos.channel || pos.row_pass) return true;
  const int64_t index =
      int64_t{oy} * static_cast<int64_t>(w.read_columns.size()) + (it - w.read_columns.begin());
  if (in_progress) *in_progress = oy == pos.oy && *it == pos.xp && pos.taps_done < pos.taps;
  return index < pos.column_values_done;
}

int64_t SpatialMultsBeforeOutput(const SpatialWalk& w, int channel, int oy, int ox) {
  return int64_t{channel} * (w.column_mults + w.row_mults) + w.column_mults +
         (int64_t{oy} * w.out.w + ox) * w.params.kernel_w;
}

SpatialTrace TraceAt(const SpatialWalk& w, const SpatialPosition& pos) {
  if (pos.row_pass)
    return trace_spatial_output(*w.input, *w.columns, *w.rows, *w.bias, w.params, pos.channel,
                                pos.oy, pos.ox);
  return trace_spatial_column(*w.input, *w.columns, w.params, pos.channel, pos.oy, pos.xp);
}

}  // namespace sepconv::app
