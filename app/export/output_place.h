// Where an export's bytes go before they are the file: a fresh temporary name beside the
// target, flushed to the disk and renamed over it, so a failure or a cancel leaves the
// folder as it was (the rule core/atomic_write.h keeps for every other write path).
#pragma once

#include <string>

namespace sepconv::app {

// The system's reason for an errno value ("No space left on device").
std::string SystemReason(int err);

// Throws Error(FileWrite) when `path` cannot become a file: its folder is missing, it is
// a folder, or it exists and `overwrite` is false.
void CheckFileTarget(const std::string& path, bool overwrite);

// Creates an empty file with a fresh name beside `path` (never one already there) and
// returns that name. Throws Error(FileWrite) naming `path` when the folder refuses.
std::string ReserveTemporaryFile(const std::string& path);

// Flushes `tmp` to the disk and renames it to `path`. Without `overwrite` a `path` that
// appeared since the check is refused. On failure `tmp` is removed and Error(FileWrite)
// thrown; `path` is left as it was.
void CommitFile(const std::string& tmp, const std::string& path, bool overwrite);

// Removes a file or a folder tree, ignoring errors (cleanup after a failure).
void RemoveQuietly(const std::string& path) noexcept;

}  // namespace sepconv::app
