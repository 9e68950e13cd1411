// The desktop's own file dialog (zenity or kdialog) run on a helper thread, so the
// window keeps drawing while the dialog is open.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace sepconv::app {

class DesktopFileDialog {
 public:
  DesktopFileDialog();
  ~DesktopFileDialog();
  DesktopFileDialog(const DesktopFileDialog&) = delete;
  DesktopFileDialog& operator=(const DesktopFileDialog&) = delete;

  bool Available() const { return !command_.empty(); }
  bool Open() const;  // a dialog is showing
  void Start(const std::string& folder);
  // The chosen path once the dialog closed ("" when the user cancelled).
  std::optional<std::string> TakeResult();

 private:
  std::string command_;  // the zenity or kdialog invocation, "" when neither exists
  mutable std::mutex mutex_;
  bool open_ = false;
  std::optional<std::string> result_;
  std::thread thread_;
};

}  // namespace sepconv::app
