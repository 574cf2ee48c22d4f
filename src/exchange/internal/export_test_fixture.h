#pragma once

// The fixed export input the export tests render (golden texts in export_formats_test.cc).
// Test-only, header-only (not part of binhyen_exchange).

#include <chrono>
#include <string>
#include <utility>

#include "exchange/export_formats.h"

namespace binhyen::exchange::testing {

inline base::TimePoint At(int64_t unix_seconds) {
  return base::TimePoint(std::chrono::seconds(unix_seconds));
}

inline ExportEntry Entry(indicator::Kind kind, std::string canonical, std::string category,
                         std::string severity, std::string warning_url = "") {
  ExportEntry e;
  e.kind = kind;
  e.canonical = std::move(canonical);
  e.category = std::move(category);
  e.severity = std::move(severity);
  e.first_seen = At(1793520000);  // 2026-11-01T08:00:00Z
  e.last_seen = At(1795167000);   // 2026-11-20T09:30:00Z
  e.warning_url = std::move(warning_url);
  return e;
}

// Every kind, a URL with a comma (CSV quoting), a listed host under an allowlisted suffix
// (dropped from DNS formats), an allowlisted name under a listed host (DNS exception), a
// duplicate and an out-of-order list (Render sorts).
inline ExportInput FixtureInput() {
  using indicator::Kind;
  ExportInput in;
  in.version = 42;
  in.generated_at = At(1795904002);  // 2026-11-28T22:13:22Z
  in.base_url = "https://binhyen.example";
  const std::string warning = "https://binhyen.example/canhbao/vcb-gia-mao";
  in.entries.push_back(Entry(Kind::kSocial, "facebook:nguyenvana", "fake_account", "medium"));
  in.entries.push_back(Entry(Kind::kDomain, "vcb-xacminh.top", "phishing", "high", warning));
  in.entries.back().expires_at = At(1809129600);  // 2027-05-01T00:00:00Z
  in.entries.push_back(
      Entry(Kind::kUrl, "http://vcb-xacminh.top/dang-nhap?a=1,2", "phishing", "high", warning));
  in.entries.push_back(Entry(Kind::kDomain, "evil.blogspot.com", "phishing", "high"));
  in.entries.push_back(Entry(Kind::kDomain, "nhanqua-shopee.xyz", "prize", "medium"));
  in.entries.back().first_seen = At(1792065600);  // 2026-10-15T12:00:00Z
  in.entries.back().last_seen = At(1795592730);   // 2026-11-25T07:45:30Z
  in.entries.push_back(Entry(Kind::kIp, "203.0.113.7", "malware", "high"));
  in.entries.push_back(Entry(Kind::kIp, "2001:db8::7", "malware", "high"));
  in.entries.push_back(Entry(Kind::kPhone, "+84912345678", "scam_call", "high"));
  in.entries.push_back(
      Entry(Kind::kBankAccount, "970436:0071000986547", "bank_fraud", "critical", warning));
  in.entries.push_back(Entry(Kind::kEmail, "hotro@vcb-xacminh.top", "phishing", "high"));
  in.entries.push_back(Entry(Kind::kDomain, "vcb-xacminh.top", "phishing", "high"));  // repeat
  in.passthru_hosts = {"sites.google.com", "blogspot.com", "an-toan.nhanqua-shopee.xyz"};
  return in;
}

}  // namespace binhyen::exchange::testing
