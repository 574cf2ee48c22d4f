#include "service/quiz_text.h"

#include <utility>

#include "base/strings.h"

namespace binhyen::service {
namespace {

// A question as it is read, before its checks.
struct Pending {
  int line = 0;
  domain::QuizQuestion question;
  int right_options = 0;
};

void Check(const Pending& p, ParsedQuizText& out) {
  const size_t n = p.question.options.size();
  const std::string where = std::to_string(out.questions.size() + 1);
  if (n < domain::kMinQuizOptions || n > domain::kMaxQuizOptions) {
    out.errors.push_back({p.line, "question " + where + ": give 2 to 6 options",
                          "Câu " + where + ": cần từ 2 đến 6 phương án trả lời."});
  }
  if (p.right_options != 1) {
    out.errors.push_back({p.line, "question " + where + ": mark exactly one option with *",
                          "Câu " + where + ": đánh dấu * cho đúng một phương án đúng."});
  }
  if (p.question.text.size() > domain::kMaxQuizQuestionBytes) {
    out.errors.push_back({p.line, "question " + where + ": at most 1000 bytes",
                          "Câu " + where + ": câu hỏi quá dài (tối đa 1000 byte)."});
  }
  if (p.question.explanation.size() > domain::kMaxQuizExplanationBytes) {
    out.errors.push_back({p.line, "question " + where + ": explanation at most 2000 bytes",
                          "Câu " + where + ": phần giải thích quá dài (tối đa 2000 byte)."});
  }
  out.questions.push_back(p.question);
}

}  // namespace

ParsedQuizText ParseQuizText(std::string_view text) {
  ParsedQuizText out;
  std::optional<Pending> current;
  int line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    const std::string_view line = base::TrimAscii(raw);
    if (line.empty()) continue;
    const char marker = line.front();
    const std::string rest(base::TrimAscii(line.substr(1)));
    const std::string at = std::to_string(line_no);
    if (marker == '?') {
      if (current) Check(*current, out);
      current = Pending{line_no, {rest, {}, 0, ""}, 0};
      if (rest.empty()) {
        out.errors.push_back(
            {line_no, "line " + at + ": the question is empty", "Dòng " + at + ": câu hỏi trống."});
      }
      continue;
    }
    if (marker != '-' && marker != '*' && marker != '>') {
      out.errors.push_back({line_no, "line " + at + ": start the line with ?, -, * or >",
                            "Dòng " + at + ": dòng phải bắt đầu bằng ?, -, * hoặc >."});
      continue;
    }
    if (!current) {
      out.errors.push_back({line_no, "line " + at + ": write the question (?) first",
                            "Dòng " + at + ": cần viết câu hỏi (dòng bắt đầu bằng ?) trước."});
      continue;
    }
    if (marker == '>') {
      if (!current->question.explanation.empty()) current->question.explanation.push_back('\n');
      current->question.explanation.append(rest);
      continue;
    }
    if (rest.empty() || rest.size() > domain::kMaxQuizOptionBytes) {
      out.errors.push_back({line_no, "line " + at + ": an option must be 1 to 300 bytes",
                            "Dòng " + at + ": phương án phải có nội dung (tối đa 300 byte)."});
      continue;
    }
    if (marker == '*') {
      current->question.correct = static_cast<int>(current->question.options.size());
      ++current->right_options;
    }
    current->question.options.push_back(rest);
  }
  if (current) Check(*current, out);
  if (out.questions.empty()) {
    out.errors.push_back({0, "questions: write at least one question",
                          "Cần có ít nhất một câu hỏi (dòng bắt đầu bằng ?)."});
  } else if (out.questions.size() > domain::kMaxQuizQuestions) {
    out.errors.push_back({0, "questions: at most 50", "Tối đa 50 câu hỏi."});
  }
  return out;
}

std::string FormatQuizText(const std::vector<domain::QuizQuestion>& questions) {
  std::string out;
  for (size_t i = 0; i < questions.size(); ++i) {
    const domain::QuizQuestion& q = questions[i];
    if (i > 0) out.append("\n");
    out.append("? ").append(q.text).append("\n");
    for (size_t o = 0; o < q.options.size(); ++o) {
      out.append(static_cast<int>(o) == q.correct ? "* " : "- ").append(q.options[o]).append("\n");
    }
    std::string_view expl = q.explanation;
    while (!expl.empty()) {
      const size_t nl = expl.find('\n');
      out.append("> ").append(expl.substr(0, nl)).append("\n");
      expl = nl == std::string_view::npos ? std::string_view() : expl.substr(nl + 1);
    }
  }
  return out;
}

}  // namespace binhyen::service
