// Marked formula terms; see marked_text.h.
#include "widgets/marked_text.h"

#include <cctype>

#include "widgets/fit_text.h"

namespace sepconv::app {
namespace {

bool IsWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

std::vector<std::string> TermSpellings(const std::string& term) {
  if (term == "dk2") return {"Dk\xC2\xB2"};
  if (term == "n") return {"N"};
  if (term == "m") return {"M"};
  if (term == "do2") return {"Ho \xC3\x97 Wo", "Do\xC2\xB2"};
  return {};
}

std::vector<size_t> FindTerm(const std::string& line, const std::string& spelling) {
  std::vector<size_t> out;
  for (size_t at = line.find(spelling); at != std::string::npos; at = line.find(spelling, at + 1)) {
    const size_t end = at + spelling.size();
    const bool starts = at == 0 || !IsWordByte(line[at - 1]);
    const bool ends = end >= line.size() || !IsWordByte(line[end]);
    if (starts && ends) out.push_back(at);
  }
  return out;
}

int TextWrappedMarked(const std::string& text, const std::vector<std::string>& terms,
                      ImU32 colour) {
  if (terms.empty()) {
    TextWrappedAtSpaces("%s", text.c_str());
    return 0;
  }
  const std::string lines = BreakAtSpaces(text, ImGui::GetContentRegionAvail().x);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float thickness = std::max(2.0f, ImGui::GetFontSize() * 0.12f);
  int marked = 0;
  for (size_t start = 0; start <= lines.size();) {
    size_t end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    const std::string line = lines.substr(start, end - start);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::TextUnformatted(line.c_str(), line.c_str() + line.size());
    for (const std::string& term : terms) {
      for (const std::string& spelling : TermSpellings(term)) {
        for (size_t at : FindTerm(line, spelling)) {
          const float x0 = ImGui::CalcTextSize(line.c_str(), line.c_str() + at).x;
          const float w = ImGui::CalcTextSize(spelling.c_str()).x;
          const ImVec2 a(origin.x + x0 - thickness, origin.y - thickness * 0.5f);
          const ImVec2 b(origin.x + x0 + w + thickness,
                         origin.y + ImGui::GetTextLineHeight() + thickness * 0.5f);
          dl->AddRect(a, b, colour, thickness, 0, thickness);
          ++marked;
        }
      }
    }
    start = end + 1;
  }
  return marked;
}

}  // namespace sepconv::app
