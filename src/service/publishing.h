#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/enums.h"
#include "domain/warning.h"
#include "store/store.h"

namespace binhyen::service {

// What an analyst writes: a warning or a clarification, before the store gives it an id.
struct WarningDraft {
  domain::WarningKind kind = domain::WarningKind::kWarning;
  std::string title;  // non-empty (after trimming), at most 300 bytes
  std::string body;   // Markdown; non-empty, at most 100,000 bytes
  std::optional<domain::Category> category;
  std::vector<domain::WarningIndicator> indicators;  // each (kind, canonical) at most once
  std::optional<int64_t> report_id;                  // the report it was written from
  bool publish = false;  // shown publicly now (true) or kept as a draft (false)
};

// The longest slug Publishing makes (before a "-N" suffix).
inline constexpr size_t kMaxSlugBytes = 80;

// The slug of a title: Vietnamese folded to ASCII (text::FoldVietnamese), lower case, every run
// of other characters one '-', no '-' at either end, at most kMaxSlugBytes (cut at a '-' when
// there is one in the last 20 bytes); "canh-bao" when nothing is left.
std::string SlugFromTitle(std::string_view title);

// Warnings and clarifications written by analysts for the public portal. Every change is
// written with its audit entry in one transaction ("warning.create", "warning.update",
// "warning.publish", "warning.unpublish"; target "warning:<id>").
// Thread safety: thread-safe (holds only references to thread-safe objects).
class Publishing {
 public:
  // Both references must outlive the Publishing.
  Publishing(store::Store& store, const base::Clock& clock);

  // Creates the warning of `draft` by `actor` (non-empty). Its slug is SlugFromTitle(title),
  // or that with "-2", "-3", ... when taken; published_at = now when draft.publish. Errors:
  // InvalidArgument naming the field ("title: must not be empty", "body: ...",
  // "indicators: duplicate ...", "report_id: no report <n>", "actor: must not be empty").
  base::Result<domain::Warning> Create(const WarningDraft& draft, std::string_view actor);

  // Replaces kind, title, body, category, indicators and report_id of warning `id`; the slug
  // stays (published links keep working). draft.publish = true keeps the first published_at
  // (or publishes now); false makes it a draft again. NotFound "warning <id>: not found";
  // the errors of Create.
  base::Result<domain::Warning> Update(int64_t id, const WarningDraft& draft,
                                       std::string_view actor);

  // Publishes warning `id` now; a warning already published keeps its published_at and nothing
  // is written (no audit entry). NotFound when absent.
  base::Result<domain::Warning> Publish(int64_t id, std::string_view actor);
  // Makes warning `id` a draft again (published_at cleared); a draft is left as it is.
  base::Result<domain::Warning> Unpublish(int64_t id, std::string_view actor);

  // A draft prefilled from CONFIRMED report `report_id` (FailedPrecondition "report <id>: only
  // a confirmed report can become a warning (status <s>)" otherwise; NotFound when absent):
  // title "Cảnh báo: <category label> – <first indicator>", a Markdown body listing the
  // report's indicators and the standard advice for its category, the report's category,
  // indicators and id, publish = false. Never the reporter's description or contact (they may
  // hold personal data): the analyst edits the text before publishing.
  base::Result<WarningDraft> DraftFromReport(int64_t report_id);

 private:
  base::Result<domain::Warning> CreateOnce(const WarningDraft& draft, std::string_view actor);
  base::Result<domain::Warning> UpdateOnce(int64_t id, const WarningDraft& draft,
                                           std::string_view actor);
  base::Result<domain::Warning> SetPublishedOnce(int64_t id, bool publish, std::string_view actor);

  store::Store& store_;
  const base::Clock& clock_;
};

}  // namespace binhyen::service
