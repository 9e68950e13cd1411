// Writing a file so that a failure never leaves a half-written one: the bytes go to a
// temporary file in the same folder, are flushed to the disk, and are renamed over the
// target. Every write path of the CLI and the app goes through here.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace sepconv {

// Writes bytes to `path` through a temporary file and a rename. Throws Error(FileWrite)
// naming the file and the system's reason (a read-only folder, a full disk, ...); the
// temporary file is removed and an existing `path` is left as it was.
void write_file_atomically(const std::string& path, const std::string& bytes);
// The same with the bytes produced by `write` into the temporary file's stream. An
// exception from `write` is passed on after the temporary file is removed.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace sepconv
