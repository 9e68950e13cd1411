// Faults around the window: a shader that does not compile (injected through
// SEPCONV_FAULT_SHADER) leaves the app running with a banner that says what is missing;
// no display, or no OpenGL 3.3 core context, is one line on stderr and exit code 1.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "app/cli/run_command.h"
#include "app/window/app_runner.h"

namespace sepconv::gui_test {
namespace {

using cli_test::RunCommand;

int Lines(const std::string& text) {
  return int(std::count(text.begin(), text.end(), '\n'));
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Sets an environment variable for the runs of one test (the child inherits it).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

void ExpectShaderFaultShown(const char* shader) {
  ScopedEnv fault("SEPCONV_FAULT_SHADER", shader);
  const fs::path image = WriteStripes(TempDir(), 64, 48, "stripes.png");
  const fs::path err = TempDir() / "shader_fault.err";
  const std::string name = std::string("shader_fault_") + shader;
  const Shot s = RunApp(SEPCONV_LAB_EXE, Quoted(image) + " --size 1280x720", name, err);
  const std::string stderr_text = ReadFile(err);
  // The layer still computes and the screenshot is written: the run succeeds.
  EXPECT_EQ(s.exit_code, 0) << stderr_text;
  EXPECT_NE(stderr_text.find("shader error"), std::string::npos) << stderr_text;
  EXPECT_NE(stderr_text.find(shader), std::string::npos) << stderr_text;
  ASSERT_TRUE(s.rects.count("Banner")) << "no banner says the shader failed";
  const Rect b = s.rects.at("Banner");
  // The banner's fill, sampled in its left padding where no text is.
  const int x = b.x + 3, y = b.y + b.h / 2;
  EXPECT_NEAR(s.r(x, y), 170, 12);
  EXPECT_NEAR(s.g(x, y), 30, 12);
  EXPECT_NEAR(s.b(x, y), 30, 12);
}

TEST(WindowFaults, FragmentShaderThatDoesNotCompileLeavesTheAppRunning) {
  ExpectShaderFaultShown("colormap.frag");
}

TEST(WindowFaults, VertexShaderThatDoesNotCompileLeavesTheAppRunning) {
  ExpectShaderFaultShown("fullscreen.vert");
}

TEST(WindowFaults, NoDisplayIsOneLineAndExitCodeOne) {
  const fs::path image = WriteStripes(TempDir(), 64, 48, "stripes.png");
  const auto r = RunCommand("env -u DISPLAY -u WAYLAND_DISPLAY " + Quoted(SEPCONV_LAB_EXE) + " " +
                            Quoted(image));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(Lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("cannot initialise GLFW"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("xvfb-run"), std::string::npos) << r.err;
}

// Mesa told to offer OpenGL 3.0 at most cannot give the 3.3 core context the app asks
// for, as an old driver would not.
TEST(WindowFaults, NoOpenGl33ContextIsOneLineAndExitCodeOne) {
  const fs::path image = WriteStripes(TempDir(), 64, 48, "stripes.png");
  const char* display = std::getenv("DISPLAY");
  const std::string prefix = display && *display ? "" : "xvfb-run -a ";
  const auto r = RunCommand(prefix + "env MESA_GL_VERSION_OVERRIDE=3.0 " + Quoted(SEPCONV_LAB_EXE) +
                            " " + Quoted(image));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(Lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("OpenGL 3.3 core context"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sepconv::gui_test
