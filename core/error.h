// Typed errors raised by the core: each carries a kind and a message a teacher can
// read (the file or parameter, the reason, and the numbers involved).
#pragma once

#include <stdexcept>
#include <string>

namespace sepconv {

enum class ErrorKind {
  InvalidParameter,  // a layer parameter outside its allowed range
  ImageLoad,         // an image file that cannot be read or decoded
  ImageTooLarge,     // an image whose header says it exceeds the pixel limit
  NpyFormat,         // a malformed .npy file or one whose shape does not fit
  FileWrite,         // a file that could not be written
  OutOfBudget,       // work whose memory estimate exceeds the budget
  Cancelled,         // a job stopped because the caller asked it to
  LessonFormat,      // a lesson or session file that cannot be read or does not validate
};

// The one exception type the core throws for user-facing failures.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

const char* to_string(ErrorKind kind);

}  // namespace sepconv
