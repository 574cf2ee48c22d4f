// `binhyen normalize KIND VALUE [--expressions]`: the canonical form of one indicator.
#include <cstdio>
#include <string>

#include "commands.h"
#include "indicator/indicator.h"
#include "indicator/url.h"

namespace binhyen::app {
namespace {

struct NormalizeArgs {
  std::string kind;
  std::string value;
  bool expressions = false;
};

std::string KindList() {
  std::string out;
  for (indicator::Kind k : indicator::kAllKinds) {
    if (!out.empty()) out += ", ";
    out += indicator::KindName(k);
  }
  return out;
}

int Fail(const std::string& reason) {
  std::fprintf(stderr, "binhyen normalize: %s\n", reason.c_str());
  return kExitBadInput;
}

// The expressions are a Safe Browsing protocol operation on any URL, so they come from the plain
// Safe Browsing canonicalisation, without the indicator's public-suffix check: the protocol's own
// examples use hosts like "a.b.c".
int PrintExpressions(const std::string& value) {
  indicator::CanonicalUrl url;
  base::Status status = indicator::CanonicalizeUrlInto(value, &url);
  if (!status.ok()) return Fail(status.message());
  indicator::LookupExpressionList list;
  indicator::LookupExpressions(url, &list);
  for (std::string_view e : list) {
    std::fwrite(e.data(), 1, e.size(), stdout);
    std::fputc('\n', stdout);
  }
  return kExitOk;
}

int RunNormalize(const NormalizeArgs& args) {
  std::optional<indicator::Kind> kind = indicator::ParseKind(args.kind);
  if (!kind) return Fail("unknown kind '" + args.kind + "' (one of: " + KindList() + ")");
  if (args.expressions && *kind != indicator::Kind::kUrl) {
    return Fail("--expressions applies to kind url only");
  }
  if (args.expressions) return PrintExpressions(args.value);
  base::Result<indicator::Indicator> result = indicator::Canonicalize(*kind, args.value);
  if (!result.ok()) return Fail(result.status().message());
  std::printf("%s\n", result->canonical.c_str());
  return kExitOk;
}

}  // namespace

void RegisterNormalize(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<NormalizeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "normalize",
      "Print the canonical form of one indicator; exit 2 with a one-line reason if invalid");
  cmd->add_option("kind", args->kind,
                  "url, domain, ip, phone, bank_account (or bank), email, social")
      ->required();
  cmd->add_option("value", args->value, "The value as written, e.g. \"Vietcombank: 0071000986547\"")
      ->required();
  cmd->add_flag("--expressions", args->expressions,
                "For kind url: print the Safe Browsing lookup expressions, one per line");
  cmd->callback([args, exit_code] {
    *exit_code = RunNormalize(*args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
