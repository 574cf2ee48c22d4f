#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/quiz.h"

namespace binhyen::service {

// The plain-text form of a quiz's questions, typed in one textarea of the console (no
// JavaScript needed to add a question):
//
//   ? Công an gọi điện yêu cầu chuyển tiền để "phục vụ điều tra". Bạn làm gì?
//   - Chuyển ngay để không bị liên lụy
//   * Không chuyển, gọi lại số trực ban công an để kiểm tra
//   > Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.
//
// "?" starts a question, "-" a wrong option, "*" the right option, ">" a line of the
// explanation; blank lines are ignored. Markers may be followed by a space.

// One problem of a text, with the line (1-based) it is on (0: the whole text).
struct QuizTextError {
  int line = 0;
  std::string en;
  std::string vi;
};

struct ParsedQuizText {
  std::vector<domain::QuizQuestion> questions;
  std::vector<QuizTextError> errors;  // empty when the text is good
};

// Parses `text`; every problem is reported (an option before any question, a line without a
// marker, a question without exactly one "*" option or with fewer than 2 / more than 6
// options, too many questions). The questions are then checked with domain::Validate's rules.
ParsedQuizText ParseQuizText(std::string_view text);

// The text of `questions` (ParseQuizText(FormatQuizText(q)).questions == q for valid q).
std::string FormatQuizText(const std::vector<domain::QuizQuestion>& questions);

}  // namespace binhyen::service
