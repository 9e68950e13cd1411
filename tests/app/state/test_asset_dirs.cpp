// Where the app looks for its samples and lessons: an installed copy beside the binary at
// any prefix, the source tree only for a binary inside this build tree.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "state/asset_dirs.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

TEST(AssetDirs, InstalledCopyAtAnyPrefixAndNoSourceFallbackOutsideTheBuild) {
  const fs::path prefix =
      fs::temp_directory_path() / ("sepconv_prefix_" + std::to_string(::getpid())) / "opt";
  fs::create_directories(prefix / "bin");
  const std::string exe = (prefix / "bin" / "sepconv-lab").string();
  EXPECT_TRUE(AssetDirsFor(exe).empty()) << "nothing installed, and not in the build tree";
  fs::create_directories(prefix / "share" / "sepconv-lab");
  const std::vector<std::string> dirs = AssetDirsFor(exe);
  ASSERT_EQ(dirs.size(), 1u);
  EXPECT_EQ(fs::path(dirs[0]), fs::weakly_canonical(prefix / "share" / "sepconv-lab"));
  fs::remove_all(prefix.parent_path());
}

TEST(AssetDirs, ABinaryInThisBuildTreeUsesTheSourceAssets) {
  const std::vector<std::string> dirs = AssetDirsFor("/proc/self/exe");  // this test
  ASSERT_FALSE(dirs.empty());
  EXPECT_TRUE(fs::exists(fs::path(dirs.back()) / "lessons" / "derivation.json")) << dirs.back();
}

}  // namespace
}  // namespace sepconv::app
