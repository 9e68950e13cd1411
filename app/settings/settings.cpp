// The settings file: JSON through nlohmann, written atomically; see settings.h.
#include "settings/settings.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "atomic_write.h"
#include "state/ui_limits.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kMinWidth = 320, kMinHeight = 240;  // smaller is a window nobody can use

void Warn(const fs::path& path, const std::string& why) {
  std::fprintf(stderr, "sepconv-lab: ignoring %s (%s); using the defaults\n", path.c_str(),
               why.c_str());
}

bool UsableSize(int w, int h) {
  return w >= kMinWidth && h >= kMinHeight;
}

bool UsableScale(float s) {
  return s >= kMinUiScale && s <= kMaxUiScale;
}

// The newest kMaxRecent non-empty entries, in their order.
std::vector<std::string> Capped(const std::vector<std::string>& list) {
  std::vector<std::string> out;
  for (const std::string& s : list) {
    if (out.size() == kMaxRecent) break;
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

// The file before settings.json: "x y width height [scale]" on one line.
Settings FromWindowTxt(const fs::path& file) {
  Settings s;
  std::ifstream in(file);
  int x, y, w, h;
  if (!(in >> x >> y >> w >> h)) return s;
  if (UsableSize(w, h)) s.window = WindowGeometry{true, x, y, w, h};
  float scale = 0;
  if (in >> scale && UsableScale(scale)) s.ui_scale = scale;
  return s;
}

// Throws nlohmann's exceptions on a wrong type: the whole file is then ignored.
Settings FromJson(const json& j) {
  Settings s;
  if (!j.is_object()) throw std::runtime_error("not a JSON object");
  if (j.contains("window")) {
    const json& w = j.at("window");
    const WindowGeometry g{true, w.at("x").get<int>(), w.at("y").get<int>(),
                           w.at("width").get<int>(), w.at("height").get<int>()};
    if (UsableSize(g.width, g.height)) s.window = g;
  }
  if (j.contains("ui_scale")) {
    const float scale = j.at("ui_scale").get<float>();
    if (UsableScale(scale)) s.ui_scale = scale;
  }
  if (j.contains("theme")) {
    if (auto kind = ParseThemeName(j.at("theme").get<std::string>())) s.theme = *kind;
  }
  if (j.contains("recent_files"))
    s.recent_files = Capped(j.at("recent_files").get<std::vector<std::string>>());
  if (j.contains("recent_lessons"))
    s.recent_lessons = Capped(j.at("recent_lessons").get<std::vector<std::string>>());
  return s;
}

}  // namespace

fs::path SettingsPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  const fs::path base = xdg && *xdg     ? fs::path(xdg)
                        : home && *home ? fs::path(home) / ".config"
                                        : fs::path();
  return base.empty() ? fs::path() : base / "sepconv-lab" / "settings.json";
}

Settings LoadSettings(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    const fs::path old = path.parent_path() / "window.txt";
    return fs::exists(old, ec) ? FromWindowTxt(old) : Settings{};
  }
  std::ifstream in(path);
  if (!in) {
    Warn(path, "cannot read it");
    return Settings{};
  }
  try {
    return FromJson(json::parse(in));
  } catch (const std::exception& e) {
    Warn(path, e.what());
    return Settings{};
  }
}

bool SaveSettings(const fs::path& path, const Settings& settings) {
  json j;
  if (settings.window.valid) {
    const WindowGeometry& w = settings.window;
    j["window"] = {{"x", w.x}, {"y", w.y}, {"width", w.width}, {"height", w.height}};
  }
  j["ui_scale"] = settings.ui_scale;
  j["theme"] = ThemeName(settings.theme);
  j["recent_files"] = Capped(settings.recent_files);
  j["recent_lessons"] = Capped(settings.recent_lessons);
  try {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    write_file_atomically(path.string(), j.dump(2) + "\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sepconv-lab: could not save the settings: %s\n", e.what());
    return false;
  }
  return true;
}

}  // namespace sepconv::app
