#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/feed.h"
#include "exchange/import_formats.h"
#include "store/store.h"

namespace binhyen::exchange {

// At most this many bad lines are kept in an ImportReport (all are counted).
inline constexpr size_t kMaxReportedErrors = 100;

struct ImportRequest {
  std::string source;  // the feed source's name (domain::ValidateFeedName)
  ImportFormat format = ImportFormat::kPlain;
  domain::FeedTrust trust = domain::FeedTrust::kMedium;
  std::string_view text;  // the whole file; must outlive the call
  bool strict = false;    // refuse the whole import at the first bad line
  // The category of entries for which the feed says none: a domain::Category name, or "" for
  // DefaultImportCategory(format).
  std::string default_category;
  std::string actor = "cli";  // who imports, for the audit log ("cli", "user:7")
};

struct ImportReport {
  std::string source;
  ImportFormat format = ImportFormat::kPlain;
  size_t parsed = 0;  // entries read from the file (distinct)
  int64_t added = 0;  // store::FeedReplaceOutcome
  int64_t kept = 0;
  int64_t expired = 0;
  size_t skipped = 0;             // comments, blank and uninteresting lines
  std::vector<LineError> errors;  // the first kMaxReportedErrors bad lines
  size_t error_count = 0;         // every bad line
  int64_t version = 0;            // the change version the import was given
};

// The category entries without one get, per format: "malware" for URLhaus; "phishing" for
// OpenPhish, PhishTank and ChongLuaDao (lists of phishing and scam sites); "other" for every
// general-purpose format (plain, hosts, adblock, RPZ, CSV, STIX, MISP), whose lists mix ads,
// trackers, malware and scams.
std::string_view DefaultImportCategory(ImportFormat format);

// Imports blocklist files as feed sources (issue 5, deliverable 5): parses the file
// (ParseFeed), then in one read-write transaction creates or updates the source (a re-import
// keeps its enabled flag), replaces its entries (entries the file no longer has expire) and
// appends an audit entry "feed.import" with the counts. Bad lines are counted and reported
// without aborting unless `strict`.
// Thread safety: thread-safe (the store is; the importer holds no state of its own).
class Importer {
 public:
  Importer(store::Store& store, const base::Clock& clock) : store_(store), clock_(clock) {}

  // InvalidArgument for a bad source name ("name: ..."), an unknown default category
  // ("category: unknown category 'x'"), input that is not the format at all, or — when strict —
  // the first bad line ("line N: ..."); ResourceExhausted for too many entries; the store's
  // errors otherwise. Nothing is stored on error.
  base::Result<ImportReport> Import(const ImportRequest& request);

 private:
  store::Store& store_;
  const base::Clock& clock_;
};

}  // namespace binhyen::exchange
