// Image decoding on short-lived threads; see image_loader.h.
#include "state/image_loader.h"

#include <new>

#include "state/background_priority.h"

#include "memory_budget.h"
#include "resize.h"
#include "state/display_tiles.h"

#include "error.h"

namespace sepconv::app {

ImageLoader::~ImageLoader() {
  for (auto& t : threads_) t.join();
}

uint64_t ImageLoader::Start(const std::string& path) {
  uint64_t id;
  bool all_done;
  {
    std::lock_guard lock(mutex_);
    all_done = active_ == 0;
  }
  // Finished threads are joined here, so a long session does not collect them.
  if (all_done) {
    for (auto& t : threads_) t.join();
    threads_.clear();
  }
  {
    std::lock_guard lock(mutex_);
    id = ++latest_;
    ++active_;
    // An older load that finished but was not taken yet is superseded by this one.
    finished_.reset();
  }
  threads_.emplace_back([this, id, path] {
    LowerThisThreadsPriority();
    LoadOutcome out;
    out.id = id;
    out.path = path;
    try {
      out.image = std::make_shared<const LoadedImage>(load_image(path));
      const Tensor& px = out.image->pixels;
      out.overview = std::make_shared<const RgbaMips>(
          CompositeImage(downsample(px, fit_long_side(px.dim(1), px.dim(2), kOverviewLongSide))));
    } catch (const std::bad_alloc&) {
      out.error = path + ": out of memory while decoding it; the previous image stays";
    } catch (const std::exception& e) {
      out.error = e.what();
    } catch (...) {
      out.error = path + ": unexpected error of unknown type";
    }
    std::lock_guard lock(mutex_);
    --active_;
    if (id == latest_) finished_ = std::move(out);
  });
  return id;
}

std::optional<LoadOutcome> ImageLoader::TakeFinished() {
  std::lock_guard lock(mutex_);
  std::optional<LoadOutcome> out = std::move(finished_);
  finished_.reset();
  return out;
}

bool ImageLoader::Busy() const {
  std::lock_guard lock(mutex_);
  // A finished load not yet taken is still work in flight for the frame loop.
  return active_ > 0 || finished_.has_value();
}

}  // namespace sepconv::app
