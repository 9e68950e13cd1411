// RunOnTmpfs: fork, unshare the mount namespace (and the user namespace when not root),
// mount, run, report through a pipe; see private_mount.h.
#include "private_mount.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace sepconv::testing {
namespace {

constexpr int kUnavailable = 77;

bool WriteText(const char* path, const std::string& text) {
  const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// Root may unshare the mount namespace alone; anyone else needs a user namespace whose
// root is mapped to them (as `unshare -rm` does).
bool EnterPrivateMounts() {
  if (::geteuid() == 0 && ::unshare(CLONE_NEWNS) == 0) return true;
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return false;
  WriteText("/proc/self/setgroups", "deny");
  return WriteText("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") &&
         WriteText("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1");
}

}  // namespace

std::optional<std::string> RunOnTmpfs(const std::string& dir, const std::string& options,
                                      const std::function<std::string()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) return std::nullopt;
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return std::nullopt;
  if (pid == 0) {
    ::close(fds[0]);
    if (!EnterPrivateMounts() || ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
      ::_exit(kUnavailable);
    }
    unsigned long flags = 0;
    std::string data = options;
    if (data.rfind("ro,", 0) == 0) {
      flags = MS_RDONLY;
      data = data.substr(3);
    }
    if (::mount("tmpfs", dir.c_str(), "tmpfs", flags, data.c_str()) != 0) ::_exit(kUnavailable);
    std::string report;
    try {
      report = body();
    } catch (const std::exception& e) {
      report = std::string("unexpected exception: ") + e.what();
    }
    if (::write(fds[1], report.data(), report.size()) < 0) ::_exit(2);
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string report;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) report.append(buffer, n);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == kUnavailable) return std::nullopt;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return "the child process died (status " + std::to_string(status) + "): " + report;
  }
  return report;
}

}  // namespace sepconv::testing
