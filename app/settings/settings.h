// What the app remembers between runs, in one JSON file in the XDG config folder: the
// window's geometry, the UI scale, the theme, recent files and recent lessons. Plain
// C++ (no GLFW or ImGui), so it is tested without a window.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "state/theme_kind.h"

namespace sepconv::app {

// Longest recent lists kept (newest first), as File > Recent shows them.
constexpr size_t kMaxRecent = 8;

struct WindowGeometry {
  bool valid = false;  // false: let the window manager place a default-sized window
  int x = 0, y = 0, width = 0, height = 0;
};

struct Settings {
  WindowGeometry window;
  float ui_scale = 1.0f;
  ThemeKind theme = ThemeKind::Dark;
  std::vector<std::string> recent_files;    // newest first, at most kMaxRecent
  std::vector<std::string> recent_lessons;  // newest first, at most kMaxRecent
};

// $XDG_CONFIG_HOME/sepconv-lab/settings.json, else $HOME/.config/sepconv-lab/settings.json;
// empty when neither variable is set.
std::filesystem::path SettingsPath();

// Reads `path`. A missing file gives the defaults, or what the old window.txt beside it
// held (geometry and scale: read once, until settings.json exists). A file that cannot
// be read or parsed gives the defaults with one line on stderr; values out of range are
// left at their defaults.
Settings LoadSettings(const std::filesystem::path& path);

// Writes `path` (creating its folder) through a temporary file and a rename. Returns
// false, with one line on stderr, when that fails.
bool SaveSettings(const std::filesystem::path& path, const Settings& settings);

}  // namespace sepconv::app
