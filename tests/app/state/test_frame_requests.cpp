// AddRequests: a panel's returned requests join the frame's. Every field travels (one
// test per kind: flags, names, numbers, the tab), none is lost when another panel asked
// for something else first, and apply_edits stays with the panel that returned it.
#include <gtest/gtest.h>

#include "state/frame_requests.h"

namespace sepconv::app {
namespace {

TEST(FrameRequests, NothingAskedChangesNothing) {
  FrameRequests into;
  into.load_path = "a.png";
  into.reveal = true;
  into.go_to_step = 2;
  AddRequests(into, FrameRequests{});
  EXPECT_EQ(into.load_path, "a.png");
  EXPECT_TRUE(into.reveal);
  EXPECT_EQ(into.go_to_step, 2);
  EXPECT_FALSE(into.quit);
  EXPECT_EQ(into.select_tab, LessonTab::None);
}

TEST(FrameRequests, EveryFlagTravels) {
  bool FrameRequests::*flags[] = {&FrameRequests::open_dialog,
                                  &FrameRequests::screenshot,
                                  &FrameRequests::quit,
                                  &FrameRequests::toggle_fullscreen,
                                  &FrameRequests::cancel_job,
                                  &FrameRequests::start_export,
                                  &FrameRequests::cancel_export,
                                  &FrameRequests::cancel_recording,
                                  &FrameRequests::reveal,
                                  &FrameRequests::close_lesson,
                                  &FrameRequests::toggle_presentation,
                                  &FrameRequests::add_to_lesson,
                                  &FrameRequests::copy_command,
                                  &FrameRequests::open_lesson_dialog,
                                  &FrameRequests::ui_scale_changed,
                                  &FrameRequests::theme_changed,
                                  &FrameRequests::animating};
  for (bool FrameRequests::*flag : flags) {
    FrameRequests into, asked;
    asked.*flag = true;
    AddRequests(into, asked);
    EXPECT_TRUE(into.*flag);
    // A flag another panel set stays set when this one did not ask.
    AddRequests(into, FrameRequests{});
    EXPECT_TRUE(into.*flag);
  }
}

TEST(FrameRequests, NamesAndNumbersReplaceOnlyWhenAsked) {
  std::string FrameRequests::*names[] = {&FrameRequests::load_path,
                                         &FrameRequests::export_weights_folder,
                                         &FrameRequests::import_weights_folder,
                                         &FrameRequests::open_lesson, &FrameRequests::save_session};
  for (std::string FrameRequests::*name : names) {
    FrameRequests into, asked;
    into.*name = "first";
    AddRequests(into, asked);
    EXPECT_EQ(into.*name, "first");
    asked.*name = "second";
    AddRequests(into, asked);
    EXPECT_EQ(into.*name, "second");
  }
  FrameRequests into, asked;
  asked.go_to_step = 0;  // step 0 is a step, not "none"
  asked.working_megapixels = 12.5;
  asked.select_tab = LessonTab::Animation;
  AddRequests(into, asked);
  EXPECT_EQ(into.go_to_step, 0);
  EXPECT_EQ(into.working_megapixels, 12.5);
  EXPECT_EQ(into.select_tab, LessonTab::Animation);
}

// The overwrite choice belongs to the export asked with it, not to an earlier one.
TEST(FrameRequests, OverwriteTravelsWithItsExport) {
  FrameRequests into;
  into.export_overwrite = true;
  FrameRequests asked;
  asked.start_export = true;
  asked.export_overwrite = false;
  AddRequests(into, asked);
  EXPECT_TRUE(into.start_export);
  EXPECT_FALSE(into.export_overwrite);
  FrameRequests other;
  other.export_overwrite = true;  // without an export: not taken
  AddRequests(into, other);
  EXPECT_FALSE(into.export_overwrite);
}

TEST(FrameRequests, ApplyEditsIsNotAdded) {
  FrameRequests into, asked;
  asked.apply_edits = true;
  AddRequests(into, asked);
  EXPECT_FALSE(into.apply_edits) << "applied by the caller the moment the panel returns";
}

}  // namespace
}  // namespace sepconv::app
