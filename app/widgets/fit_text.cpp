// Fitting items and labels into the window's width (see fit_text.h).
#include "widgets/fit_text.h"

#include <imgui.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

namespace sepconv::app {
namespace {
// Pixels from the end of the last item (plus spacing) to the right edge of the current
// column or table cell. Called before SameLine, when the cursor sits at the start of the
// next line, so cursor + available width is that edge (the window's edge would be wrong
// inside a table).
float RoomAfterLastItem(float spacing = -1.0f) {
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  const float gap = spacing >= 0 ? spacing : ImGui::GetStyle().ItemSpacing.x;
  return right - (ImGui::GetItemRectMax().x + gap);
}
}  // namespace

void SameLineIfFits(float width, float spacing) {
  if (width <= RoomAfterLastItem(spacing)) ImGui::SameLine(0, spacing);
}

float ButtonWidth(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

float CheckboxWidth(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
         ImGui::CalcTextSize(label, nullptr, true).x;
}

const char* LongestThatFits(float width, std::initializer_list<const char*> variants) {
  const char* chosen = nullptr;
  for (const char* text : variants) {
    chosen = text;
    if (ImGui::CalcTextSize(text).x <= width) break;
  }
  return chosen ? chosen : "";
}

const char* LabelAfterLastItem(float extra, std::initializer_list<const char*> variants,
                               bool* same_line) {
  const float room = RoomAfterLastItem() - extra;
  const char* text = LongestThatFits(room, variants);
  const bool fits = ImGui::CalcTextSize(text).x <= room;
  if (same_line) *same_line = fits;
  if (fits) {
    ImGui::SameLine();
    return text;
  }
  return LongestThatFits(ImGui::GetContentRegionAvail().x - extra, variants);
}

void TextDisabledAfter(std::initializer_list<const char*> variants) {
  ImGui::TextDisabled("%s", LabelAfterLastItem(0.0f, variants));
}

std::string EllipsizeMiddle(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  static const std::string kEllipsis = "\xE2\x80\xA6";
  auto is_start = [&](size_t i) {
    return i == 0 || i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  };
  // Keep `keep` bytes split between head and tail (head first), on character starts.
  auto shortened = [&](size_t keep) {
    size_t head = (keep + 1) / 2, tail = keep - head;
    while (!is_start(head)) --head;
    size_t from = text.size() - tail;
    while (!is_start(from)) ++from;
    return text.substr(0, head) + kEllipsis + text.substr(from);
  };
  // The longest that fits: widths grow with `keep`, so a binary search finds it.
  size_t lo = 0, hi = text.size();
  while (lo < hi) {
    const size_t mid = (lo + hi + 1) / 2;
    if (ImGui::CalcTextSize(shortened(mid).c_str()).x <= width) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return shortened(lo);
}

const char* DecimalsThatFit(const std::vector<float>& values, float width) {
  static const char* const kFormats[] = {"%.3f", "%.2f", "%.1f", "%.0f"};
  for (const char* format : kFormats) {
    bool fits = true;
    for (float v : values) {
      char text[48];
      std::snprintf(text, sizeof text, format, double(v));
      if (ImGui::CalcTextSize(text).x > width) {
        fits = false;
        break;
      }
    }
    if (fits) return format;
  }
  return kFormats[3];
}

std::vector<std::string> SplitAtSpaces(const std::string& text) {
  std::vector<std::string> words;
  for (size_t start = 0; start <= text.size();) {
    const size_t end = std::min(text.find(' ', start), text.size());
    words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

namespace {
// Signs that bind the words on both sides, loosest last: "x" and "×" make a product
// ("1 x 1 x 8", "480 × 640"), "<" and ">" a comparison ("blue < 0 < red"), "=" an
// equation ("K = 1"); a unit binds to its number ("140 MiB"). A bound group moves to the next line
// whole when it fits a line; one that does not is split at its loosest sign first, so "Ho × Wo =
// 480 × 640" breaks after the "=" and not inside a product.
int JoinLevel(const std::string& word) {
  if (word == "x" || word == "\xC3\x97" || word == "<" || word == ">") return 1;
  if (word == "=") return 2;
  return 0;
}

// A unit stays with the number before it ("140 MiB", "26.5 ms", "4.69 MP"), whatever
// follows it (a comma, a bracket).
bool IsUnit(std::string word) {
  while (!word.empty() && std::string(",;:.)").find(word.back()) != std::string::npos)
    word.pop_back();
  for (const char* unit : {"B", "KiB", "MiB", "GiB", "TiB", "ms", "\xC2\xB5s", "s", "MP"})
    if (word == unit) return true;
  return false;
}

// `words` grouped by the signs up to `level` (units bind at every level but 0).
std::vector<std::string> JoinWords(const std::vector<std::string>& words, int level) {
  std::vector<std::string> groups;
  bool join_next = false;
  for (const std::string& word : words) {
    const bool sign = level > 0 && JoinLevel(word) > 0 && JoinLevel(word) <= level;
    const bool unit = level > 0 && IsUnit(word);
    if (!groups.empty() && !groups.back().empty() && !word.empty() && (join_next || sign || unit)) {
      groups.back() += " " + word;
    } else {
      groups.push_back(word);
    }
    join_next = sign;
  }
  return groups;
}

// One paragraph (no '\n'): leading spaces stay (an indented "  = 8 x 480"), runs of
// spaces inside stay as they are, a break replaces one space.
std::string BreakParagraph(const std::string& text, float width) {
  const size_t indent = text.find_first_not_of(' ');
  if (indent == std::string::npos) return text;
  std::string out, line = text.substr(0, indent);
  bool has_word = false;
  auto add = [&](const std::string& piece) {
    const std::string longer = has_word ? line + " " + piece : line + piece;
    if (!has_word || ImGui::CalcTextSize(longer.c_str()).x <= width) {
      line = longer;
      has_word = true;
    } else if (!piece.empty()) {
      out += line + "\n";
      line = piece;
    }
    // An empty piece (a second space) at a break is dropped: no line starts with a space.
  };
  // Groups that fit a line (the first line with its indent) go in whole; wider ones are
  // split one join level down.
  auto place = [&](auto&& self, const std::string& group, int level) -> void {
    const std::string fresh = has_word ? group : line + group;
    if (level == 0 || group.find(' ') == std::string::npos ||
        ImGui::CalcTextSize(fresh.c_str()).x <= width) {
      add(group);
      return;
    }
    for (const std::string& part : JoinWords(SplitAtSpaces(group), level - 1)) {
      self(self, part, level - 1);
    }
  };
  for (const std::string& group : JoinWords(SplitAtSpaces(text.substr(indent)), 2)) {
    place(place, group, 2);
  }
  return out + line;
}
}  // namespace

std::vector<std::string> LineBreakGroups(const std::string& text) {
  return JoinWords(SplitAtSpaces(text), 2);
}

std::string BreakAtSpaces(const std::string& text, float width) {
  std::string out;
  for (size_t start = 0;;) {
    const size_t end = text.find('\n', start);
    out += BreakParagraph(text.substr(start, end == std::string::npos ? end : end - start), width);
    if (end == std::string::npos) return out;
    out += "\n";
    start = end + 1;
  }
}

void TextWrappedAtSpaces(const char* fmt, ...) {
  // Formatted to its full length: panel texts (the cost panel's explanations) can be long.
  va_list args, again;
  va_start(args, fmt);
  va_copy(again, args);
  const int n = std::vsnprintf(nullptr, 0, fmt, args);
  va_end(args);
  std::string text(static_cast<size_t>(n > 0 ? n : 0), '\0');
  if (n > 0) std::vsnprintf(text.data(), text.size() + 1, fmt, again);
  va_end(again);
  const std::string lines = BreakAtSpaces(text, ImGui::GetContentRegionAvail().x);
  // Lines broken at spaces fit; ImGui's own wrapping then only splits a single word wider
  // than the column (a long file path) instead of letting it run past the edge.
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(lines.c_str(), lines.c_str() + lines.size());
  ImGui::PopTextWrapPos();
}

void TextDisabledWrapped(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  TextWrappedAtSpaces("%s", text);
  ImGui::PopStyleColor();
}

}  // namespace sepconv::app
