// The desktop's own file dialog (zenity or kdialog) run on a helper thread, so the
// window keeps drawing while the dialog is open.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace sepconv::app {

// What the dialog opens: an image, or a lesson or session (.json).
enum class FileKind { Image, Lesson };

class DesktopFileDialog {
 public:
  DesktopFileDialog();
  ~DesktopFileDialog();
  DesktopFileDialog(const DesktopFileDialog&) = delete;
  DesktopFileDialog& operator=(const DesktopFileDialog&) = delete;

  bool Available() const { return !command_.empty(); }
  bool Open() const;  // a dialog is showing
  void Start(const std::string& folder, FileKind kind = FileKind::Image);
  // The chosen path once the dialog closed ("" when the user cancelled), and its kind.
  std::optional<std::string> TakeResult(FileKind* kind = nullptr);

 private:
  bool zenity_ = false, kdialog_ = false;  // which desktop dialog exists (neither: none)
  std::string command_;  // unused when neither exists; kept non-empty when one does
  FileKind kind_ = FileKind::Image;
  mutable std::mutex mutex_;
  bool open_ = false;
  std::optional<std::string> result_;
  std::thread thread_;
};

}  // namespace sepconv::app
