#include "indicator/internal/host_refang.h"

#include "base/strings.h"

namespace binhyen::indicator::internal {
namespace {

struct Replacement {
  std::string_view from;  // lower case
  char to;
};

constexpr Replacement kReplacements[] = {
    {"[.]", '.'},   {"(.)", '.'},   {"{.}", '.'},   {"[dot]", '.'},
    {"(dot)", '.'}, {"{dot}", '.'}, {" dot ", '.'}, {"[:]", ':'},
};

bool StartsWithIgnoreCase(std::string_view s, size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) return false;
  return base::EqualsIgnoreAsciiCase(s.substr(pos, prefix.size()), prefix);
}

// One pass of the replacements, then one pass removing spaces next to dots.
bool RefangOnce(std::string_view in, std::string* out) {
  std::string replaced;
  replaced.reserve(in.size());
  bool changed = false;
  for (size_t i = 0; i < in.size();) {
    bool matched = false;
    for (const Replacement& r : kReplacements) {
      if (StartsWithIgnoreCase(in, i, r.from)) {
        replaced.push_back(r.to);
        i += r.from.size();
        matched = changed = true;
        break;
      }
    }
    if (!matched) replaced.push_back(in[i++]);
  }
  out->clear();
  for (size_t i = 0; i < replaced.size(); ++i) {
    char c = replaced[i];
    if (c == ' ') {
      bool before_dot = false;
      size_t j = i;
      while (j < replaced.size() && replaced[j] == ' ') ++j;
      before_dot = j < replaced.size() && replaced[j] == '.';
      bool after_dot = !out->empty() && out->back() == '.';
      if (before_dot || after_dot) {
        i = j - 1;
        changed = true;
        continue;
      }
    }
    out->push_back(c);
  }
  return changed;
}

}  // namespace

bool HostMayBeDefanged(std::string_view host) {
  for (char c : host) {
    if (c == '[' || c == '(' || c == '{' || c == ' ') return true;
  }
  return false;
}

bool RefangHost(std::string_view host, std::string* out) {
  std::string current(host);
  bool any = false;
  while (RefangOnce(current, out)) {
    any = true;
    current = *out;
  }
  // A defanged host often carries spaces at its ends too ("ehoaq . com / x").
  *out = any ? std::string(base::TrimAscii(current)) : std::move(current);
  return any;
}

}  // namespace binhyen::indicator::internal
