// Formula text with the terms a lesson step points at marked (a box around "Dk²", "N",
// "Ho × Wo", ...), so the caption's words and the numbers on screen point at the same
// thing. Wraps at spaces as TextWrappedAtSpaces does.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

namespace sepconv::app {

// The spellings of a lesson term in the formulas: "dk2" -> "Dk²", "n" -> "N", "m" -> "M",
// "do2" -> "Ho × Wo" and "Do²".
std::vector<std::string> TermSpellings(const std::string& term);

// Byte offsets of every whole-word occurrence of `spelling` in `line` (a letter or digit
// on either side means it is part of another word, as N in "Next").
std::vector<size_t> FindTerm(const std::string& line, const std::string& spelling);

// Draws `text` wrapped at spaces with a box of `colour` around each marked term; returns
// how many it marked.
int TextWrappedMarked(const std::string& text, const std::vector<std::string>& terms, ImU32 colour);

}  // namespace sepconv::app
