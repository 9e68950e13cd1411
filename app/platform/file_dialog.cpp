// Runs zenity/kdialog through popen; see file_dialog.h.
#include "file_dialog.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace sepconv::app {
namespace {

bool OnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::stringstream dirs(path);
  std::string dir;
  std::error_code ec;
  while (std::getline(dirs, dir, ':')) {
    if (!dir.empty() && std::filesystem::exists(std::filesystem::path(dir) / program, ec))
      return true;
  }
  return false;
}

// Single quotes for the shell; a quote inside becomes '\''.
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

DesktopFileDialog::DesktopFileDialog() {
  if (OnPath("zenity")) {
    command_ =
        "zenity --file-selection --title='Open an image' "
        "--file-filter='Images | *.png *.jpg *.jpeg *.bmp *.tga *.gif *.psd *.hdr *.pnm "
        "*.ppm *.pgm *.PNG *.JPG *.JPEG' --file-filter='All files | *' --filename=";
  } else if (OnPath("kdialog")) {
    command_ = "kdialog --getopenfilename ";
  }
}

DesktopFileDialog::~DesktopFileDialog() {
  if (thread_.joinable()) thread_.join();
}

bool DesktopFileDialog::Open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

void DesktopFileDialog::Start(const std::string& folder) {
  if (command_.empty() || Open()) return;
  if (thread_.joinable()) thread_.join();
  {
    std::lock_guard lock(mutex_);
    open_ = true;
  }
  const std::string start = folder.empty() ? std::string(".") : folder;
  std::string cmd = command_ + ShellQuote(start + "/");
  if (cmd.rfind("kdialog", 0) == 0) {
    cmd += " 'Images (*.png *.jpg *.jpeg *.bmp *.tga *.gif *.psd *.hdr *.pnm)'";
  }
  cmd += " 2>/dev/null";
  thread_ = std::thread([this, cmd] {
    std::string out;
    if (FILE* pipe = popen(cmd.c_str(), "r")) {
      char buf[4096];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
      pclose(pipe);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    std::lock_guard lock(mutex_);
    open_ = false;
    result_ = out;
  });
}

std::optional<std::string> DesktopFileDialog::TakeResult() {
  std::lock_guard lock(mutex_);
  std::optional<std::string> out = std::move(result_);
  result_.reset();
  return out;
}

}  // namespace sepconv::app
