#include "text/fold.h"

#include "base/strings.h"
#include "text/internal/fold_table.h"
#include "text/utf8.h"

namespace binhyen::text {
namespace {

std::string Fold(std::string_view input, internal::FoldMode mode) {
  const bool lower = mode != internal::FoldMode::kRemoveMarks;
  if (IsAscii(input)) return lower ? base::AsciiLower(input) : std::string(input);
  const internal::FoldTable& table = internal::FoldTable::Get(mode);
  std::string out;
  out.reserve(input.size());
  std::u32string scratch;
  size_t pos = 0;
  while (pos < input.size()) {
    const char b = input[pos];
    if (static_cast<unsigned char>(b) < 0x80) {
      out.push_back(lower ? base::AsciiToLower(b) : b);
      ++pos;
      continue;
    }
    const char32_t c = DecodeUtf8(input, &pos);
    for (char32_t f : table.Fold(c, &scratch)) AppendUtf8(f, &out);
  }
  return out;
}

}  // namespace

std::string FoldVietnamese(std::string_view input) {
  return Fold(input, internal::FoldMode::kLowerRemoveMarks);
}

std::string RemoveVietnameseMarks(std::string_view input) {
  return Fold(input, internal::FoldMode::kRemoveMarks);
}

}  // namespace binhyen::text
