#pragma once

#include <string_view>

#include "base/status.h"
#include "exchange/internal/import_builder.h"

// The per-format parsers behind exchange::ParseFeed. Each reads `text` (BOM and CRLF
// tolerated) into `builder` and returns a non-ok Status only when the parse must stop: the
// builder's strict/limit errors, or InvalidArgument when the input is not the format at all.
// Thread safety: pure functions of their arguments.
namespace binhyen::exchange::internal {

// import_text.cc: line-based formats.
base::Status ParsePlain(std::string_view text, std::string_view category, FeedBuilder& builder);
base::Status ParseHosts(std::string_view text, FeedBuilder& builder);
base::Status ParseAdblock(std::string_view text, FeedBuilder& builder);
base::Status ParseRpz(std::string_view text, FeedBuilder& builder);
base::Status ParseDnsmasq(std::string_view text, FeedBuilder& builder);
base::Status ParseUnbound(std::string_view text, FeedBuilder& builder);
base::Status ParseBind(std::string_view text, FeedBuilder& builder);

// import_csv.cc: CSV formats (RFC 4180).
base::Status ParseCsv(std::string_view text, FeedBuilder& builder);
base::Status ParseUrlhausCsv(std::string_view text, FeedBuilder& builder);
base::Status ParsePhishTankCsv(std::string_view text, FeedBuilder& builder);

// import_json.cc: JSON formats.
base::Status ParsePhishTankJson(std::string_view text, FeedBuilder& builder);
base::Status ParseChongLuaDao(std::string_view text, FeedBuilder& builder);
base::Status ParseStix(std::string_view text, FeedBuilder& builder);
base::Status ParseMisp(std::string_view text, FeedBuilder& builder);

}  // namespace binhyen::exchange::internal
