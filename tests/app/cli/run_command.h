// Runs a shell command for the CLI tests, capturing its exit code, stdout and stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace sepconv::cli_test {

struct CommandResult {
  int code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

inline CommandResult RunCommand(const std::string& cmd) {
  const std::filesystem::path err_file =
      std::filesystem::temp_directory_path() / ("sepconv_cmd_err_" + std::to_string(::getpid()));
  CommandResult r;
  FILE* pipe = ::popen((cmd + " 2>" + err_file.string()).c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream f(err_file);
  r.err.assign(std::istreambuf_iterator<char>(f), {});
  return r;
}

}  // namespace sepconv::cli_test
