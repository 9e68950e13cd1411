// The animation export's encoder thread; see encode_queue.h.
#include "export/encode_queue.h"

#include <exception>
#include <memory>

namespace sepconv::app {

EncodeQueue::EncodeQueue(const AnimationSpec& spec, int palette_samples, int frames, bool bottom_up,
                         int capacity)
    : spec_(spec),
      samples_(spec.path.empty() || AnimationFormatFor(spec.path) != AnimationFormat::Gif
                   ? 0
                   : palette_samples),
      frames_(frames),
      capacity_(capacity),
      bottom_up_(bottom_up) {
  outcome_.path = spec.path;
  worker_ = std::thread([this] { Work(); });
}

EncodeQueue::~EncodeQueue() {
  Cancel();
  worker_.join();
}

bool EncodeQueue::WantsFrame() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return !cancel_ && !done_ && pushed_ < samples_ + frames_ && int(queue_.size()) < capacity_;
}

void EncodeQueue::Push(std::vector<uint8_t> pixels) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (cancel_ || done_ || pushed_ >= samples_ + frames_) return;
    queue_.push_back(std::move(pixels));
    ++pushed_;
  }
  wake_.notify_one();
}

void EncodeQueue::Cancel() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (done_) return;
    cancel_ = true;
    queue_.clear();
  }
  wake_.notify_one();
}

double EncodeQueue::Progress() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return frames_ > 0 ? double(encoded_) / frames_ : 1.0;
}

int EncodeQueue::Pushed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return pushed_;
}

std::optional<EncodeOutcome> EncodeQueue::TakeFinished() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!done_ || taken_) return std::nullopt;
  taken_ = true;
  return outcome_;
}

void EncodeQueue::Work() {
  EncodeOutcome result;
  result.path = spec_.path;
  try {
    AnimationWriter writer(spec_);
    const int bytes_per_pixel = spec_.layout == PixelLayout::Rgba ? 4 : 3;
    const int row = spec_.width * bytes_per_pixel;
    for (int taken = 0; taken < samples_ + frames_; ++taken) {
      std::vector<uint8_t> pixels;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return cancel_ || !queue_.empty(); });
        if (cancel_) break;
        pixels = std::move(queue_.front());
        queue_.pop_front();
      }
      // glReadPixels gives the bottom row first: start at the last row, step backwards.
      const uint8_t* start =
          bottom_up_ ? pixels.data() + size_t(spec_.height - 1) * size_t(row) : pixels.data();
      const int stride = bottom_up_ ? -row : row;
      if (taken < samples_) {
        writer.AddPaletteSample(start, stride);
      } else {
        writer.AddFrame(start, stride);
        std::lock_guard<std::mutex> lock(mutex_);
        ++encoded_;
      }
    }
    bool cancelled;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      cancelled = cancel_;
    }
    if (cancelled) {
      writer.Cancel();
      result.cancelled = true;
    } else {
      writer.Finish();
      result.ok = true;
      result.frames = writer.FrameCount();
    }
  } catch (const std::exception& e) {
    result.ok = false;
    result.error = e.what();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  outcome_ = result;
  done_ = true;
}

}  // namespace sepconv::app
