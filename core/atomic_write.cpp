// write_file_atomically: temporary file, write, fsync, rename; errno names the reason.
#include "atomic_write.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <random>
#include <streambuf>

#include "error.h"

namespace sepconv {
namespace {

namespace fs = std::filesystem;

std::string reason(int err) {
  return err == 0 ? std::string("unknown error") : std::string(std::strerror(err));
}

// A stream buffer over a file descriptor that keeps the errno of the write that failed
// (std::ofstream loses it), so the message can say "No space left on device".
class FileBuffer : public std::streambuf {
 public:
  explicit FileBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  int error() const { return error_; }
  // Writes what is buffered; false (and error() set) when the system refused.
  bool Drain() {
    const char* p = pbase();
    while (p < pptr() && error_ == 0) {
      const ssize_t n = ::write(fd_, p, static_cast<size_t>(pptr() - p));
      if (n > 0) {
        p += n;
      } else if (n < 0 && errno != EINTR) {
        error_ = errno;
      }
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return error_ == 0;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return Drain() ? 0 : -1; }

 private:
  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

[[noreturn]] void fail(const std::string& tmp, const std::string& message) {
  std::error_code ec;
  fs::remove(tmp, ec);
  throw Error(ErrorKind::FileWrite, message);
}

// Writes, flushes and syncs into the open descriptor; returns the errno that stopped it.
// The data reaches the disk before the rename makes it the file: after a power cut the
// target is the old file or the new one, never an empty one.
int write_and_sync(int fd, const std::function<void(std::ostream&)>& write) {
  FileBuffer buffer(fd);
  std::ostream out(&buffer);
  write(out);
  if (!buffer.Drain()) return buffer.error();
  if (!out) return EIO;
  // Some file systems cannot sync (EINVAL); that is not a write error.
  if (::fsync(fd) != 0 && errno != EINVAL) return errno;
  return 0;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& bytes) {
  write_file_atomically(path, [&bytes](std::ostream& out) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  });
}

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  // A fresh name beside the target (O_EXCL: never a file that is already there).
  std::random_device rd;
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = path + ".tmp" + std::to_string(rd() % 1000000);
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    const int err = errno;
    throw Error(ErrorKind::FileWrite,
                path + ": cannot create a file in that folder (" + reason(err) + ")");
  }
  int err = 0;
  try {
    err = write_and_sync(fd, write);
  } catch (...) {
    ::close(fd);
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) fail(tmp, path + ": the write failed (" + reason(err) + "); nothing was written");
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) fail(tmp, path + ": cannot rename the temporary file into place (" + ec.message() + ")");
}

}  // namespace sepconv
