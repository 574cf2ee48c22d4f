// `binhyen import`: imports a blocklist file as a feed source, lists the sources, enables or
// disables one.
//
//   binhyen import --data DIR --format FORMAT FILE --source NAME --trust low|medium|high
//                  [--strict] [--category C] [--json] [--store URL]
//   binhyen import --list [--json]
//   binhyen import --disable NAME | --enable NAME
//
// Exit codes: 0 when the file was imported (even with bad lines, unless --strict); 1 when
// --strict met a bad line, the file cannot be read or the store fails; 2 for bad arguments
// (unknown format or trust, missing FILE or --source, bad source name or category).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "app/cli_environment.h"
#include "base/clock.h"
#include "commands.h"
#include "domain/feed.h"
#include "exchange/importer.h"
#include "json_output.h"
#include "service/audit_entry.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

// Bad lines printed in the human summary (all kept ones are in the JSON).
constexpr size_t kPrintedErrors = 10;

struct ImportArgs {
  StoreOptions store;
  std::string file;
  std::string format;
  std::string source;
  std::string trust;
  std::string category;
  bool strict = false;
  bool json = false;
  bool list = false;
  std::string enable;
  std::string disable;
};

base::Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return base::UnavailableError("cannot read " + path + ": " + std::strerror(errno));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return base::UnavailableError("cannot read " + path + ": read error");
  return std::move(buffer).str();
}

nlohmann::json ReportToJson(const exchange::ImportReport& r) {
  nlohmann::json errors = nlohmann::json::array();
  for (const exchange::LineError& e : r.errors) {
    errors.push_back({{"line", e.line}, {"message", e.message}});
  }
  return {{"source", r.source},   {"format", exchange::ImportFormatName(r.format)},
          {"parsed", r.parsed},   {"added", r.added},
          {"kept", r.kept},       {"expired", r.expired},
          {"skipped", r.skipped}, {"error_count", r.error_count},
          {"errors", errors},     {"version", r.version}};
}

void PrintReport(const exchange::ImportReport& r) {
  std::printf(
      "Đã nhập nguồn '%s' (%s): %zu mục đọc được, %lld mới, %lld giữ nguyên, %lld hết hạn, "
      "%zu dòng bỏ qua, %zu dòng lỗi; phiên bản %lld.\n",
      r.source.c_str(), std::string(exchange::ImportFormatName(r.format)).c_str(), r.parsed,
      static_cast<long long>(r.added), static_cast<long long>(r.kept),
      static_cast<long long>(r.expired), r.skipped, r.error_count,
      static_cast<long long>(r.version));
  std::printf(
      "Imported source '%s' (%s): %zu entries read, %lld new, %lld kept, %lld expired, "
      "%zu lines skipped, %zu bad lines; version %lld.\n",
      r.source.c_str(), std::string(exchange::ImportFormatName(r.format)).c_str(), r.parsed,
      static_cast<long long>(r.added), static_cast<long long>(r.kept),
      static_cast<long long>(r.expired), r.skipped, r.error_count,
      static_cast<long long>(r.version));
  if (r.error_count == 0) return;
  std::printf("Các dòng lỗi đầu tiên / First bad lines:\n");
  for (size_t i = 0; i < r.errors.size() && i < kPrintedErrors; ++i) {
    std::printf("  dòng/line %zu: %s\n", r.errors[i].line, r.errors[i].message.c_str());
  }
  if (r.error_count > kPrintedErrors) {
    std::printf("  ... và %zu dòng lỗi khác / and %zu more\n", r.error_count - kPrintedErrors,
                r.error_count - kPrintedErrors);
  }
}

int RunImport(const ImportArgs& args) {
  const char* kCommand = "import";
  if (args.file.empty()) {
    return Fail(kCommand, base::InvalidArgumentError("FILE is required (or --list, --enable, "
                                                     "--disable)"));
  }
  if (args.source.empty())
    return Fail(kCommand, base::InvalidArgumentError("--source is required"));
  std::optional<exchange::ImportFormat> format = exchange::ParseImportFormat(args.format);
  if (!format.has_value()) {
    return Fail(kCommand,
                base::InvalidArgumentError("--format: unknown format '" + args.format +
                                           "' (plain, hosts, adblock, adguard, rpz, dnsmasq, "
                                           "unbound, bind, csv, urlhaus, openphish, phishtank, "
                                           "chongluadao, stix, misp)"));
  }
  if (args.trust.empty()) {
    return Fail(kCommand, base::InvalidArgumentError("--trust is required: low, medium or high"));
  }
  std::optional<domain::FeedTrust> trust = domain::ParseFeedTrust(args.trust);
  if (!trust.has_value()) {
    return Fail(kCommand, base::InvalidArgumentError("--trust: must be low, medium or high"));
  }
  base::Result<std::string> text = ReadWholeFile(args.file);
  if (!text.ok()) return Fail(kCommand, text.status());
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kCreate);
  if (!session.ok()) return Fail(kCommand, session.status());

  exchange::ImportRequest request;
  request.source = args.source;
  request.format = *format;
  request.trust = *trust;
  request.text = *text;
  request.strict = args.strict;
  request.default_category = args.category;
  request.actor = CliActor();
  exchange::Importer importer(*(*session)->env().store, (*session)->clock());
  base::Result<exchange::ImportReport> report = importer.Import(request);
  if (!report.ok()) {
    const int code = Fail(kCommand, report.status());
    // A strict import refused for a bad line is the command's finding, not a usage error.
    return args.strict && report.status().message().rfind("line ", 0) == 0 ? kExitFailure : code;
  }
  if (args.json) {
    std::printf("%s\n", DumpLine(ReportToJson(*report)).c_str());
  } else {
    PrintReport(*report);
  }
  return kExitOk;
}

