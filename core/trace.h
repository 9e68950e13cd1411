// Step-by-step record of how one output value is computed: the window on each input
// channel, the weights, every product, the running sum, and where the step sits in
// the engine's whole computation. The animation shows exactly this.
#pragma once

#include <cstdint>
#include <vector>

#include "conv_params.h"
#include "reference/output_value.h"
#include "tensor.h"

namespace sepconv {

struct TraceStep {
  reference::Tap tap;
  int64_t cumulative_mults = 0;  // multiplications done by the engine up to and including this one
};

struct OutputTrace {
  int out_channel = 0, y = 0, x = 0;
  float bias = 0.0f;
  std::vector<TraceStep> steps;
  float value = 0.0f;        // equals the engine output at (out_channel, y, x)
  int64_t mults_before = 0;  // multiplications the engine did before this output
  int64_t mults_total = 0;   // multiplications of the whole layer
};

// Traces output (oc, oy, ox) of reference::conv2d with the same arguments.
// Throws Error when the position is outside the output.
OutputTrace trace_output(const Tensor& input, const Tensor& weights, const std::vector<float>& bias,
                         const ConvParams& p, int oc, int oy, int ox);

// Multiplications reference::conv2d performs before output (oc, oy, ox).
int64_t mults_before_output(const ConvParams& p, const Shape3& out, int oc, int oy, int ox);

// One value of either pass of the spatially separable layer
// (reference::spatially_separable_layer), traced with the layer's own per-value algorithm
// (reference/spatial_value.h). Column pass: taps read the input down one padded column.
// Row pass: taps read Kw column-pass values (tap.ix is their input column).
struct SpatialTrace {
  bool row_pass = false;
  int channel = 0;  // the layer's output channel (the column pass runs per output channel)
  int y = 0;        // output row
  int x = 0;        // column pass: padded column xp; row pass: output column ox
  std::vector<reference::Tap> steps;
  float value = 0.0f;  // row pass: equals the layer's output at (channel, y, x)
};

// The column pass's value of channel oc, output row oy, padded column xp.
SpatialTrace trace_spatial_column(const Tensor& input, const Tensor& columns, const ConvParams& p,
                                  int oc, int oy, int xp);
// The row pass's output (oc, oy, ox): its Kw column values are recomputed as the layer
// computed them, so the value equals the layer's output exactly.
SpatialTrace trace_spatial_output(const Tensor& input, const Tensor& columns, const Tensor& rows,
                                  const std::vector<float>& bias, const ConvParams& p, int oc,
                                  int oy, int ox);

}  // namespace sepconv
