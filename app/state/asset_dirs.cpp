// The bundled assets' folders; see asset_dirs.h.
#include "state/asset_dirs.h"

#include <filesystem>

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

// True when `path` lies inside `folder` (both made absolute and normal).
[[maybe_unused]] bool Inside(const fs::path& path, const fs::path& folder) {
  const fs::path rel = path.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

std::vector<std::string> AssetDirsFor(const std::string& executable) {
  std::vector<std::string> dirs;
  std::error_code ec;
  const fs::path exe = fs::weakly_canonical(executable, ec);
  const fs::path installed = (exe.parent_path().parent_path() / "share" / "sepconv-lab");
  if (fs::is_directory(installed, ec)) dirs.push_back(installed.string());
#if defined(SEPCONV_SOURCE_ASSETS) && defined(SEPCONV_BUILD_ROOT)
  if (Inside(exe, fs::weakly_canonical(SEPCONV_BUILD_ROOT, ec)) &&
      fs::is_directory(SEPCONV_SOURCE_ASSETS, ec)) {
    dirs.emplace_back(SEPCONV_SOURCE_ASSETS);
  }
#endif
  return dirs;
}

std::vector<std::string> AssetDirs() {
  return AssetDirsFor("/proc/self/exe");
}

}  // namespace sepconv::app
