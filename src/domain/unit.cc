#include "domain/unit.h"

#include <array>
#include <string>
#include <utility>

namespace binhyen::domain {
namespace {

constexpr std::array<std::pair<UnitKind, std::string_view>, 6> kUnitKinds = {{
    {UnitKind::kWard, "ward"},
    {UnitKind::kCommune, "commune"},
    {UnitKind::kSchool, "school"},
    {UnitKind::kAgency, "agency"},
    {UnitKind::kBusiness, "business"},
    {UnitKind::kOther, "other"},
}};

constexpr size_t kMaxCodeBytes = 32;
constexpr size_t kMaxNameBytes = 200;

base::Status Bad(std::string_view field, std::string_view what) {
  return base::InvalidArgumentError(std::string(field) + ": " + std::string(what));
}

// A unit code: 1..32 bytes of [a-z0-9_-].
base::Status CheckCode(std::string_view field, std::string_view code) {
  if (code.empty()) return Bad(field, "must not be empty");
  if (code.size() > kMaxCodeBytes) return Bad(field, "must be at most 32 bytes");
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
      return Bad(field, "only a-z, 0-9, '_' and '-' are allowed");
    }
  }
  return base::Status::Ok();
}

}  // namespace

std::string_view Name(UnitKind v) {
  for (const auto& [kind, name] : kUnitKinds) {
    if (kind == v) return name;
  }
  return "unknown";
}

std::optional<UnitKind> ParseUnitKind(std::string_view name) {
  for (const auto& [kind, n] : kUnitKinds) {
    if (n == name) return kind;
  }
  return std::nullopt;
}

base::Status Validate(const Unit& unit) {
  BINHYEN_RETURN_IF_ERROR(CheckCode("code", unit.code));
  if (unit.name.empty()) return Bad("name", "must not be empty");
  if (unit.name.size() > kMaxNameBytes) return Bad("name", "must be at most 200 bytes");
  if (!ParseUnitKind(Name(unit.kind))) return Bad("kind", "unknown value");
  if (!unit.parent_code.empty()) {
    BINHYEN_RETURN_IF_ERROR(CheckCode("parent_code", unit.parent_code));
    if (unit.parent_code == unit.code) return Bad("parent_code", "a unit cannot be its own parent");
  }
  return base::Status::Ok();
}

}  // namespace binhyen::domain
