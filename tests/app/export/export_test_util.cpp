// TempFolder, Listing and WriteMovingSquare; see export_test_util.h.
#include "export_test_util.h"

#include <random>

namespace sepconv::testing {

namespace fs = std::filesystem;

TempFolder::TempFolder() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("sepconv-export-" + std::to_string(rd()));
  fs::create_directories(path_);
}

TempFolder::~TempFolder() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::set<std::string> Listing(const fs::path& dir) {
  std::set<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    names.insert(it->path().filename().string());
  }
  return names;
}

std::vector<std::vector<uint8_t>> WriteMovingSquare(const app::AnimationSpec& spec, int count) {
  std::vector<std::vector<uint8_t>> frames;
  app::AnimationWriter writer(spec);
  for (int i = 0; i < count; ++i) {
    frames.push_back(MovingSquareFrame(spec.width, spec.height, i, count));
  }
  // A GIF palette from frames across the clip, as the app will give.
  for (int i : {count / 4, count / 2, 3 * count / 4, count - 1}) {
    writer.AddPaletteSample(frames[i].data(), spec.width * 4);
  }
  for (const auto& f : frames) writer.AddFrame(f.data(), spec.width * 4);
  writer.Finish();
  return frames;
}

}  // namespace sepconv::testing
