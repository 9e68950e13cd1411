// Text and items that stay inside a narrow window (a 1280 x 720 projector, a small lesson
// panel): the next item goes on the same line only when it fits, and a label can come in
// a long and a short form.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include <imgui.h>

namespace sepconv::app {

// Call between two items: keeps the next item (`width` pixels wide, `spacing` after the
// last one, -1 for the style's) on the current line when it ends before the window's
// right edge, else lets it start a new line.
void SameLineIfFits(float width, float spacing = -1.0f);

// Width of a button with this label, for SameLineIfFits.
float ButtonWidth(const char* label);

// Width of a checkbox or radio button with this label.
float CheckboxWidth(const char* label);

// The first of `variants` (longest first) no wider than `width`; the last one when none is.
const char* LongestThatFits(float width, std::initializer_list<const char*> variants);

// Call between two items, for the next item's label: the longest of `variants` that fits
// after the previous item (on the same line, which this then continues), else the longest
// that fits a line of its own (the next item starts a new line). `extra` is the item's
// width beside its text: CheckboxWidth("") for a checkbox or radio button, 0 for text.
// `same_line`, when given, says which of the two it chose.
const char* LabelAfterLastItem(float extra, std::initializer_list<const char*> variants,
                               bool* same_line = nullptr);

// Disabled (grey) text after the previous item: the longest variant that fits on the
// current line, or the longest that fits a line of its own.
void TextDisabledAfter(std::initializer_list<const char*> variants);

// `text` when it is at most `width` wide, else its start and end around "…" (cut at
// UTF-8 character boundaries), as wide as fits: a long file name keeps its beginning
// and its extension or size.
std::string EllipsizeMiddle(const std::string& text, float width);

// printf format with the most decimals, "%.3f" down to "%.0f", with which every value
// is at most `width` wide ("%.0f" when none fits).
const char* DecimalsThatFit(const std::vector<float>& values, float width);

// `text` with line breaks at spaces so that each line is at most `width` wide (a word
// wider than that keeps a line of its own). ImGui's own wrapping also breaks after '.',
// which split "edge 22.5°" in the middle of the number. Products, comparisons and
// equations ("1 x 1 x 8", "480 × 640", "blue < 0 < red", "K = 1") move to the next line
// whole, unless they are wider than a line by themselves.
std::string BreakAtSpaces(const std::string& text, float width);

// `text` cut at every space ("a  b" gives "a", "", "b").
std::vector<std::string> SplitAtSpaces(const std::string& text);

// The words of a one-line `text` (no indent) as BreakAtSpaces groups them: a group such as
// "3 x 3" or "K = 1" is broken only when it is wider than a line by itself.
std::vector<std::string> LineBreakGroups(const std::string& text);

// Like ImGui::TextWrapped, but lines break only at spaces (BreakAtSpaces), so numbers
// such as "8.3e-07" or "22.5°" stay whole.
void TextWrappedAtSpaces(const char* fmt, ...) IM_FMTARGS(1);

// Disabled (grey) text wrapped at the window's right edge.
void TextDisabledWrapped(const char* text);

}  // namespace sepconv::app
