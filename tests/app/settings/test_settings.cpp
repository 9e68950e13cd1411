// The settings file (app/settings/settings.h) without a window: a round trip, the old
// window.txt read once, corrupt and unreadable files ignored with one line, the recent
// lists capped, and where the file lives.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "settings/settings.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

class SettingsFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sepconv_settings_" + std::to_string(::getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    path = dir / "sepconv-lab" / "settings.json";
  }
  void TearDown() override { fs::remove_all(dir); }
  void Write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
  }
  fs::path dir, path;
};

size_t Lines(const std::string& s) {
  return size_t(std::count(s.begin(), s.end(), '\n'));
}

// The geometry as "valid x,y WxH", so a mismatch prints the whole of it.
std::string Describe(const WindowGeometry& g) {
  return std::string(g.valid ? "valid " : "invalid ") + std::to_string(g.x) + "," +
         std::to_string(g.y) + " " + std::to_string(g.width) + "x" + std::to_string(g.height);
}

std::vector<std::string> Numbered(const std::string& stem, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(stem + std::to_string(i));
  return out;
}

TEST_F(SettingsFile, RoundTripKeepsEverything) {
  Settings s;
  s.window = WindowGeometry{true, 40, 60, 1600, 900};
  s.ui_scale = 1.75f;
  s.theme = ThemeKind::Light;
  s.recent_files = {"/photos/b.jpg", "/photos/a.png"};
  s.recent_lessons = {"lessons/stride.json"};
  ASSERT_TRUE(SaveSettings(path, s));  // creates the sepconv-lab folder
  const Settings back = LoadSettings(path);
  EXPECT_EQ(Describe(back.window), "valid 40,60 1600x900");
  EXPECT_EQ(back.ui_scale, 1.75f);
  EXPECT_EQ(back.theme, ThemeKind::Light);
  EXPECT_EQ(back.recent_files, s.recent_files);
  EXPECT_EQ(back.recent_lessons, s.recent_lessons);
  // Written through a temporary name: nothing else is left in the folder.
  int files = 0;
  for (const auto& e : fs::directory_iterator(path.parent_path())) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
}

TEST_F(SettingsFile, NoFileGivesTheDefaultsSilently) {
  ::testing::internal::CaptureStderr();
  const Settings s = LoadSettings(path);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_FALSE(s.window.valid);
  EXPECT_EQ(s.ui_scale, 1.0f);
  EXPECT_EQ(s.theme, ThemeKind::Dark);
  EXPECT_TRUE(s.recent_files.empty());
}

TEST_F(SettingsFile, OldWindowTxtIsReadUntilSettingsJsonExists) {
  Write(path.parent_path() / "window.txt", "12 34 1024 700 1.5\n");
  const Settings old = LoadSettings(path);
  EXPECT_EQ(Describe(old.window), "valid 12,34 1024x700");
  EXPECT_EQ(old.ui_scale, 1.5f);
  // Once settings.json is written, it is what counts.
  Settings mine = old;
  mine.window.width = 1500;
  mine.ui_scale = 1.25f;
  ASSERT_TRUE(SaveSettings(path, mine));
  const Settings now = LoadSettings(path);
  EXPECT_EQ(now.window.width, 1500);
  EXPECT_EQ(now.ui_scale, 1.25f);
}

TEST_F(SettingsFile, OldWindowTxtWithoutScaleOrTooSmallKeepsDefaults) {
  Write(path.parent_path() / "window.txt", "0 0 200 100\n");
  const Settings s = LoadSettings(path);
  EXPECT_FALSE(s.window.valid) << "a 200 x 100 window is not worth restoring";
  EXPECT_EQ(s.ui_scale, 1.0f);
}

