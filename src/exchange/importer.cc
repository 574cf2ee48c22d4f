#include "exchange/importer.h"

#include <span>
#include <string>
#include <utility>

#include "domain/enums.h"
#include "service/audit_entry.h"

namespace binhyen::exchange {
namespace {

// The store's input: canonical strings moved out of the parsed feed; categories the feed did
// not give (or gave in a vocabulary we do not know) become `fallback`.
std::vector<store::FeedEntryInput> ToInputs(std::vector<ImportedEntry> entries,
                                            const std::string& fallback) {
  std::vector<store::FeedEntryInput> out;
  out.reserve(entries.size());
  for (ImportedEntry& e : entries) {
    store::FeedEntryInput in{e.kind, std::move(e.canonical), std::move(e.category)};
    if (in.category.empty() || !domain::ParseCategory(in.category).has_value()) {
      in.category = fallback;
    }
    out.push_back(std::move(in));
  }
  return out;
}

std::string AuditSummary(const ImportReport& r, domain::FeedTrust trust) {
  return "format=" + std::string(ImportFormatName(r.format)) +
         " trust=" + std::string(domain::Name(trust)) + " parsed=" + std::to_string(r.parsed) +
         " added=" + std::to_string(r.added) + " kept=" + std::to_string(r.kept) +
         " expired=" + std::to_string(r.expired) + " skipped=" + std::to_string(r.skipped) +
         " errors=" + std::to_string(r.error_count) + " version=" + std::to_string(r.version);
}

}  // namespace

std::string_view DefaultImportCategory(ImportFormat format) {
  switch (format) {
    case ImportFormat::kUrlhausCsv: return "malware";
    case ImportFormat::kOpenPhish:
    case ImportFormat::kPhishTank:
    case ImportFormat::kChongLuaDao: return "phishing";
    default: return "other";
  }
}

base::Result<ImportReport> Importer::Import(const ImportRequest& request) {
  BINHYEN_RETURN_IF_ERROR(domain::ValidateFeedName(request.source));
  const std::string category = request.default_category.empty()
                                   ? std::string(DefaultImportCategory(request.format))
                                   : request.default_category;
  if (!domain::ParseCategory(category).has_value()) {
    return base::InvalidArgumentError("category: unknown category '" + category + "'");
  }
  ParseOptions options;
  options.strict = request.strict;
  BINHYEN_ASSIGN_OR_RETURN(ParsedFeed parsed, ParseFeed(request.format, request.text, options));

  ImportReport report;
  report.source = request.source;
  report.format = request.format;
  report.parsed = parsed.entries.size();
  report.skipped = parsed.skipped;
  report.error_count = parsed.errors.size();
  if (parsed.errors.size() > kMaxReportedErrors) parsed.errors.resize(kMaxReportedErrors);
  report.errors = std::move(parsed.errors);
  const std::vector<store::FeedEntryInput> inputs = ToInputs(std::move(parsed.entries), category);

  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  store::FeedRepository& feeds = tx->Feeds();
  // A re-import keeps the source's enabled flag: disabling is an analyst's decision.
  bool enabled = true;
  base::Result<domain::FeedSource> existing = feeds.GetSource(request.source);
  if (existing.ok()) {
    enabled = existing->enabled;
  } else if (existing.status().code() != base::StatusCode::kNotFound) {
    return existing.status();
  }
  BINHYEN_ASSIGN_OR_RETURN(
      domain::FeedSource source,
      feeds.UpsertSource(request.source, ImportFormatName(request.format), request.trust, enabled));
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(store::FeedReplaceOutcome outcome,
                           feeds.ReplaceEntries(source.id, inputs, now));
  report.added = outcome.added;
  report.kept = outcome.kept;
  report.expired = outcome.expired;
  report.version = outcome.version;
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(service::MakeAuditEntry(now, request.actor, "feed.import",
                                                              "feed:" + request.source,
                                                              AuditSummary(report, request.trust)))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return report;
}

}  // namespace binhyen::exchange
