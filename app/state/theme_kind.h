// Which colour theme the app draws with, and its name on the command line and in the
// settings file. No ImGui here: AppState and the settings file use it (app/widgets/theme.h
// holds the colours).
#pragma once

#include <optional>
#include <string_view>

namespace sepconv::app {

// Dark is the default look; Light is the high-contrast projector theme (dark
// backgrounds wash out on many projectors).
enum class ThemeKind { Dark, Light };

inline const char* ThemeName(ThemeKind kind) {
  return kind == ThemeKind::Light ? "light" : "dark";
}

// "dark" or "light"; nullopt for anything else.
inline std::optional<ThemeKind> ParseThemeName(std::string_view name) {
  if (name == "dark") return ThemeKind::Dark;
  if (name == "light") return ThemeKind::Light;
  return std::nullopt;
}

}  // namespace sepconv::app