nlohmann::json SourceToJson(const domain::FeedSource& s) {
  return {{"name", s.name},
          {"format", s.format},
          {"trust", domain::Name(s.trust)},
          {"enabled", s.enabled},
          {"imported_at", s.imported_at ? nlohmann::json(base::FormatRfc3339(*s.imported_at))
                                        : nlohmann::json(nullptr)},
          {"active_entries", s.active_entries},
          {"version", s.version}};
}

int RunList(const ImportArgs& args) {
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("import --list", session.status());
  base::Result<std::unique_ptr<store::Transaction>> tx =
      (*session)->env().store->Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return Fail("import --list", tx.status());
  base::Result<std::vector<domain::FeedSource>> sources = (*tx)->Feeds().ListSources();
  if (!sources.ok()) return Fail("import --list", sources.status());
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const domain::FeedSource& s : *sources) out.push_back(SourceToJson(s));
    std::printf("%s\n", DumpLine(out).c_str());
    return kExitOk;
  }
  std::printf("name\tformat\ttrust\tenabled\timported_at\tactive_entries\tversion\n");
  for (const domain::FeedSource& s : *sources) {
    std::printf("%s\t%s\t%s\t%s\t%s\t%lld\t%lld\n", s.name.c_str(), s.format.c_str(),
                std::string(domain::Name(s.trust)).c_str(), s.enabled ? "yes" : "no",
                s.imported_at ? base::FormatRfc3339(*s.imported_at).c_str() : "-",
                static_cast<long long>(s.active_entries), static_cast<long long>(s.version));
  }
  return kExitOk;
}

int RunSetEnabled(const ImportArgs& args, const std::string& name, bool enabled) {
  const char* command = enabled ? "import --enable" : "import --disable";
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail(command, session.status());
  CliSession& s = **session;
  base::Result<std::unique_ptr<store::Transaction>> tx =
      s.env().store->Begin(store::TxMode::kReadWrite);
  if (!tx.ok()) return Fail(command, tx.status());
  base::Result<domain::FeedSource> source = (*tx)->Feeds().SetEnabled(name, enabled);
  if (!source.ok()) return Fail(command, source.status());
  const std::string action = enabled ? "feed.enable" : "feed.disable";
  base::Status audited =
      (*tx)
          ->Audit()
          .Append(service::MakeAuditEntry(s.clock().Now(), CliActor(), action, "feed:" + name, ""))
          .status();
  if (!audited.ok()) return Fail(command, audited);
  if (base::Status committed = (*tx)->Commit(); !committed.ok()) return Fail(command, committed);
  std::printf(enabled ? "Đã bật nguồn '%s' / Source '%s' enabled.\n"
                      : "Đã tắt nguồn '%s' / Source '%s' disabled.\n",
              name.c_str(), name.c_str());
  return kExitOk;
}

int Run(const ImportArgs& args) {
  const int modes = (args.list ? 1 : 0) + (args.enable.empty() ? 0 : 1) +
                    (args.disable.empty() ? 0 : 1) + (args.file.empty() ? 0 : 1);
  if (modes > 1) {
    return Fail("import", base::InvalidArgumentError(
                              "give one of FILE, --list, --enable NAME, --disable NAME"));
  }
  if (args.list) return RunList(args);
  if (!args.enable.empty()) return RunSetEnabled(args, args.enable, true);
  if (!args.disable.empty()) return RunSetEnabled(args, args.disable, false);
  return RunImport(args);
}

}  // namespace

void RegisterImport(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Nhập danh sách chặn làm nguồn (nhập lại thì thay thế) / Import a blocklist file as a "
      "feed source (re-importing replaces it; entries it no longer has expire)");
  AddStoreOptions(cmd, &args->store);
  cmd->add_option("FILE", args->file, "The file to import");
  cmd->add_option("--format", args->format,
                  "plain, hosts, adblock (adguard), rpz, dnsmasq, unbound, bind, csv, urlhaus, "
                  "openphish, phishtank, chongluadao, stix, misp");
  cmd->add_option("--source", args->source, "Source name: 1..64 of a-z 0-9 . _ -");
  cmd->add_option("--trust", args->trust, "low, medium or high (required with FILE)");
  cmd->add_option("--category", args->category,
                  "Category of entries the file gives none (default per format: hosts, plain "
                  "and general formats 'other', urlhaus 'malware', openphish / phishtank / "
                  "chongluadao 'phishing')");
  cmd->add_flag("--strict", args->strict, "Refuse the whole file at the first bad line (exit 1)");
  cmd->add_flag("--json", args->json, "Print the summary (or --list) as one JSON object");
  cmd->add_flag("--list", args->list, "List the sources with their counts");
  cmd->add_option("--enable", args->enable, "Enable source NAME");
  cmd->add_option("--disable", args->disable, "Disable source NAME (its entries are kept)");
  cmd->callback([args, exit_code] {
    *exit_code = Run(*args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
