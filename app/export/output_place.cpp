// Temporary names, fsync and rename for export files; see output_place.h.
#include "export/output_place.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "error.h"

namespace sepconv::app {

namespace fs = std::filesystem;

std::string SystemReason(int err) {
  return err == 0 ? std::string("unknown error") : std::string(std::strerror(err));
}

void CheckFileTarget(const std::string& path, bool overwrite) {
  std::error_code ec;
  const fs::path target(path);
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (!fs::is_directory(folder, ec)) {
    throw Error(ErrorKind::FileWrite, path + ": the folder " + folder.string() + " does not exist");
  }
  if (fs::is_directory(target, ec)) {
    throw Error(ErrorKind::FileWrite,
                path + ": is a folder; give a file name ending in .mp4 or .gif");
  }
  if (!overwrite && fs::exists(target, ec)) {
    throw Error(ErrorKind::FileWrite, path + " already exists (pass --overwrite to replace it)");
  }
}

std::string ReserveTemporaryFile(const std::string& path) {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    // Hidden, so a file manager or a slide program does not offer a half-written file.
    const fs::path p(path);
    const std::string tmp =
        (p.parent_path() / ("." + p.filename().string() + ".tmp" + std::to_string(rd() % 1000000)))
            .string();
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return tmp;
    }
    if (errno != EEXIST) {
      throw Error(ErrorKind::FileWrite,
                  path + ": cannot create a file in that folder (" + SystemReason(errno) + ")");
    }
  }
  throw Error(ErrorKind::FileWrite, path + ": cannot find a free temporary name beside it");
}

void CommitFile(const std::string& tmp, const std::string& path, bool overwrite) {
  auto fail = [&](const std::string& why) {
    RemoveQuietly(tmp);
    throw Error(ErrorKind::FileWrite, path + ": " + why);
  };
  // The bytes reach the disk before the rename makes them the file: after a power cut
  // the target is the old file or the new one, never an empty one.
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    fail("the temporary file vanished (" + SystemReason(errno) + "); nothing was written");
  const int synced = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  // Some file systems cannot sync (EINVAL); that is not a write error.
  if (synced != 0 && synced != EINVAL) {
    fail("the write failed (" + SystemReason(synced) + "); nothing was written");
  }
  std::error_code ec;
  if (!overwrite && fs::exists(path, ec)) {
    fail("appeared while exporting; it was left as it is (pass --overwrite to replace it)");
  }
  fs::rename(tmp, path, ec);
  if (ec) fail("cannot rename the temporary file into place (" + ec.message() + ")");
}

void RemoveQuietly(const std::string& path) noexcept {
  std::error_code ec;
  fs::remove_all(path, ec);
}

}  // namespace sepconv::app
