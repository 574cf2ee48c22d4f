#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/enums.h"
#include "indicator/indicator.h"

namespace binhyen::domain {

// An indicator a warning is about (a warning names the phones, links or accounts it warns of).
struct WarningIndicator {
  indicator::Kind kind = indicator::Kind::kUrl;
  std::string canonical;

  friend bool operator==(const WarningIndicator&, const WarningIndicator&) = default;
};

// A published warning, or an official clarification answering a false rumour.
struct Warning {
  int64_t id = 0;  // assigned by the store
  WarningKind kind = WarningKind::kWarning;
  std::string slug;                             // URL part: [a-z0-9-], 1..120 bytes, unique
  std::string title;                            // non-empty, at most 300 bytes
  std::string body;                             // Markdown, non-empty, at most 100,000 bytes
  std::optional<base::TimePoint> published_at;  // nullopt: a draft, not shown publicly
  std::vector<WarningIndicator> indicators;     // each (kind, canonical) at most once
  base::TimePoint created_at{};
  base::TimePoint updated_at{};
  std::optional<Category> category = std::nullopt;  // the kind of scam it is about, when one
  // The report the warning was written from (service::Publishing::DraftFromReport); must name
  // an existing report (NotFound "report <id>: not found" from the store otherwise).
  std::optional<int64_t> report_id = std::nullopt;

  friend bool operator==(const Warning&, const Warning&) = default;
};

// InvalidArgument naming the field: "slug: ...", "title: must not be empty", ...
base::Status Validate(const Warning& warning);

}  // namespace binhyen::domain
