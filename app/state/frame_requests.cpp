// Adding a panel's requests to the frame's (see frame_requests.h).
#include "state/frame_requests.h"

namespace sepconv::app {
namespace {

void Take(std::string& into, const std::string& asked) {
  if (!asked.empty()) into = asked;
}

}  // namespace

void AddRequests(FrameRequests& into, const FrameRequests& asked) {
  into.open_dialog |= asked.open_dialog;
  into.screenshot |= asked.screenshot;
  into.quit |= asked.quit;
  into.toggle_fullscreen |= asked.toggle_fullscreen;
  into.cancel_job |= asked.cancel_job;
  Take(into.load_path, asked.load_path);
  if (asked.start_export || !asked.export_weights_folder.empty())
    into.export_overwrite = asked.export_overwrite;
  into.start_export |= asked.start_export;
  Take(into.export_weights_folder, asked.export_weights_folder);
  Take(into.import_weights_folder, asked.import_weights_folder);
  into.cancel_export |= asked.cancel_export;
  into.cancel_recording |= asked.cancel_recording;
  if (asked.working_megapixels > 0) into.working_megapixels = asked.working_megapixels;
  Take(into.open_lesson, asked.open_lesson);
  if (asked.go_to_step >= 0) into.go_to_step = asked.go_to_step;
  into.reveal |= asked.reveal;
  into.close_lesson |= asked.close_lesson;
  into.toggle_presentation |= asked.toggle_presentation;
  Take(into.save_session, asked.save_session);
  into.add_to_lesson |= asked.add_to_lesson;
  into.copy_command |= asked.copy_command;
  into.open_lesson_dialog |= asked.open_lesson_dialog;
  if (asked.select_tab != LessonTab::None) into.select_tab = asked.select_tab;
  into.ui_scale_changed |= asked.ui_scale_changed;
  into.theme_changed |= asked.theme_changed;
  into.animating |= asked.animating;
}

}  // namespace sepconv::app
