#include <string>

#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
std::string TextArray(const std::vector<std::string>& words) {
  std::string out = "{";
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('"');
    for (char c : words[i]) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

std::string IntArray(const std::vector<int64_t>& ids) {
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += std::to_string(ids[i]);
  }
  out.push_back('}');
  return out;
}

}  // namespace binhyen::store::postgres
