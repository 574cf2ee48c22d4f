#include "scan/internal/rules_reverse.h"

#include <cctype>
#include <vector>

namespace binhyen::scan::internal {
namespace {

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A recursive-descent reader of the pattern that writes the reversed pattern: each sequence of
// (atom, quantifier) items is written in reverse order, groups and alternatives recursively,
// and "^" becomes "$". Atoms themselves (a byte, an escape, a class) are not changed.
class Reverser {
 public:
  explicit Reverser(std::string_view pattern) : p_(pattern) {}

  base::Result<std::string> Run() {
    std::string out;
    BINHYEN_RETURN_IF_ERROR(Alternation(&out));
    if (pos_ != p_.size()) return Error("unbalanced \")\"");
    return out;
  }

 private:
  base::Status Error(std::string_view what) const {
    std::string message(what);
    message.append(" at offset ").append(std::to_string(pos_));
    return base::InvalidArgumentError(std::move(message));
  }
  bool At(char c) const { return pos_ < p_.size() && p_[pos_] == c; }

  base::Status Alternation(std::string* out) {
    while (true) {
      BINHYEN_RETURN_IF_ERROR(Sequence(out));
      if (!At('|')) return base::Status::Ok();
      out->push_back('|');
      ++pos_;
    }
  }

  base::Status Sequence(std::string* out) {
    std::vector<std::string> items;
    while (pos_ < p_.size() && !At('|') && !At(')')) {
      std::string item;
      BINHYEN_RETURN_IF_ERROR(Atom(&item));
      item += Quantifier();
      items.push_back(std::move(item));
    }
    for (auto it = items.rbegin(); it != items.rend(); ++it) out->append(*it);
    return base::Status::Ok();
  }

  // Length of a counted repetition "{n}", "{n,}", "{n,m}" starting at `at`, or 0.
  size_t CountedLength(size_t at) const {
    size_t i = at;
    if (i >= p_.size() || p_[i] != '{') return 0;
    ++i;
    const size_t digits = i;
    while (i < p_.size() && IsDigit(p_[i])) ++i;
    if (i == digits) return 0;
    if (i < p_.size() && p_[i] == ',') {
      ++i;
      while (i < p_.size() && IsDigit(p_[i])) ++i;
    }
    if (i >= p_.size() || p_[i] != '}') return 0;
    return i + 1 - at;
  }

  std::string Quantifier() {
    size_t length = 0;
    if (At('?') || At('*') || At('+')) {
      length = 1;
    } else {
      length = CountedLength(pos_);
    }
    if (length == 0) return {};
    if (pos_ + length < p_.size() && p_[pos_ + length] == '?') ++length;  // lazy
    std::string q(p_.substr(pos_, length));
    pos_ += length;
    return q;
  }

  base::Status Atom(std::string* out) {
    const char c = p_[pos_];
    switch (c) {
      case '(': return Group(out);
      case '[': return Class(out);
      case '\\': return Escape(out);
      case '^':
        ++pos_;
        *out = "$";  // the start of the text is the end of the reversed text
        return base::Status::Ok();
      case '$':
        return Error("\"$\" is not supported (the text is one line; write \"\\$\" for a dollar)");
      case '?':
      case '*':
      case '+': return Error("quantifier without anything to repeat");
      case '{':
        if (CountedLength(pos_) != 0) return Error("quantifier without anything to repeat");
        ++pos_;
        *out = "\\{";
        return base::Status::Ok();
      default:
        ++pos_;
        out->assign(1, c);
        return base::Status::Ok();
    }
  }

  base::Status Group(std::string* out) {
    ++pos_;  // '('
    *out = "(";
    if (At('?')) {
      if (pos_ + 1 >= p_.size() || p_[pos_ + 1] != ':') {
        return Error("only \"(?:\" groups are supported");
      }
      pos_ += 2;
      *out = "(?:";
    }
    BINHYEN_RETURN_IF_ERROR(Alternation(out));
    if (!At(')')) return Error("missing \")\"");
    ++pos_;
    out->push_back(')');
    return base::Status::Ok();
  }

  base::Status Class(std::string* out) {
    const size_t start = pos_;
    ++pos_;  // '['
    if (At('^')) ++pos_;
    if (At(']')) ++pos_;  // a leading ']' is a literal
    while (pos_ < p_.size() && p_[pos_] != ']') {
      if (p_[pos_] == '\\') {
        pos_ += 2;
      } else if (p_[pos_] == '[' && pos_ + 1 < p_.size() && p_[pos_ + 1] == ':') {
        const size_t close = p_.find(":]", pos_ + 2);
        if (close == std::string_view::npos) return Error("unterminated \"[:\"");
        pos_ = close + 2;
      } else {
        ++pos_;
      }
    }
    if (pos_ >= p_.size()) return Error("missing \"]\"");
    ++pos_;
    out->assign(p_.substr(start, pos_ - start));
    return base::Status::Ok();
  }

  base::Status Escape(std::string* out) {
    if (pos_ + 1 >= p_.size()) return Error("\"\\\" at the end");
    const char e = p_[pos_ + 1];
    size_t length = 2;
    if (e == 'x') {
      if (pos_ + 3 >= p_.size() || !IsHex(p_[pos_ + 2]) || !IsHex(p_[pos_ + 3])) {
        return Error("\"\\x\" needs two hex digits");
      }
      length = 4;
    } else if (std::isalnum(static_cast<unsigned char>(e)) != 0 &&
               std::string_view("dDwWsSbBtnr").find(e) == std::string_view::npos) {
      std::string what = "unsupported escape \"\\";
      what.push_back(e);
      what.push_back('"');
      return Error(what);
    }
    out->assign(p_.substr(pos_, length));
    pos_ += length;
    return base::Status::Ok();
  }

  std::string_view p_;
  size_t pos_ = 0;
};

}  // namespace

base::Result<std::string> ReversePattern(std::string_view pattern) {
  return Reverser(pattern).Run();
}

}  // namespace binhyen::scan::internal
