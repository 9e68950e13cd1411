// Where the bundled samples and lessons are: `../share/sepconv-lab` beside the binary
// (an installed copy, at any prefix), or the source tree's `assets/` for a binary that
// runs from this build tree. An installed binary never falls back to the source tree,
// so a broken installed lookup shows up instead of being hidden.
#pragma once

#include <string>
#include <vector>

namespace sepconv::app {

// The folders to search, first match wins (empty when none exists).
std::vector<std::string> AssetDirs();

// The same rule for a given executable path (tests).
std::vector<std::string> AssetDirsFor(const std::string& executable);

}  // namespace sepconv::app
