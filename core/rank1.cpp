// Rank-1 factoring (rank1.h): Jacobi on K^T K, balanced scale and a fixed sign.
#include "rank1.h"

#include <cmath>
#include <cstdio>

#include "error.h"

namespace sepconv {
namespace {

// Eigen-decomposition of the symmetric n x n matrix a (row-major, destroyed) by cyclic
// Jacobi rotations: returns the eigenvalues (a's diagonal at the end) and fills v with
// the eigenvectors as columns. Exact enough for n <= 63 in a few sweeps.
std::vector<double> jacobi_eigen(std::vector<double>& a, int n, std::vector<double>& v) {
  const auto at = [n](std::vector<double>& m, int i, int j) -> double& {
    return m[static_cast<size_t>(i) * n + j];
  };
  v.assign(static_cast<size_t>(n) * n, 0.0);
  for (int i = 0; i < n; ++i) at(v, i, i) = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0, total = 0;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        const double x = at(a, i, j) * at(a, i, j);
        total += x;
        if (i != j) off += x;
      }
    if (off <= 1e-30 * total || off == 0) break;
    for (int p = 0; p < n - 1; ++p)
      for (int q = p + 1; q < n; ++q) {
        const double apq = at(a, p, q);
        if (apq == 0) continue;
        const double theta = (at(a, q, q) - at(a, p, p)) / (2 * apq);
        const double t =
            (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1));
        const double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; ++k) {  // a = a J
          const double akp = at(a, k, p), akq = at(a, k, q);
          at(a, k, p) = c * akp - s * akq;
          at(a, k, q) = s * akp + c * akq;
        }
        for (int k = 0; k < n; ++k) {  // a = J^T a
          const double apk = at(a, p, k), aqk = at(a, q, k);
          at(a, p, k) = c * apk - s * aqk;
          at(a, q, k) = s * apk + c * aqk;
        }
        for (int k = 0; k < n; ++k) {  // v = v J
          const double vkp = at(v, k, p), vkq = at(v, k, q);
          at(v, k, p) = c * vkp - s * vkq;
          at(v, k, q) = s * vkp + c * vkq;
        }
      }
  }
  std::vector<double> values(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) values[static_cast<size_t>(i)] = at(a, i, i);
  return values;
}

double sum(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += v;
  return s;
}

double abs_sum(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += std::fabs(v);
  return s;
}

// A sum that is zero but for rounding (a derivative filter's) counts as zero.
bool clearly_nonzero_sum(const std::vector<double>& x) {
  return std::fabs(sum(x)) > 1e-9 * abs_sum(x);
}

}  // namespace

Rank1Factors factor_rank1(const float* k, int rows, int cols) {
  if (rows < 1 || cols < 1) {
    throw Error(ErrorKind::InvalidParameter, "cannot factor a " + std::to_string(rows) + " x " +
                                                 std::to_string(cols) + " kernel");
  }
  Rank1Factors f;
  f.rows = rows;
  f.cols = cols;
  const auto K = [&](int y, int x) {
    return static_cast<double>(k[static_cast<size_t>(y) * cols + x]);
  };
  double norm2 = 0;
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x) norm2 += K(y, x) * K(y, x);
  f.norm = std::sqrt(norm2);
  std::vector<double> u(static_cast<size_t>(rows), 0.0), v(static_cast<size_t>(cols), 0.0);
  if (f.norm > 0) {
    // A = K^T K (cols x cols); its top eigenvector is the right singular vector v.
    std::vector<double> a(static_cast<size_t>(cols) * cols, 0.0), vecs;
    for (int i = 0; i < cols; ++i)
      for (int j = 0; j < cols; ++j) {
        double s = 0;
        for (int y = 0; y < rows; ++y) s += K(y, i) * K(y, j);
        a[static_cast<size_t>(i) * cols + j] = s;
      }
    const std::vector<double> values = jacobi_eigen(a, cols, vecs);
    int top = 0;
    for (int i = 1; i < cols; ++i)
      if (values[static_cast<size_t>(i)] > values[static_cast<size_t>(top)]) top = i;
    for (int x = 0; x < cols; ++x)
      v[static_cast<size_t>(x)] = vecs[static_cast<size_t>(x) * cols + top];
    // u = K v has the length sigma1 (more accurate than the square root of the eigenvalue).
    for (int y = 0; y < rows; ++y) {
      double s = 0;
      for (int x = 0; x < cols; ++x) s += K(y, x) * v[static_cast<size_t>(x)];
      u[static_cast<size_t>(y)] = s;
    }
    double s1 = 0;
    for (double x : u) s1 += x * x;
    f.sigma1 = std::sqrt(s1);
    if (f.sigma1 > 0)
      for (double& x : u) x /= f.sigma1;
    // The sign: column sum positive, else row sum positive, else first non-zero positive.
    bool flip = false;
    if (clearly_nonzero_sum(u)) {
      flip = sum(u) < 0;
    } else if (clearly_nonzero_sum(v)) {
      flip = sum(v) < 0;
    } else {
      for (double x : u)
        if (std::fabs(x) > 1e-12) {
          flip = x < 0;
          break;
        }
    }
    const double scale = std::sqrt(f.sigma1) * (flip ? -1.0 : 1.0);
    for (double& x : u) x *= scale;
    for (double& x : v) x *= flip ? -std::sqrt(f.sigma1) : std::sqrt(f.sigma1);
  }
  f.column.resize(static_cast<size_t>(rows));
  f.row.resize(static_cast<size_t>(cols));
  // "+ 0.0" turns a -0 (a zero tap times a negative scale) into 0 for display.
  for (int y = 0; y < rows; ++y)
    f.column[static_cast<size_t>(y)] = static_cast<float>(u[static_cast<size_t>(y)] + 0.0);
  for (int x = 0; x < cols; ++x)
    f.row[static_cast<size_t>(x)] = static_cast<float>(v[static_cast<size_t>(x)] + 0.0);
  // The residual is measured directly (not as sqrt(||K||^2 - sigma1^2), which loses half
  // the digits to cancellation) against the rank-1 kernel in double.
  double residual2 = 0;
  f.closest.resize(static_cast<size_t>(rows) * cols);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x) {
      const double c = u[static_cast<size_t>(y)] * v[static_cast<size_t>(x)];
      f.closest[static_cast<size_t>(y) * cols + x] = static_cast<float>(c);
      residual2 += (K(y, x) - c) * (K(y, x) - c);
    }
  f.relative_error = f.norm > 0 ? std::sqrt(residual2) / f.norm : 0.0;
  return f;
}

std::string percent_text(double relative_error) {
  const double pct = 100 * relative_error;
  char buf[64];
  if (pct >= 10 || pct == 0)
    std::snprintf(buf, sizeof buf, "%.1f%%", pct);
  else
    std::snprintf(buf, sizeof buf, "%.3g%%", pct);
  return buf;
}

}  // namespace sepconv
