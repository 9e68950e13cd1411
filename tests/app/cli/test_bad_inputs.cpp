// The bad-input matrix: every kind of bad flag value, image and .npy file a user can hand
// the CLI, each run as a real process. Each must exit with code 2 (never a crash or an
// abort), print exactly one line on stderr that says what was wrong, show no overflowed
// number (a negative size or count that no argument holds) and write nothing.
// Under AddressSanitizer (tools/dev.sh test) a memory error in any of them fails too.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>

#include "image_io.h"
#include "npy_io.h"
#include "run_command.h"

namespace fs = std::filesystem;

namespace {

struct BadInput {
  std::string args;      // after --image, or the whole command line when it starts with '!'
  std::string expected;  // a part of the one line
};

fs::path Dir() {
  static const fs::path d = [] {
    const fs::path p = fs::temp_directory_path() / ("sepconv_bad_" + std::to_string(::getpid()));
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
  }();
  return d;
}

std::string Write(const std::string& name, const std::string& bytes) {
  const fs::path p = Dir() / name;
  std::ofstream(p, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
  return p.string();
}

std::string Npy(const std::string& name, const std::string& descr, const std::string& shape,
                const std::string& data, bool fortran = false) {
  std::string header = "{'descr': '" + descr +
                       "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + shape + ", }";
  // Padded so that magic, version, length, header and newline fill whole 64 bytes.
  header.resize(((10 + header.size() + 1 + 63) / 64) * 64 - 10 - 1, ' ');
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += char(1);
  bytes += char(0);
  bytes += char(header.size() & 0xff);
  bytes += char(header.size() >> 8);
  return Write(name, bytes + header + data);
}

std::string Floats(const std::vector<float>& v) {
  std::string s(v.size() * 4, '\0');
  std::memcpy(s.data(), v.data(), s.size());
  return s;
}

// A PNG signature and IHDR chunk stating w x h (the CRC is not checked before the size).
std::string PngHeader(uint32_t w, uint32_t h) {
  std::string s = "\x89PNG\r\n\x1a\n";
  s += std::string("\0\0\0\x0dIHDR", 8);
  for (uint32_t v : {w, h})
    for (int b = 3; b >= 0; --b) s += char((v >> (8 * b)) & 0xff);
  s += std::string("\x08\x02\0\0\0", 5);
  s += std::string(4, '\0');
  return s;
}

// A negative number the arguments do not hold: a wrapped size or count. (Numbers beyond
// 64 bits are printed exactly, from 128-bit products, and are not flagged.)
bool ShowsAnOverflowedNumber(const std::string& line, const std::string& args) {
  static const std::regex number(R"(-?\d[\d,]*)");
  for (std::sregex_iterator it(line.begin(), line.end(), number), end; it != end; ++it) {
    std::string digits = it->str();
    digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
    if (args.find(digits) != std::string::npos) continue;
    if (digits[0] == '-' && digits.size() > 2) return true;  // a negative size or count
  }
  return false;
}

TEST(BadInputs, EveryOneExitsTwoWithOneLineAndWritesNothing) {
  const std::string tiny = std::string(SEPCONV_ASSETS_DIR) + "/tiny.png";
  // tiny.png is 3 channels; dk 3 gives depthwise [3, 1, 3, 3], pointwise [16, 3, 1, 1].
  const std::string dw_ok = Floats(std::vector<float>(27, 0.1f));
  std::vector<float> with_nan(27, 0.1f), with_inf(27, 0.1f);
  with_nan[13] = std::numeric_limits<float>::quiet_NaN();
  with_inf[0] = std::numeric_limits<float>::infinity();
  std::string png;
  {
    std::ifstream in(tiny, std::ios::binary);
    png.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::vector<BadInput> cases = {
      // Layer parameters: out of range, overflowing, malformed.
      {"--padding 2147483647", "--padding"},
      {"--padding 1073741824", "--padding"},
      {"--padding 4097", "--padding"},
      {"--padding -1", "--padding"},
      {"--stride 2147483647 --padding valid", "--stride"},
      {"--stride 0", "--stride"},
      {"--dilation 2147483647", "--dilation"},
      {"--dilation 1024 --padding valid", "larger than the padded input"},
      {"--multiplier 2147483647", "--multiplier"},
      {"--multiplier 0", "--multiplier"},
      {"--dk 99999999999999999999", "--dk"},
      {"--dk -3", "--dk"},
      {"--dk 3.5", "--dk"},
      {"--dk ''", "--dk"},
      {"--n 4097", "--n"},
      {"--n 0x10", "--n"},
      {"--m 257", "--m"},
      {"--groups 0", "--groups"},
      {"--groups 5", "groups"},
      {"--groups 3 --n 4", "groups"},
      {"--threads 257", "--threads"},
      {"--seed -1", "--seed"},
      {"--working-size 0.001MP", "--working-size"},
      {"--working-size nanMP", "--working-size"},
      {"--working-size 1e400", "--working-size"},
      {"--kernel blur", "--kernel"},
      {"--mix everything", "--mix"},
      {"--std-kernel 7", "--std-kernel"},
      {"--engine gpu", "--engine"},
      {"--separable both", "--separable"},
      {"--bias-dw nan", "--bias-dw"},
      {"--bias-pw inf", "--bias-pw"},
      {"--bias-std 1e30", "--bias-std"},
      {"--dk 63 --m 256 --n 4096", "more than the budget"},
      {"--path everything", "--path"},
      // Weight and bias files.
      {"--dw-weights /no/such.npy", "/no/such.npy"},
      {"--dw-weights " + Npy("nan.npy", "<f4", "(3, 1, 3, 3)", Floats(with_nan)), "NaN"},
      {"--dw-weights " + Npy("inf.npy", "<f4", "(3, 1, 3, 3)", Floats(with_inf)), "inf"},
      {"--dw-weights " + Npy("f8.npy", "<f8", "(3, 1, 3, 3)", std::string(27 * 8, '\0')),
       "float32"},
      {"--dw-weights " + Npy("shape.npy", "<f4", "(4, 1, 3, 3)", Floats(std::vector<float>(36))),
       "the layer needs [3, 1, 3, 3]"},
      {"--dw-weights " + Npy("short.npy", "<f4", "(3, 1, 3, 3)", dw_ok.substr(0, 50)), "short.npy"},
      {"--dw-weights " +
           Npy("huge.npy", "<f4", "(155540, 1200010040, 12000, 108, 3, 549, 83)", dw_ok),
       "huge.npy"},
      {"--dw-weights " + Npy("neg.npy", "<f4", "(-3, 1, 3, 3)", dw_ok), "neg.npy"},
      {"--dw-weights " + Npy("fortran.npy", "<f4", "(3, 1, 3, 3)", dw_ok, true), "fortran.npy"},
      {"--dw-weights " + Write("text.npy", "this is not an npy file"), "text.npy"},
      {"--dw-weights " + Write("empty.npy", ""), "empty.npy"},
      {"--pw-weights " + Npy("pw.npy", "<f4", "(16, 4, 1, 1)", Floats(std::vector<float>(64))),
       "the layer needs [16, 3, 1, 1]"},
      {"--bias-dw " + Npy("bias.npy", "<f4", "(4,)", Floats(std::vector<float>(4))), "bias.npy"},
      // Images.
      {"!--image /no/such.png", "/no/such.png"},
      {"!--image " + Write("empty.png", ""), "empty.png"},
      {"!--image " + Write("text.png", "hello, not an image"), "text.png"},
      {"!--image " + Write("half.png", png.substr(0, png.size() / 2)), "half.png"},
      {"!--image " + Write("huge.png", PngHeader(100000, 100000)), "10,000,000,000 pixels"},
      {"!--image " + Write("max.png", PngHeader(0xffffffffu, 0xffffffffu)), "max.png"},
      {"!--image " + Write("zero.png", PngHeader(0, 0)), "zero.png"},
      {"!--image " + Dir().string(), Dir().string()},
      // The command line itself.
      {"!--dk 3", "--image is required"},
      {"--frobnicate", "--frobnicate"},
  };
  int ran = 0;
  for (const BadInput& c : cases) {
    const bool whole = !c.args.empty() && c.args[0] == '!';
    const fs::path out = Dir() / "out";
    fs::remove_all(out);
    fs::create_directories(out);
    const std::string args = (whole ? c.args.substr(1) : "--image " + tiny + " " + c.args) +
                             " --out-dir " + out.string();
    const auto r = sepconv::cli_test::RunCommand(std::string(SEPCONV_CLI_PATH) + " " + args);
    SCOPED_TRACE(args);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
    EXPECT_FALSE(ShowsAnOverflowedNumber(r.err, args)) << r.err;
    EXPECT_TRUE(fs::is_empty(out)) << "files were written";
    ++ran;
  }
  std::printf("bad inputs tried: %d\n", ran);
  fs::remove_all(Dir());
}

}  // namespace
