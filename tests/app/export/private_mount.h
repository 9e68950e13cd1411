// A tmpfs mounted in a private mount namespace, for the tests of a full disk and a
// read-only folder: nothing is mounted outside the child process that runs the check.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace sepconv::testing {

// Forks; the child mounts a tmpfs with `options` ("size=256k", "ro,size=64k") at `dir`,
// runs `body` there and reports what it returns ("" when the check passed, else what
// failed). std::nullopt when this machine gives no private mount namespace (skip).
std::optional<std::string> RunOnTmpfs(const std::string& dir, const std::string& options,
                                      const std::function<std::string()>& body);

}  // namespace sepconv::testing
