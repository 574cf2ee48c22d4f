#include "index/allowlist.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/check.h"
#include "base/status.h"
#include "index/internal/flat_hash_table.h"
#include "index/internal/hash.h"

namespace binhyen::index {

namespace internal {
extern const std::string_view kShortenerAllowlist;
extern const std::string_view kSharedAllowlist;
extern const std::string_view kBankAllowlist;
extern const std::string_view kGovernmentAllowlist;
}  // namespace internal

namespace {

constexpr uint64_t kHostSeed = 0x2d358dccaa6c78a5ull;

struct Line {
  Allowlist::Protection protection;
  std::string host;
};

std::optional<Allowlist::Protection> ParseProtection(std::string_view name) {
  using P = Allowlist::Protection;
  for (P p : {P::kShortener, P::kShared, P::kBank, P::kGovernment}) {
    if (ProtectionName(p) == name) return p;
  }
  return std::nullopt;
}

// A host as Protect() compares it: lower-case ASCII letters, digits, '-', '_' and inner dots,
// two labels or more (a rule for a whole top-level domain makes no sense, and lookups skip the
// last label).
bool IsRuleHost(std::string_view host) {
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.back() == '.') {
    return false;
  }
  char prev = 0;
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              (c == '.' && prev != '.');
    if (!ok) return false;
    prev = c;
  }
  return host.find('.') != std::string_view::npos;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

base::Result<Line> ParseLine(std::string_view line, size_t number) {
  size_t space = line.find_first_of(" \t");
  auto error = [number](std::string_view what) {
    return base::InvalidArgumentError("line " + std::to_string(number) + ": " + std::string(what));
  };
  if (space == std::string_view::npos) return error("expected \"<protection> <host>\"");
  std::optional<Allowlist::Protection> protection = ParseProtection(line.substr(0, space));
  if (!protection)
    return error("unknown protection \"" + std::string(line.substr(0, space)) + "\"");
  std::string_view host = Trim(line.substr(space + 1));
  if (!IsRuleHost(host)) return error("bad host \"" + std::string(host) + "\"");
  return Line{*protection, std::string(host)};
}

}  // namespace

struct Allowlist::Impl {
  std::vector<Line> rules;
  internal::FlatHashTable table;  // Hash64(host) -> index into rules
};

Allowlist::Allowlist(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Allowlist::~Allowlist() = default;

std::shared_ptr<const Allowlist> Allowlist::BuiltIn() {
  // Immutable once built (a function-local constant, not mutable state).
  static const std::shared_ptr<const Allowlist> built_in = [] {
    std::string text;
    for (std::string_view part : {internal::kBankAllowlist, internal::kGovernmentAllowlist,
                                  internal::kShortenerAllowlist, internal::kSharedAllowlist}) {
      text.append(part);
      text.push_back('\n');
    }
    base::Result<std::shared_ptr<const Allowlist>> parsed = Parse(text);
    BINHYEN_CHECK(parsed.ok(), "the compiled-in allowlists do not parse");
    return std::move(parsed).value();
  }();
  return built_in;
}

base::Result<std::shared_ptr<const Allowlist>> Allowlist::Parse(std::string_view text) {
  auto impl = std::make_unique<Impl>();
  std::vector<internal::FlatHashTable::Slot> slots;
  std::unordered_map<std::string, Protection> seen;
  size_t number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = Trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    BINHYEN_ASSIGN_OR_RETURN(Line parsed, ParseLine(line, number));
    auto [it, inserted] = seen.emplace(parsed.host, parsed.protection);
    if (!inserted) {
      if (it->second == parsed.protection) continue;  // the same rule twice
      return base::InvalidArgumentError("line " + std::to_string(number) + ": \"" + parsed.host +
                                        "\" already has another protection");
    }
    slots.push_back(
        {internal::Hash64(parsed.host, kHostSeed), static_cast<uint32_t>(impl->rules.size()), 1});
    impl->rules.push_back(std::move(parsed));
  }
  impl->table.Build(slots);
  return std::shared_ptr<const Allowlist>(new Allowlist(std::move(impl)));
}

Allowlist::Protection Allowlist::Rule(std::string_view host) const {
  const internal::FlatHashTable::Slot* slot = impl_->table.Find(internal::Hash64(host, kHostSeed));
  if (slot == nullptr || impl_->rules[slot->begin].host != host) return Protection::kNone;
  return impl_->rules[slot->begin].protection;
}

Allowlist::Protection Allowlist::Protect(std::string_view host) const {
  Protection own = Rule(host);
  if (own != Protection::kNone) return own;
  for (size_t dot = host.find('.'); dot != std::string_view::npos; dot = host.find('.', dot + 1)) {
    std::string_view parent_host = host.substr(dot + 1);
    if (parent_host.find('.') == std::string_view::npos) break;  // a bare top-level label
    Protection parent = Rule(parent_host);
    if (parent == Protection::kBank || parent == Protection::kGovernment) return parent;
  }
  return Protection::kNone;
}

size_t Allowlist::size() const { return impl_->rules.size(); }

std::vector<std::string> Allowlist::ProtectedHosts() const {
  std::vector<std::string> out;
  for (const Line& rule : impl_->rules) {
    if (rule.protection == Protection::kBank || rule.protection == Protection::kGovernment) {
      out.push_back(rule.host);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string_view ProtectionName(Allowlist::Protection p) {
  switch (p) {
    case Allowlist::Protection::kNone: return "none";
    case Allowlist::Protection::kShortener: return "shortener";
    case Allowlist::Protection::kShared: return "shared";
    case Allowlist::Protection::kBank: return "bank";
    case Allowlist::Protection::kGovernment: return "government";
  }
  return "none";
}

}  // namespace binhyen::index
