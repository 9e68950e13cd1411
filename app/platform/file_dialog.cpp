// Runs zenity/kdialog through popen; see file_dialog.h.
#include "platform/file_dialog.h"

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
  zenity_ = OnPath("zenity");
  kdialog_ = !zenity_ && OnPath("kdialog");
  if (zenity_ || kdialog_) command_ = zenity_ ? "zenity" : "kdialog";
}

namespace {

// The command that asks for one file of `kind`, starting in `start` (a folder).
std::string DialogCommand(bool zenity, FileKind kind, const std::string& start) {
  const bool image = kind == FileKind::Image;
  if (zenity) {
    return std::string("zenity --file-selection --title=") +
           (image ? "'Open an image' --file-filter='Images | *.png *.jpg *.jpeg *.bmp *.tga "
                    "*.gif *.psd *.hdr *.pnm *.ppm *.pgm *.PNG *.JPG *.JPEG'"
                  : "'Open a lesson or session' --file-filter='Lessons and sessions | *.json'") +
           " --file-filter='All files | *' --filename=" + ShellQuote(start + "/");
  }
  return "kdialog --getopenfilename " + ShellQuote(start + "/") +
         (image ? " 'Images (*.png *.jpg *.jpeg *.bmp *.tga *.gif *.psd *.hdr *.pnm)'"
                : " 'Lessons and sessions (*.json)'");
}

}  // namespace

DesktopFileDialog::~DesktopFileDialog() {
  if (thread_.joinable()) thread_.join();
}

bool DesktopFileDialog::Open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

void DesktopFileDialog::Start(const std::string& folder, FileKind kind) {
  if (command_.empty() || Open()) return;
  if (thread_.joinable()) thread_.join();
  {
    std::lock_guard lock(mutex_);
    open_ = true;
    kind_ = kind;
  }
  const std::string cmd =
      DialogCommand(zenity_, kind, folder.empty() ? std::string(".") : folder) + " 2>/dev/null";
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

std::optional<std::string> DesktopFileDialog::TakeResult(FileKind* kind) {
  std::lock_guard lock(mutex_);
  if (kind) *kind = kind_;
  std::optional<std::string> out = std::move(result_);
  result_.reset();
  return out;
}

}  // namespace sepconv::app
