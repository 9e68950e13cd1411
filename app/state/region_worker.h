// The channel viewer's sharp picture: the visible region of one channel, area-averaged
// down to the canvas's pixels when zoomed out, or at full resolution when zoomed in, made
// on a worker thread so neither panning a 24 MP channel nor zooming stalls a frame. The
// newest request wins.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "resize.h"
#include "state/compute.h"

namespace sepconv::app {

// The largest region picture (a 4K screen's worth): texture memory stays bounded.
constexpr int64_t kMaxRegionPixels = int64_t{4} << 20;

struct RegionRequest {
  std::shared_ptr<const JobResult> result;
  TensorSource source = TensorSource::Standard;
  int channel = 0;
  Region region;  // in tensor pixels
  Size2 size;     // of the picture made from it (at most the region's size)
  bool operator==(const RegionRequest& o) const {
    return result == o.result && source == o.source && channel == o.channel &&
           region.x0 == o.region.x0 && region.y0 == o.region.y0 && region.x1 == o.region.x1 &&
           region.y1 == o.region.y1 && size.h == o.size.h && size.w == o.size.w;
  }
};

struct RegionImage {
  RegionRequest request;
  std::vector<float> values;  // size.h x size.w, row-major
};

// The request a viewer needs for `visible` (tensor pixels, clipped to the tensor) drawn at
// `zoom` screen pixels per value: the region grown to a grid of 64 pixels (small pans
// reuse the picture) and never finer than the tensor or coarser than the screen.
RegionRequest RegionFor(std::shared_ptr<const JobResult> result, TensorSource source, int channel,
                        const Region& visible, float zoom);

class RegionWorker {
 public:
  RegionWorker();
  ~RegionWorker();
  RegionWorker(const RegionWorker&) = delete;
  RegionWorker& operator=(const RegionWorker&) = delete;

  void Request(const RegionRequest& request);  // replaces any request not yet started
  // Drops the waiting request and the finished picture (and their results); a picture
  // being made is dropped when it is done.
  void Clear();
  std::shared_ptr<const RegionImage> TakeFinished();
  bool Busy() const;

 private:
  void Loop();
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<RegionRequest> pending_;
  std::shared_ptr<const RegionImage> finished_;
  bool busy_ = false, stop_ = false;
  uint64_t cleared_ = 0;  // bumped by Clear: a picture started before it is not kept
  std::thread thread_;    // last: started after the members it uses
};

}  // namespace sepconv::app
