#include "store/quiz_codec.h"

#include <charconv>

namespace binhyen::store {

std::string JoinQuizOptions(const std::vector<std::string>& options) {
  std::string out;
  for (size_t i = 0; i < options.size(); ++i) {
    if (i > 0) out.push_back('\n');
    out.append(options[i]);
  }
  return out;
}

std::vector<std::string> SplitQuizOptions(std::string_view text) {
  std::vector<std::string> out;
  while (true) {
    const size_t nl = text.find('\n');
    out.emplace_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

std::string JoinQuizAnswers(const std::vector<int>& answers) {
  std::string out;
  for (size_t i = 0; i < answers.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(std::to_string(answers[i]));
  }
  return out;
}

base::Result<std::vector<int>> SplitQuizAnswers(std::string_view text) {
  std::vector<int> out;
  if (text.empty()) return out;
  while (true) {
    const size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    int value = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size()) {
      return base::InternalError("answers: unreadable value in the database");
    }
    out.push_back(value);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

bool SameQuestions(const std::vector<domain::QuizQuestion>& a,
                   const std::vector<domain::QuizQuestion>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].text != b[i].text || a[i].options != b[i].options || a[i].correct != b[i].correct) {
      return false;
    }
  }
  return true;
}

}  // namespace binhyen::store
