// Frames for the export tests: a smooth colour-map background (what the app's lesson
// area mostly shows) with a square that moves from left to right over the clip.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace sepconv::testing {

// Frame `i` of `count`, width x height RGBA (stride width * 4).
std::vector<uint8_t> MovingSquareFrame(int width, int height, int i, int count);

// Random RGBA pixels (seeded): incompressible frames that fill a disk quickly.
std::vector<uint8_t> NoiseFrame(int width, int height, unsigned seed);

// Mean absolute difference per channel (R, G, B) of packed RGB24 `rgb` against the RGB
// channels of `rgba`, over the pixels in [x0, x1) x [y0, y1) (the whole frame by default).
std::array<double, 3> MeanAbsError(const std::vector<uint8_t>& rgb,
                                   const std::vector<uint8_t>& rgba, int width, int height,
                                   int x0 = 0, int y0 = 0, int x1 = -1, int y1 = -1);

// The same between two packed RGB24 frames, averaged over the channels.
double MeanAbsDifference(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b);

}  // namespace sepconv::testing
