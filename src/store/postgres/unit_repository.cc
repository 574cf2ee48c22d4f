// Units (wards, communes, schools, agencies, businesses).
#include <string>
#include <utility>

#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

constexpr Sql kUnitExists{"unit_exists", "SELECT 1 FROM units WHERE code = $1"};
constexpr Sql kUnitInsert{"unit_insert",
                          "INSERT INTO units (code, name, kind, parent_code, created_at) "
                          "VALUES ($1, $2, $3, $4, $5)"};
constexpr Sql kUnitUpdate{
    "unit_update", "UPDATE units SET name = $2, kind = $3, parent_code = $4 WHERE code = $1"};
// Whether $2 is $1 or one of its ancestors: making $1 the parent of $2 would close a cycle.
constexpr Sql kUnitAncestor{
    "unit_ancestor",
    "WITH RECURSIVE up(code) AS (SELECT $1::text UNION SELECT u.parent_code FROM units u "
    "JOIN up ON u.code = up.code WHERE u.parent_code IS NOT NULL) "
    "SELECT 1 FROM up WHERE code = $2"};
#define BINHYEN_PG_UNIT_COLUMNS "SELECT code, name, kind, parent_code, created_at FROM units "
constexpr Sql kUnitByCode{"unit_by_code", BINHYEN_PG_UNIT_COLUMNS "WHERE code = $1"};
constexpr Sql kUnitList{"unit_list", BINHYEN_PG_UNIT_COLUMNS "ORDER BY code COLLATE \"C\""};
#undef BINHYEN_PG_UNIT_COLUMNS

base::Status UnitNotFound(std::string_view code) {
  return base::NotFoundError("unit '" + std::string(code) + "': not found");
}

// Ok when unit `code` exists. Throws.
base::Status CheckExists(Session& s, std::string_view code) {
  if (s.Exec(kUnitExists, Params().Add(code)).empty()) return UnitNotFound(code);
  return base::Status::Ok();
}

base::Result<domain::Unit> UnitFromRow(const pqxx::row& row) {
  domain::Unit u;
  u.code = Text(row["code"]);
  u.name = Text(row["name"]);
  BINHYEN_ASSIGN_OR_RETURN(
      u.kind, ParseColumn<domain::UnitKind>("kind", Text(row["kind"]), domain::ParseUnitKind));
  u.parent_code = OptionalText(row["parent_code"]).value_or("");
  u.created_at = Time(row["created_at"]);
  return u;
}

// The parent code as stored: NULL for none.
std::optional<std::string> StoredParent(const domain::Unit& unit) {
  if (unit.parent_code.empty()) return std::nullopt;
  return unit.parent_code;
}

}  // namespace

base::Status PgUnitRepository::Create(const domain::Unit& unit) {
  return s_.Write("units.create", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(unit));
    if (!unit.parent_code.empty()) BINHYEN_RETURN_IF_ERROR(CheckExists(s_, unit.parent_code));
    s_.Exec(kUnitInsert, Params()
                             .Add(unit.code)
                             .Add(unit.name)
                             .Add(domain::Name(unit.kind))
                             .Add(StoredParent(unit))
                             .AddTime(unit.created_at));
    return base::Status::Ok();
  });
}

base::Status PgUnitRepository::Update(const domain::Unit& unit) {
  return s_.Write("units.update", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(unit));
    BINHYEN_RETURN_IF_ERROR(CheckExists(s_, unit.code));
    if (!unit.parent_code.empty()) {
      BINHYEN_RETURN_IF_ERROR(CheckExists(s_, unit.parent_code));
      if (!s_.Exec(kUnitAncestor, Params().Add(unit.parent_code).Add(unit.code)).empty()) {
        return base::InvalidArgumentError("parent_code: " + unit.parent_code + " is inside unit " +
                                          unit.code);
      }
    }
    s_.Exec(kUnitUpdate, Params()
                             .Add(unit.code)
                             .Add(unit.name)
                             .Add(domain::Name(unit.kind))
                             .Add(StoredParent(unit)));
    return base::Status::Ok();
  });
}

base::Result<domain::Unit> PgUnitRepository::Get(std::string_view code) {
  return s_.Read("units.get", [&]() -> base::Result<domain::Unit> {
    const pqxx::result r = s_.Exec(kUnitByCode, Params().Add(code));
    if (r.empty()) return UnitNotFound(code);
    return UnitFromRow(r[0]);
  });
}

base::Result<std::vector<domain::Unit>> PgUnitRepository::List() {
  return s_.Read("units.list", [&]() -> base::Result<std::vector<domain::Unit>> {
    std::vector<domain::Unit> out;
    for (const pqxx::row& row : s_.Exec(kUnitList)) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Unit u, UnitFromRow(row));
      out.push_back(std::move(u));
    }
    return out;
  });
}

}  // namespace binhyen::store::postgres
