// Runs the real sepconv-lab with --screenshot (under xvfb-run -a when there is no
// $DISPLAY) and reads back the PNG and the --layout-json rectangles, for window tests.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "image_io.h"
#include "tensor.h"

namespace sepconv::gui_test {

namespace fs = std::filesystem;

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
};

struct Shot {
  int exit_code = -1;
  Tensor pixels;  // [3, H, W] in [0,1]
  std::map<std::string, Rect> rects;
  int At(int c, int x, int y) const { return int(std::lround(pixels.at(c, y, x) * 255)); }
  int r(int x, int y) const { return At(0, x, y); }
  int g(int x, int y) const { return At(1, x, y); }
  int b(int x, int y) const { return At(2, x, y); }
};

inline fs::path TempDir() {
  const fs::path dir = fs::temp_directory_path() / ("sepconv_gui_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

// Single-quoted for the shell (built by appending: GCC 12 warns falsely on "'" + s).
inline std::string Quoted(const fs::path& p) {
  std::string s(1, '\'');
  s.append(p.string());
  s.push_back('\'');
  return s;
}

// w x h diagonal stripes, written as dir/name: every kernel window sees a different pattern.
inline fs::path WriteStripes(const fs::path& dir, int w, int h, const std::string& name) {
  Tensor t({3, h, w});
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) t.at(c, y, x) = float((x + 2 * y + 3 * c) % 9) / 8.0f;
  const fs::path path = dir / name;
  write_png(path.string(), t);
  return path;
}

// A scripted run's exit code and what it wrote on stderr.
struct Outcome {
  int code = -1;
  std::string err;
};

// Runs `exe` with `args` (under xvfb-run without a display), capturing stderr; `name`
// names the log beside the other files, `prefix` goes before the command (env VAR=...).
inline Outcome RunScripted(const std::string& exe, const std::string& args, const std::string& name,
                           const std::string& prefix = "") {
  const fs::path err = TempDir() / (name + "_err.txt");
  const char* display = std::getenv("DISPLAY");
  std::string cmd =
      display && *display ? std::string() : std::string("xvfb-run -a -s '-screen 0 1920x1080x24' ");
  cmd += prefix + Quoted(exe) + " " + args + " 2>" + Quoted(err);
  Outcome o;
  const int status = std::system(cmd.c_str());
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream f(err);
  o.err.assign(std::istreambuf_iterator<char>(f), {});
  return o;
}

// `stderr_path`: where the run's stderr goes (else it is shown with the test's output).
inline Shot RunApp(const std::string& exe, const std::string& args, const std::string& name,
                   const fs::path& stderr_path = {}) {
  const fs::path dir = TempDir();
  const fs::path png = dir / (name + ".png"), json = dir / (name + ".json");
  fs::remove(png);
  const char* display = std::getenv("DISPLAY");
  std::string cmd =
      display && *display ? std::string() : std::string("xvfb-run -a -s '-screen 0 2048x1280x24' ");
  cmd += Quoted(exe) + " " + args + " --screenshot " + Quoted(png) + " --layout-json " +
         Quoted(json) + (stderr_path.empty() ? std::string(" 2>&1") : " 2>" + Quoted(stderr_path));
  Shot shot;
  shot.exit_code = std::system(cmd.c_str());
  if (!fs::exists(png)) {
    ADD_FAILURE() << "no screenshot from: " << cmd;
    return shot;
  }
  shot.pixels = load_image(png.string()).pixels;
  std::ifstream in(json);
  const nlohmann::json layout = nlohmann::json::parse(in);
  for (auto it = layout.begin(); it != layout.end(); ++it) {
    const auto& v = it.value();
    shot.rects[it.key()] = Rect{int(v[0].get<double>()), int(v[1].get<double>()),
                                int(v[2].get<double>()), int(v[3].get<double>())};
  }
  return shot;
}

}  // namespace sepconv::gui_test
