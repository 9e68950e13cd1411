// The viewer's region pictures on their own thread; see region_worker.h.
#include "state/region_worker.h"
#include "state/background_priority.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace sepconv::app {

RegionRequest RegionFor(std::shared_ptr<const JobResult> result, TensorSource source, int channel,
                        const Region& visible, float zoom) {
  RegionRequest q;
  const Tensor* t = result ? TensorFor(*result, source) : nullptr;
  q.result = std::move(result);
  q.source = source;
  q.channel = channel;
  if (!t || t->rank() != 3 || visible.width() < 1 || visible.height() < 1) return q;
  const int h = t->dim(1), w = t->dim(2);
  constexpr int kGrid = 64;
  q.region.x0 = std::max(0, visible.x0 / kGrid * kGrid);
  q.region.y0 = std::max(0, visible.y0 / kGrid * kGrid);
  q.region.x1 = std::min(w, (visible.x1 + kGrid - 1) / kGrid * kGrid);
  q.region.y1 = std::min(h, (visible.y1 + kGrid - 1) / kGrid * kGrid);
  // One picture pixel per screen pixel when zoomed out, one per value when zoomed in; the
  // scale is rounded to a power of two so zooming by the wheel reuses pictures.
  float scale = std::min(1.0f, std::exp2(std::ceil(std::log2(std::max(zoom, 1e-4f)))));
  while (scale > 1e-4f &&
         double(q.region.width()) * q.region.height() * scale * scale > double(kMaxRegionPixels))
    scale *= 0.5f;
  q.size.w = std::clamp(static_cast<int>(std::ceil(q.region.width() * scale)), 1, q.region.width());
  q.size.h =
      std::clamp(static_cast<int>(std::ceil(q.region.height() * scale)), 1, q.region.height());
  return q;
}

RegionWorker::RegionWorker() : thread_([this] { Loop(); }) {}

RegionWorker::~RegionWorker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RegionWorker::Request(const RegionRequest& request) {
  {
    std::lock_guard lock(mutex_);
    pending_ = request;
  }
  wake_.notify_all();
}

void RegionWorker::Clear() {
  std::lock_guard lock(mutex_);
  pending_.reset();
  finished_.reset();
  ++cleared_;
}

std::shared_ptr<const RegionImage> RegionWorker::TakeFinished() {
  std::lock_guard lock(mutex_);
  return std::exchange(finished_, nullptr);
}

bool RegionWorker::Busy() const {
  std::lock_guard lock(mutex_);
  return busy_ || pending_.has_value();
}

void RegionWorker::Loop() {
  LowerThisThreadsPriority();
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || pending_.has_value(); });
    if (stop_) return;
    RegionRequest q = std::move(*pending_);
    pending_.reset();
    busy_ = true;
    const uint64_t epoch = cleared_;
    lock.unlock();
    std::shared_ptr<RegionImage> image;
    const Tensor* t = q.result ? TensorFor(*q.result, q.source) : nullptr;
    if (t && t->rank() == 3 && q.channel >= 0 && q.channel < t->dim(0) && q.size.pixels() > 0) {
      image = std::make_shared<RegionImage>();
      image->values.resize(static_cast<size_t>(q.size.pixels()));
      // The tiles' rule: signed (diverging) data keeps its peaks, images are averaged.
      const bool signed_data = ColouringFor(*q.result, q.source, q.channel).diverging;
      downsample_region(t->plane(q.channel), t->dim(1), t->dim(2), q.region, image->values.data(),
                        q.size.h, q.size.w, signed_data ? Shrink::Peak : Shrink::Average);
      image->request = std::move(q);
    }
    q = RegionRequest{};  // its result is no longer held here
    lock.lock();
    busy_ = false;
    if (image && epoch == cleared_) finished_ = std::move(image);
  }
}

}  // namespace sepconv::app