TEST_F(SettingsFile, CorruptFileIsIgnoredWithOneLine) {
  const std::string bad[] = {
      "{ \"theme\": \"light\", ",                       // cut off
      "this is not JSON",                               // not JSON at all
      "[1, 2, 3]",                                      // JSON, not an object
      "{\"theme\": \"light\", \"ui_scale\": \"big\"}",  // a wrong type
      "{\"window\": {\"x\": 1}}",                       // a missing field
      "{\"recent_files\": [\"a.png\", 7]}",             // a list of the wrong things
  };
  for (const std::string& text : bad) {
    Write(path, text);
    ::testing::internal::CaptureStderr();
    const Settings s = LoadSettings(path);
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(Lines(err), 1u) << text << " -> " << err;
    EXPECT_NE(err.find("settings.json"), std::string::npos) << err;
    EXPECT_EQ(s.theme, ThemeKind::Dark) << text;
    EXPECT_EQ(s.ui_scale, 1.0f) << text;
    EXPECT_TRUE(s.recent_files.empty()) << text;
  }
}

TEST_F(SettingsFile, UnreadableFileIsIgnoredWithOneLine) {
  fs::create_directories(path);  // a folder where the file should be: cannot be read
  ::testing::internal::CaptureStderr();
  const Settings s = LoadSettings(path);
  EXPECT_EQ(Lines(::testing::internal::GetCapturedStderr()), 1u);
  EXPECT_EQ(s.theme, ThemeKind::Dark);
  // Nor can it be written: false and one line, never a crash.
  ::testing::internal::CaptureStderr();
  EXPECT_FALSE(SaveSettings(path, Settings{}));
  EXPECT_EQ(Lines(::testing::internal::GetCapturedStderr()), 1u);
}

TEST_F(SettingsFile, ValuesOutOfRangeKeepTheirDefaults) {
  Write(path,
        "{\"ui_scale\": 40, \"theme\": \"purple\", "
        "\"window\": {\"x\": 5, \"y\": 5, \"width\": 100, \"height\": 50}, "
        "\"recent_files\": [\"a.png\"]}");
  const Settings s = LoadSettings(path);
  EXPECT_EQ(s.ui_scale, 1.0f);
  EXPECT_EQ(s.theme, ThemeKind::Dark);
  EXPECT_FALSE(s.window.valid);
  EXPECT_EQ(s.recent_files, std::vector<std::string>{"a.png"}) << "the rest is still read";
}

TEST_F(SettingsFile, RecentListsAreCappedNewestFirst) {
  Settings s;
  s.recent_files = Numbered("file", 12);
  s.recent_lessons = Numbered("lesson", 9);
  ASSERT_TRUE(SaveSettings(path, s));
  const Settings back = LoadSettings(path);
  EXPECT_EQ(back.recent_files, Numbered("file", int(kMaxRecent)));
  EXPECT_EQ(back.recent_lessons, Numbered("lesson", int(kMaxRecent)));
  // A hand-edited file with a longer list is capped on reading as well.
  std::string list;
  for (const std::string& f : Numbered("hand", 11))
    list += (list.empty() ? "\"" : ",\"") + f + "\"";
  Write(path, "{\"recent_files\": [" + list + "]}");
  EXPECT_EQ(LoadSettings(path).recent_files, Numbered("hand", int(kMaxRecent)));
}

TEST(SettingsPath, XdgConfigHomeElseHomeConfig) {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  const std::string saved_xdg = xdg ? xdg : "", saved_home = home ? home : "";
  ::setenv("XDG_CONFIG_HOME", "/tmp/xdg", 1);
  ::setenv("HOME", "/home/teacher", 1);
  EXPECT_EQ(SettingsPath(), fs::path("/tmp/xdg/sepconv-lab/settings.json"));
  ::setenv("XDG_CONFIG_HOME", "", 1);
  EXPECT_EQ(SettingsPath(), fs::path("/home/teacher/.config/sepconv-lab/settings.json"));
  ::unsetenv("XDG_CONFIG_HOME");
  ::unsetenv("HOME");
  EXPECT_TRUE(SettingsPath().empty());
  if (xdg) ::setenv("XDG_CONFIG_HOME", saved_xdg.c_str(), 1);
  if (home) ::setenv("HOME", saved_home.c_str(), 1);
}

}  // namespace
}  // namespace sepconv::app
