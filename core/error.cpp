// Names for error kinds, used in CLI messages and UI banners.
#include "error.h"

namespace sepconv {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::InvalidParameter:
      return "invalid parameter";
    case ErrorKind::ImageLoad:
      return "cannot load image";
    case ErrorKind::ImageTooLarge:
      return "image too large";
    case ErrorKind::NpyFormat:
      return "bad .npy file";
    case ErrorKind::FileWrite:
      return "cannot write file";
    case ErrorKind::OutOfBudget:
      return "over memory budget";
    case ErrorKind::Cancelled:
      return "cancelled";
    case ErrorKind::LessonFormat:
      return "bad lesson file";
  }
  return "error";
}

}  // namespace sepconv
