#pragma once

#include <string>
#include <string_view>

#include "index/snapshot.h"
#include "indicator/indicator.h"

namespace binhyen::service {

// The plain-language explanation of a check's answer, in Vietnamese first (residents, many of
// them elderly, read it on a phone) and English. Short sentences, no jargon, and always what to
// do next. "Not listed" never reads as "safe".
struct Explanation {
  std::string vi;
  std::string en;
};

Explanation Explain(const index::CheckResult& result);

// A category's name for residents ("phishing" -> "lừa đảo đánh cắp thông tin (phishing)" /
// "phishing"); the category name itself when unknown.
std::string_view CategoryLabelVi(std::string_view category);
std::string_view CategoryLabelEn(std::string_view category);
// An indicator kind's name for people ("Số điện thoại", "Tài khoản ngân hàng").
std::string_view KindLabelVi(indicator::Kind kind);

}  // namespace binhyen::service
