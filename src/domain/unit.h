#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// The kind of an organisational unit of the movement.
enum class UnitKind { kWard, kCommune, kSchool, kAgency, kBusiness, kOther };
std::string_view Name(UnitKind v);  // "ward" "commune" "school" "agency" "business" "other"
std::optional<UnitKind> ParseUnitKind(std::string_view name);

// A unit: a ward or commune of the town, or a school, agency or business in one. Reports name
// the ward / commune they come from by its code; users belong to a unit by code.
struct Unit {
  std::string code;  // 1..32 bytes of [a-z0-9_-]; unique; e.g. "pho-minh"
  std::string name;  // display name in Vietnamese, e.g. "Phường Phổ Minh"; 1..200 bytes
  UnitKind kind = UnitKind::kOther;
  std::string parent_code;  // the ward / commune a school or agency is in; may be empty
  base::TimePoint created_at{};
  friend bool operator==(const Unit&, const Unit&) = default;
};

// InvalidArgument naming the field ("code: ...", "name: must not be empty").
base::Status Validate(const Unit& unit);

}  // namespace binhyen::domain
