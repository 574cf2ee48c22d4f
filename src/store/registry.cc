#include "store/registry.h"

#include <utility>

#include "base/check.h"
#include "base/strings.h"

namespace binhyen::store {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = base::AsciiToLower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
               HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

base::Result<StoreUrl> StoreUrl::Parse(std::string_view url) {
  StoreUrl out;
  out.original = std::string(url);
  const size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return base::InvalidArgumentError(
        "store url: expected <scheme>:<location>, e.g. "
        "sqlite:./var/binhyen.db");
  }
  for (char c : url.substr(0, colon)) {
    if (!base::IsAsciiAlnum(c) && c != '+' && c != '-' && c != '.') {
      return base::InvalidArgumentError("store url: invalid scheme");
    }
  }
  out.scheme = base::AsciiLower(url.substr(0, colon));
  std::string_view rest = url.substr(colon + 1);
  const size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    for (std::string_view pair : base::Split(rest.substr(q + 1), '&')) {
      if (pair.empty()) continue;
      const size_t eq = pair.find('=');
      std::string key = PercentDecode(pair.substr(0, eq));
      std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
      out.query[std::move(key)] = std::move(value);
    }
    rest = rest.substr(0, q);
  }
  out.rest = std::string(rest);
  return out;
}

void Registry::Register(std::string scheme, Factory factory) {
  BINHYEN_CHECK(!factories_.contains(scheme), "store scheme registered twice");
  factories_.emplace(std::move(scheme), std::move(factory));
}

void Registry::RegisterTestDatabaseFactory(std::string scheme, TestDatabaseFactory factory) {
  test_factories_[std::move(scheme)] = std::move(factory);
}

base::Result<std::unique_ptr<Store>> Registry::Open(std::string_view url) const {
  BINHYEN_ASSIGN_OR_RETURN(StoreUrl parsed, StoreUrl::Parse(url));
  auto it = factories_.find(parsed.scheme);
  if (it == factories_.end()) {
    std::string known;
    for (const auto& [scheme, unused] : factories_) {
      if (!known.empty()) known += ", ";
      known += scheme;
    }
    return base::InvalidArgumentError("store url: unknown scheme '" + parsed.scheme +
                                      "' (known: " + known + ")");
  }
  return it->second(parsed);
}

base::Result<std::string> Registry::FreshTestDatabase(std::string_view base_url,
                                                      std::string_view name) const {
  BINHYEN_ASSIGN_OR_RETURN(StoreUrl parsed, StoreUrl::Parse(base_url));
  auto it = test_factories_.find(parsed.scheme);
  if (it == test_factories_.end()) {
    return base::NotFoundError("store url: no test database factory for '" + parsed.scheme + "'");
  }
  return it->second(base_url, name);
}

}  // namespace binhyen::store
