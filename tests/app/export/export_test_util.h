// Shared by the export tests: a fresh folder per test and what a folder holds.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "export/animation_writer.h"
#include "synthetic_frames.h"

namespace sepconv::testing {

// A fresh empty folder under the system's temporary folder, removed afterwards.
class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The names in `dir` (one level, hidden ones included).
std::set<std::string> Listing(const std::filesystem::path& dir);

// Writes `count` moving-square frames (RGBA) into `spec`; returns the frames written.
std::vector<std::vector<uint8_t>> WriteMovingSquare(const app::AnimationSpec& spec, int count);

}  // namespace sepconv::testing
