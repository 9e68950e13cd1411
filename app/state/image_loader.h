// Decodes image files off the UI thread (a large JPEG takes long enough to stall a
// frame). The newest load wins; a failed load leaves the caller's image untouched.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "image_io.h"
#include "state/display_types.h"

namespace sepconv::app {

struct LoadOutcome {
  uint64_t id = 0;
  std::string path;
  std::shared_ptr<const LoadedImage> image;  // null on failure
  std::shared_ptr<const RgbaMips> overview;  // the image shrunk and coloured for display
  std::string error;                         // "file: reason" on failure
};

class ImageLoader {
 public:
  ImageLoader() = default;
  ~ImageLoader();
  ImageLoader(const ImageLoader&) = delete;
  ImageLoader& operator=(const ImageLoader&) = delete;

  uint64_t Start(const std::string& path);
  std::optional<LoadOutcome> TakeFinished();
  bool Busy() const;

 private:
  mutable std::mutex mutex_;
  uint64_t latest_ = 0;
  int active_ = 0;
  std::optional<LoadOutcome> finished_;
  std::vector<std::thread> threads_;  // joined in the destructor; loads are short
};

}  // namespace sepconv::app
