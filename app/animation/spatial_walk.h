// The spatially separable path walked in the layer's own order, for the animation
// (reference::spatially_separable_layer): channel by channel, first the column pass
// (output row, then each padded column the row pass reads, then the Kh products), then
// the row pass (output row, output column, then the Kw products). One multiplication
// per clock tick, as for the conv2d walks, so the class sees the two passes of a channel
// one after the other and the whole path finish before the depthwise stage does.
#pragma once

#include <cstdint>
#include <vector>

#include "conv_params.h"
#include "tensor.h"
#include "trace.h"

namespace sepconv::app {

// Pointers stay valid while the animation model holds the result they belong to.
struct SpatialWalk {
  const Tensor* input = nullptr;
  const Tensor* columns = nullptr;  // [C, 1, Kh, 1]
  const Tensor* rows = nullptr;     // [C, 1, 1, Kw]
  const Tensor* output = nullptr;   // the layer's output [C, Ho, Wo], shown as it is made
  const std::vector<float>* bias = nullptr;
  ConvParams params;  // the depthwise conv2d the two passes replace
  Shape3 out;
  std::vector<int> read_columns;  // the padded columns the column pass computes
  int64_t column_mults = 0;       // per channel: Kh * Ho * columns read
  int64_t row_mults = 0;          // per channel: Kw * Ho * Wo
  int64_t total = 0;              // C * (column_mults + row_mults), the closed form's mults
};

SpatialWalk MakeSpatialWalk(const Tensor& input, const Tensor& columns, const Tensor& rows,
                            const std::vector<float>& bias, const Tensor& output,
                            const ConvParams& params);

// Where the walk stands after `done` multiplications. As for conv2d walks, the last product
// done (number `done`) names the value in progress, so a finished value stays in view
// until the next one starts.
struct SpatialPosition {
  int64_t done = 0;  // 0..total
  int channel = 0;
  bool row_pass = false;
  int oy = 0;
  int column = 0;     // column pass: index into read_columns
  int xp = 0;         // column pass: the padded column read_columns[column]
  int ox = 0;         // row pass: the output column
  int taps = 0;       // products per value in progress: Kh (column pass) or Kw (row pass)
  int taps_done = 0;  // of them done, 0..taps
  int64_t column_values_done = 0;  // complete column values of `channel` (all in the row pass)
  int64_t outputs_done = 0;        // complete outputs, linear index over [C, Ho, Wo]
};

SpatialPosition SpatialPositionAt(const SpatialWalk& walk, int64_t done);

// Whether column-pass value (channel, oy, padded column xp) is complete at `pos`; false for a
// column the row pass never reads. *in_progress is set when it is the value being made.
bool ColumnValueDone(const SpatialWalk& walk, const SpatialPosition& pos, int channel, int oy,
                     int xp, bool* in_progress = nullptr);

// Multiplications the layer does before output (channel, oy, ox) of the row pass starts.
int64_t SpatialMultsBeforeOutput(const SpatialWalk& walk, int channel, int oy, int ox);

// The trace of the value in progress (column value or output), from core/trace.
SpatialTrace TraceAt(const SpatialWalk& walk, const SpatialPosition& pos);

}  // namespace sepconv::app
