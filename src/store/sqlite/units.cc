// Units (wards, communes, schools, agencies, businesses).
#include <string>
#include <utility>

#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kUnitColumns = "code, name, kind, parent_code, created_at";

base::Status UnitNotFound(std::string_view code) {
  return base::NotFoundError("unit '" + std::string(code) + "': not found");
}

base::Result<domain::Unit> ReadUnit(const Statement& s) {
  domain::Unit u;
  u.code = s.Text(0);
  u.name = s.Text(1);
  const std::string kind = s.Text(2);
  BINHYEN_ASSIGN_OR_RETURN(u.kind, ParseStored(domain::ParseUnitKind(kind), "kind", kind));
  u.parent_code = s.IsNull(3) ? "" : s.Text(3);
  u.created_at = s.Time(4);
  return u;
}

// The parent code as stored: NULL for none.
void BindParent(Statement& s, int index, const std::string& parent_code) {
  if (parent_code.empty()) {
    s.BindNull(index);
  } else {
    s.Bind(index, parent_code);
  }
}

}  // namespace

base::Status SqliteUnits::Exists(std::string_view code) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT 1 FROM units WHERE code = ?"));
  s->Bind(1, code);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : UnitNotFound(code);
}

base::Status SqliteUnits::Create(const domain::Unit& unit) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(unit));
    if (!unit.parent_code.empty()) BINHYEN_RETURN_IF_ERROR(Exists(unit.parent_code));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("INSERT INTO units (code, name, kind, parent_code, "
                                         "created_at) VALUES (?, ?, ?, ?, ?)"));
    s->Bind(1, unit.code).Bind(2, unit.name).Bind(3, domain::Name(unit.kind));
    BindParent(*s, 4, unit.parent_code);
    s->Bind(5, unit.created_at);
    return s->Run();
  });
}

base::Status SqliteUnits::Update(const domain::Unit& unit) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(unit));
    BINHYEN_RETURN_IF_ERROR(Exists(unit.code));
    if (!unit.parent_code.empty()) {
      BINHYEN_RETURN_IF_ERROR(Exists(unit.parent_code));
      // The new parent must not be a descendant of the unit.
      BINHYEN_ASSIGN_OR_RETURN(
          auto s, tx_.connection().Prepare(
                      "WITH RECURSIVE up(code) AS (SELECT ?1 UNION SELECT u.parent_code FROM "
                      "units u JOIN up ON u.code = up.code WHERE u.parent_code IS NOT NULL) "
                      "SELECT 1 FROM up WHERE code = ?2"));
      s->Bind(1, unit.parent_code).Bind(2, unit.code);
      BINHYEN_ASSIGN_OR_RETURN(bool cycle, s->Step());
      if (cycle) {
        return base::InvalidArgumentError("parent_code: " + unit.parent_code + " is inside unit " +
                                          unit.code);
      }
    }
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "UPDATE units SET name = ?, kind = ?, parent_code = ? WHERE code = ?"));
    s->Bind(1, unit.name).Bind(2, domain::Name(unit.kind));
    BindParent(*s, 3, unit.parent_code);
    s->Bind(4, unit.code);
    return s->Run();
  });
}

base::Result<domain::Unit> SqliteUnits::Get(std::string_view code) {
  return tx_.Read([&]() -> base::Result<domain::Unit> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kUnitColumns) +
                                                      " FROM units WHERE code = ?"));
    s->Bind(1, code);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return UnitNotFound(code);
    return ReadUnit(*s);
  });
}

base::Result<std::vector<domain::Unit>> SqliteUnits::List() {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Unit>> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kUnitColumns) +
                                                      " FROM units ORDER BY code"));
    std::vector<domain::Unit> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::Unit u, ReadUnit(*s));
      out.push_back(std::move(u));
    }
    return out;
  });
}

}  // namespace binhyen::store::sqlite
