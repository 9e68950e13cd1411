// Rank-1 factoring of a kernel through its singular value decomposition: the column and
// row whose outer product is the closest rank-1 kernel, and how far that is from the
// kernel. A spatially separable convolution needs the kernel to be (numerically) rank 1.
#pragma once

#include <string>
#include <vector>

namespace sepconv {

// A kernel counts as rank 1 when the closest rank-1 kernel is within this relative
// Frobenius distance: ||K - K1||_F <= kRank1Tolerance * ||K||_F. A float32 outer product
// (the presets, a saved .npy of one) is a few 1e-8 away; 1e-6 leaves room for that and
// still refuses any kernel whose second singular value is not noise.
constexpr double kRank1Tolerance = 1e-6;

struct Rank1Factors {
  int rows = 0, cols = 0;
  std::vector<float> column;   // rows values
  std::vector<float> row;      // cols values
  std::vector<float> closest;  // rows x cols, row-major: column x row, the closest rank-1 kernel
  double sigma1 = 0;           // the largest singular value
  double norm = 0;             // ||K||_F
  // ||K - closest||_F / ||K||_F (0 for the zero kernel): sqrt(s2^2 + s3^2 + ...) / ||K||_F.
  double relative_error = 0;
  bool is_rank1(double tolerance = kRank1Tolerance) const { return relative_error <= tolerance; }
};

// Factors the rows x cols kernel k (row-major) as column x row (column[y] * row[x]).
// The top singular pair (u, sigma1, v) comes from a cyclic Jacobi eigen-decomposition of
// K^T K in double precision, then u = K v / sigma1.
// Normalisation, so that the split is deterministic:
//  - scale: balanced, column = sqrt(sigma1) u and row = sqrt(sigma1) v, so both have the
//    Euclidean norm sqrt(sigma1). A symmetric kernel (box, Gaussian, identity) gets equal
//    column and row; Sobel x gets column c [1 2 1] and row [-1 0 1] / c with c = 3^(-1/4).
//  - sign: the column's sum is positive; when it is 0 (a derivative column, Sobel y) the
//    row's sum is positive; when both are 0, the column's first non-zero value is positive.
// The zero kernel factors as zero vectors with relative error 0.
Rank1Factors factor_rank1(const float* k, int rows, int cols);
inline Rank1Factors factor_rank1(const std::vector<float>& k, int rows, int cols) {
  return factor_rank1(k.data(), rows, cols);
}

// "42.3%" or "0.0001%": a relative error as a percentage for messages (3 significant
// digits, never rounded to 0 when it is not 0).
std::string percent_text(double relative_error);

}  // namespace sepconv
