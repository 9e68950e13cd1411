// Lesson mode on screen: the strip with the step's title, caption, "step k of n" and
// Back/Next; the question that covers the lesson area until Reveal (predict, then see);
// the answer once revealed; and the blank screen (B or .).
#include <cmath>
#include <cstdio>
#include <string>

#include "question.h"
#include "text_format.h"
#include "views/views.h"
#include "widgets/fit_text.h"

namespace sepconv::app {
namespace {

// The larger font of the presentation mode's captions (the window loads it second), or
// the normal one.
ImFont* CaptionFont(bool large_captions) {
  ImFontAtlas* fonts = ImGui::GetIO().Fonts;
  return large_captions && fonts->Fonts.Size > 1 ? fonts->Fonts[1] : ImGui::GetFont();
}

std::string StepLabel(const LessonPlayer& p) {
  return "Step " + std::to_string(p.step + 1) + " of " + std::to_string(p.lesson.steps.size());
}

// "8,294,400", "0.1267", "240": counts with separators, fractions with 4 digits.
std::string NumberText(double v) {
  if (std::abs(v) >= 1000 && std::abs(v) < 9e18 && v == std::floor(v))
    return format_thousands(static_cast<int64_t>(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// The answer of the current question, once the result on screen is the step's layer on
// the step's image (never the previous step's, nor a layer edited since).
std::optional<double> CurrentAnswer(const Document& doc, std::string* why) {
  const LessonStep* step = doc.lesson.current();
  const JobResult* r = doc.result.get();
  const std::string& image = step->state.image_path;
  if (!image.empty() && doc.input.requested.empty() && doc.input.path != image) {
    *why = "the step's image could not be opened (see the banner)";
    return std::nullopt;
  }
  if (!doc.param_error.empty() && same_choice(doc.edit, step->state.layer)) {
    *why = "the step's layer does not apply to this image: " + doc.param_error;
    return std::nullopt;
  }
  if (!same_choice(doc.applied, step->state.layer) && !doc.job.running) {
    *why = "the layer was changed: Back and Next bring back the step's";
    return std::nullopt;
  }
  if (!r || doc.job.running || !doc.input.requested.empty() ||
      !same_choice(r->choice, step->state.layer)) {
    *why = "computing the step's layer ...";
    return std::nullopt;
  }
  return report_quantity(*r, step->question->quantity, why);
}

// One line under the caption once the question is revealed: the answer and the class's guess.
std::string RevealedText(const Document& doc) {
  const LessonStep& step = *doc.lesson.current();
  const LessonQuestion& q = *step.question;
  const QuestionAnswer& a = doc.lesson.answers[size_t(doc.lesson.step)];
  std::string why;
  const std::optional<double> answer = CurrentAnswer(doc, &why);
  if (!answer) return "Answer: " + why;
  std::string text = "Answer: " + NumberText(*answer) + "  (" + q.quantity + ")";
  if (q.kind == LessonQuestion::Kind::Number && !a.guessed) {
    text += ". No guess was typed in.";
  } else if (q.kind == LessonQuestion::Kind::Number) {
    const NumberGrade g = grade_number(*answer, a.guess, q.tolerance);
    char buf[160];
    std::snprintf(buf, sizeof buf, ". The class guessed %s: %s by %.0f%%%s",
                  NumberText(a.guess).c_str(), g.off >= 0 ? "over" : "under", g.off_fraction * 100,
                  g.right ? ", within the tolerance." : ".");
    text += buf;
  } else {
    const int right = nearest_choice(q.choices, *answer);
    int64_t hands = 0;
    for (int h : a.hands) hands += h;
    text += ". Choice " + std::string(1, char('A' + right)) + " (" +
            NumberText(q.choices[size_t(right)]) + ")";
    if (hands > 0) {
      text += ": " + std::to_string(a.hands[size_t(right)]) + " of " + std::to_string(hands) +
              " hands were right.";
    }
  }
  return text;
}

std::string StripText(const Document& doc) {
  const LessonStep& step = *doc.lesson.current();
  std::string text = step.caption;
  const QuestionAnswer& a = doc.lesson.answers[size_t(doc.lesson.step)];
  if (step.question && a.revealed) text += "\n" + RevealedText(doc);
  return text;
}

float ButtonsWidth() {
  const ImGuiStyle& s = ImGui::GetStyle();
  return ButtonWidth("< Back") + ButtonWidth("Next >") + ButtonWidth("X") + 2 * s.ItemSpacing.x;
}

}  // namespace

float MaxLessonStripHeight() {
  return std::floor(ImGui::GetIO().DisplaySize.y / 3);
}

float LessonStripHeight(const Document& doc, bool large_captions, float width) {
  if (!doc.lesson.open()) return 0;
  const ImGuiStyle& style = ImGui::GetStyle();
  ImFont* font = CaptionFont(large_captions);
  const float wrap = width - 2 * style.WindowPadding.x - ButtonsWidth() - style.ItemSpacing.x;
  // Broken in the caption's font, as DrawLessonStrip breaks it.
  ImGui::PushFont(font);
  const std::string text = BreakAtSpaces(StripText(doc), wrap);
  ImGui::PopFont();
  const ImVec2 caption =
      font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.c_str(), text.c_str() + text.size());
  return std::ceil(font->FontSize + style.ItemSpacing.y + caption.y + 2 * style.WindowPadding.y);
}

FrameRequests DrawLessonStrip(const Document& doc, bool large_captions, ViewContext& ctx, float y,
                              float width) {
  FrameRequests asked;
  const LessonPlayer& p = doc.lesson;
  if (!p.open()) return asked;
  const float h = std::min(LessonStripHeight(doc, large_captions, width), MaxLessonStripHeight());
  ImGui::SetNextWindowPos(ImVec2(0, y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(width, h), ImGuiCond_Always);
  RecordRect(ctx.rects, "LessonStrip", 0, y, width, h);
  ImGui::Begin("##lesson_strip", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);  // scrolls when clamped
  BeginTextCapture(ctx);
  const LessonStep& step = *p.current();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float buttons_x = width - style.WindowPadding.x - ButtonsWidth();
  // The buttons keep the UI font; the wrap width is measured before the caption's.
  const float wrap = width - 2 * style.WindowPadding.x - ButtonsWidth() - style.ItemSpacing.x;
  ImGui::PushFont(CaptionFont(large_captions));
  const std::string heading = StepLabel(p) + ":  " + step.title;
  ImGui::TextUnformatted(EllipsizeMiddle(heading, buttons_x - style.WindowPadding.x).c_str());
  const std::string text = StripText(doc);
  // A word longer than the line (a web address) wraps inside the strip, not under the
  // buttons.
  ImGui::PushTextWrapPos(buttons_x - style.ItemSpacing.x - ImGui::GetWindowPos().x);
  ImGui::TextUnformatted(BreakAtSpaces(text, wrap).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(ImVec2(buttons_x, y + style.WindowPadding.y));
  ImGui::BeginDisabled(p.step == 0);
  if (ImGui::Button("< Back")) asked.go_to_step = p.step - 1;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(p.step + 1 >= int(p.lesson.steps.size()));
  if (ImGui::Button("Next >")) asked.go_to_step = p.step + 1;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("X")) asked.close_lesson = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Close the lesson");
  EndTextCapture(ctx);
  ImGui::End();
  return asked;
}

FrameRequests DrawQuestion(const Document& doc, bool large_captions, QuestionAnswer& a) {
  FrameRequests asked;
  const LessonPlayer& p = doc.lesson;
  const LessonQuestion& q = *p.current()->question;
  // The whole question in the caption's size: the class reads it and the teacher types.
  ImGui::PushFont(CaptionFont(large_captions));
  ImGui::TextUnformatted("Predict first");
  TextWrappedAtSpaces("%s", q.prompt.c_str());
  ImGui::Spacing();
  if (q.kind == LessonQuestion::Kind::Number) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (ImGui::InputDouble("the class's guess", &a.guess, 0, 0, "%.6g")) a.guessed = true;
    ImGui::TextDisabled("Right within %.0f%% of the answer.", q.tolerance * 100);
  } else {
    ImGui::TextUnformatted("Hands up for each choice:");
    for (size_t i = 0; i < q.choices.size(); ++i) {
      ImGui::PushID(int(i));
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
      ImGui::InputInt("##hands", &a.hands[i]);
      a.hands[i] = std::clamp(a.hands[i], 0, 100000);
      ImGui::SameLine();
      ImGui::Text("%c)  %s", char('A' + i), NumberText(q.choices[i]).c_str());
      ImGui::PopID();
    }
  }
  ImGui::Spacing();
  std::string why;
  const bool ready = CurrentAnswer(doc, &why).has_value();
  ImGui::BeginDisabled(!ready);
  if (ImGui::Button("Reveal")) asked.reveal = true;
  ImGui::EndDisabled();
  if (!ready) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", why.c_str());
  }
  ImGui::PopFont();
  return asked;
}

void DrawBlankScreen(bool blanked, LayoutRects& rects) {
  if (!blanked) return;
  // Black in either theme, as a projector's own blank button gives. The foreground list
  // is drawn over every window, menus and popups included.
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(0, 0), size, IM_COL32(0, 0, 0, 255));
  RecordRect(rects, "Blank", 0, 0, size.x, size.y);
}

}  // namespace sepconv::app
