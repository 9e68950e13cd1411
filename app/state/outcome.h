// What an app operation that can fail gives back: success, or the one message to show (the
// banner's, the status line's, a scripted run's line on stderr). core keeps its typed
// sepconv::Error; the app turns one into an Outcome where it is caught.
#pragma once

#include <string>
#include <utility>

namespace sepconv::app {

class [[nodiscard]] Outcome {
 public:
  Outcome() = default;  // success
  static Outcome Failure(std::string why) {
    Outcome o;
    o.why_ = why.empty() ? std::string("failed for an unknown reason") : std::move(why);
    return o;
  }
  bool ok() const { return why_.empty(); }
  // "" on success, else the message: tests compare it with "" so a failure prints it.
  const std::string& why() const { return why_; }

 private:
  std::string why_;
};

}  // namespace sepconv::app
