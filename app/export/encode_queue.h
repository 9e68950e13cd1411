// The animation export's encoder thread: the UI thread renders frames and hands them
// over; one worker owns the AnimationWriter, so encoding never stalls the window. The
// queue is short, so a slow encoder makes the renderer wait instead of filling memory.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "export/animation_writer.h"

namespace sepconv::app {

struct EncodeOutcome {
  bool ok = false;
  bool cancelled = false;
  std::string path;
  std::string error;  // one line naming the file and the reason
  int frames = 0;
};

class EncodeQueue {
 public:
  // Opens the writer on the worker (a refused spec comes back as the outcome).
  // `palette_samples` frames come first for a GIF's palette (ignored for other formats),
  // then `frames` frames; all in spec.layout, top row first unless bottom_up.
  EncodeQueue(const AnimationSpec& spec, int palette_samples, int frames, bool bottom_up,
              int capacity = 3);
  // Cancels an unfinished export and waits for the worker.
  ~EncodeQueue();
  EncodeQueue(const EncodeQueue&) = delete;
  EncodeQueue& operator=(const EncodeQueue&) = delete;

  // True while the queue has room and the export goes on: render the next frame then.
  bool WantsFrame() const;
  // The next palette sample or frame (width * height pixels of spec.layout).
  void Push(std::vector<uint8_t> pixels);
  // Stops the export; the worker removes what it wrote. The outcome says cancelled.
  void Cancel();
  // Frames encoded so far over frames asked for, 0..1.
  double Progress() const;
  // Pushed palette samples and frames so far.
  int Pushed() const;
  // The outcome once the worker is done (after the last frame, a cancel or a failure).
  std::optional<EncodeOutcome> TakeFinished();

 private:
  void Work();

  AnimationSpec spec_;
  int samples_, frames_, capacity_;
  bool bottom_up_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::vector<uint8_t>> queue_;
  int pushed_ = 0, encoded_ = 0;
  bool cancel_ = false, done_ = false, taken_ = false;
  EncodeOutcome outcome_;
  std::thread worker_;
};

}  // namespace sepconv::app
