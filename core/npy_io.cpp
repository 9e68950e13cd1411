// A small, strict .npy parser: anything it does not understand is an error, never a guess.
#include "npy_io.h"

#include <algorithm>
#include <cmath>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include "atomic_write.h"
#include "error.h"
#include "text_format.h"

namespace sepconv {
namespace {

[[noreturn]] void bad(const std::string& name, const std::string& why) {
  throw Error(ErrorKind::NpyFormat, name + ": " + why);
}

// Finds the value text after 'key': in the header dict.
std::string dict_value(const std::string& header, const std::string& key, const std::string& name) {
  const std::string quoted[] = {"'" + key + "'", "\"" + key + "\""};
  for (const auto& q : quoted) {
    const size_t k = header.find(q);
    if (k == std::string::npos) continue;
    const size_t colon = header.find(':', k + q.size());
    if (colon == std::string::npos) break;
    size_t start = colon + 1;
    while (start < header.size() && header[start] == ' ') ++start;
    size_t end = start;
    if (start < header.size() && header[start] == '(') {
      end = header.find(')', start);
      if (end == std::string::npos) bad(name, "header shape is not closed");
      return header.substr(start, end - start + 1);
    }
    while (end < header.size() && header[end] != ',' && header[end] != '}') ++end;
    std::string v = header.substr(start, end - start);
    while (!v.empty() && v.back() == ' ') v.pop_back();
    return v;
  }
  bad(name, "header has no '" + key + "' entry");
}

std::vector<int> parse_shape(const std::string& text, const std::string& name) {
  std::vector<int> shape;
  size_t i = 1;  // after '('
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',')) ++i;
    if (i >= text.size() || text[i] == ')') break;
    size_t used = 0;
    long long v = 0;
    try {
      v = std::stoll(text.substr(i), &used);
    } catch (const std::exception&) {
      bad(name, "shape " + printable(text) + " is not a tuple of integers");
    }
    if (v < 0 || v > std::numeric_limits<int>::max())
      bad(name, "shape " + printable(text) + " is out of range");
    shape.push_back(static_cast<int>(v));
    i += used;
  }
  return shape;
}

}  // namespace

Tensor parse_npy(const std::string& bytes, const std::string& name) {
  static const char kMagic[] = "\x93NUMPY";
  if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, 6) != 0) {
    bad(name, "not a .npy file (missing \\x93NUMPY magic)");
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t header_len = 0, offset = 0;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) bad(name, "file is truncated inside the header");
    for (int i = 0; i < 4; ++i)
      header_len |= static_cast<size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    offset = 12;
  } else {
    bad(name, "unsupported .npy version " + std::to_string(major));
  }
  if (offset + header_len > bytes.size()) bad(name, "file is truncated inside the header");
  const std::string header = bytes.substr(offset, header_len);
  const std::string descr = dict_value(header, "descr", name);
  if (descr != "'<f4'" && descr != "\"<f4\"") {
    bad(name, "dtype " + printable(descr) +
                  " is not supported; save as float32 little-endian ('<f4'), "
                  "e.g. np.save(path, a.astype(np.float32))");
  }
  if (dict_value(header, "fortran_order", name) != "False") {
    bad(name, "Fortran-ordered arrays are not supported; save a C-ordered array");
  }
  const std::string shape_text = dict_value(header, "shape", name);
  if (shape_text.empty() || shape_text[0] != '(') bad(name, "shape is not a tuple");
  const std::vector<int> shape = parse_shape(shape_text, name);
  long double count = 1;
  for (int d : shape) count *= d;
  const size_t data_start = offset + header_len;
  const long double available = static_cast<long double>(bytes.size() - data_start) / 4;
  if (count != available) {
    // The count as a long double: a hostile shape's product overflows any integer.
    char needed[64];
    std::snprintf(needed, sizeof needed, "%.0Lf", count * 4);
    bad(name, "shape " + shape_to_string(shape) + " needs " + needed + " bytes of data, file has " +
                  std::to_string(bytes.size() - data_start));
  }
  Tensor t(shape);
  if (t.size()) std::memcpy(t.data(), bytes.data() + data_start, static_cast<size_t>(t.size()) * 4);
  const int64_t bad_at = first_non_finite(t);
  if (bad_at >= 0) {
    bad(name, "the value at index " + index_text(t.shape(), bad_at) + " is " +
                  describe_value(t.data()[bad_at]) +
                  "; weights, biases and inputs must be finite numbers");
  }
  return t;
}

int64_t first_non_finite(const Tensor& t) {
  const float* v = t.data();
  for (int64_t i = 0; i < t.size(); ++i) {
    if (!std::isfinite(v[i])) return i;
  }
  return -1;
}

std::string index_text(const std::vector<int>& shape, int64_t flat) {
  std::vector<int64_t> index(shape.size());
  int64_t rest = flat;
  for (size_t d = shape.size(); d-- > 0;) {
    const int64_t extent = std::max(shape[d], 1);
    index[d] = rest % extent;
    rest /= extent;
  }
  std::string s = "[";
  for (size_t d = 0; d < index.size(); ++d) s += (d ? ", " : "") + std::to_string(index[d]);
  return s + "] (value " + std::to_string(flat) + " in file order)";
}

std::string describe_value(float v) {
  if (std::isnan(v)) return "NaN";
  return v > 0 ? "+Inf" : "-Inf";
}

Tensor read_npy(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error(ErrorKind::NpyFormat, path + ": cannot open file");
  std::ostringstream ss;
  ss << f.rdbuf();
  return parse_npy(ss.str(), path);
}

namespace {
// The magic, version, header length and header dict: everything before the values.
std::string npy_header(const Tensor& t) {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
  for (int d : t.shape()) dict += std::to_string(d) + ", ";
  if (t.rank() > 1)
    dict.erase(dict.size() - 2);  // "(3, 4)" but "(5,)" for rank 1
  else if (t.rank() == 1)
    dict.pop_back();
  dict += "), }";
  // Pad with spaces so the data starts on a 64-byte boundary, ending with '\n'.
  const size_t unpadded = 10 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(dict.size() & 0xff);
  out += static_cast<char>(dict.size() >> 8);
  out += dict;
  return out;
}
}  // namespace

std::string encode_npy(const Tensor& t) {
  std::string out = npy_header(t);
  out.append(reinterpret_cast<const char*>(t.data()), static_cast<size_t>(t.size()) * 4);
  return out;
}

void write_npy(const std::string& path, const Tensor& t) {
  // Streamed, so a large output is not copied into an encoded buffer first.
  write_file_atomically(path, [&t](std::ostream& out) {
    const std::string header = npy_header(t);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    out.write(reinterpret_cast<const char*>(t.data()), static_cast<std::streamsize>(t.size() * 4));
  });
}

Tensor read_weights_npy(const std::string& path, const std::vector<int>& expected) {
  Tensor t = read_npy(path);
  std::vector<int> got = t.shape();
  std::vector<int> padded = got;
  while (padded.size() < expected.size()) padded.push_back(1);
  if (padded != expected) {
    throw Error(ErrorKind::NpyFormat, path + ": weights have shape " + shape_to_string(got) +
                                          ", the layer needs " + shape_to_string(expected));
  }
  Tensor reshaped(expected);
  reshaped.values() = std::move(t.values());
  return reshaped;
}

}  // namespace sepconv
