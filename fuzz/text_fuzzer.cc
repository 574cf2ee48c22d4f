// Fuzzes the text module with arbitrary bytes: sanitising, normalisation, folding, matching
// normalisation (with its origin-map invariants) and UTS #39 skeletons. Traps on any broken
// invariant; the sanitizers catch memory errors.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "text/confusable.h"
#include "text/fold.h"
#include "text/matching.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace {

namespace text = binhyen::text;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > size_t{64} * 1024) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const text::SanitizedUtf8 clean = text::SanitizeUtf8(input);
  const bool valid = text::IsValidUtf8(input);
  Check(text::IsValidUtf8(clean.text));
  Check(clean.had_invalid == !valid);
  if (valid) Check(clean.text == input);

  // The decoder substitutes exactly like SanitizeUtf8 and always advances.
  std::string re;
  for (size_t pos = 0; pos < input.size();) {
    const size_t before = pos;
    text::AppendUtf8(text::DecodeUtf8(input, &pos), &re);
    Check(pos > before && pos <= input.size());
  }
  Check(re == clean.text);

  const std::string nfc = text::Nfc(input);
  Check(text::IsValidUtf8(nfc));
  Check(text::Nfc(nfc) == nfc);  // idempotent
  Check(text::IsValidUtf8(text::Nfkc(input)));
  Check(text::IsValidUtf8(text::NfkcCasefold(input)));

  const std::string folded = text::FoldVietnamese(input);
  Check(text::IsValidUtf8(folded));
  Check(text::IsValidUtf8(text::RemoveVietnameseMarks(input)));

  const text::MatchText m = text::NormalizeForMatching(input);
  Check(text::IsValidUtf8(m.text));
  Check(m.origin.size() == m.text.size() + 1);
  Check(m.origin.back() == input.size());
  for (size_t i = 0; i < m.text.size(); ++i) {
    Check(m.origin[i] < input.size());
    Check(m.origin[i] <= m.origin[i + 1]);
  }
  if (!m.text.empty()) {
    const auto [b, e] = text::OriginalSpan(m, 0, m.text.size());
    Check(b <= e && e <= input.size());
  }

  Check(text::IsValidUtf8(text::Skeleton(input)));
  if (size < 256) {
    (void)text::AreConfusable(input, folded);
    (void)text::SpoofCheck(input);
  }
  return 0;
}
