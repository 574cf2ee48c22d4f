#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/secret_box.h"
#include "domain/person.h"
#include "domain/unit.h"
#include "service/auth.h"
#include "store/store.h"

namespace binhyen::service {

// A unit with its children, for the unit tree (GET /api/v1/units).
struct UnitNode {
  domain::Unit unit;
  std::vector<UnitNode> children;  // by code ascending
};

// A person as a caller may see them: phone and email decrypted only when the caller may read
// contacts of the person's unit (contact_visible), else nullopt.
struct PersonView {
  int64_t id = 0;
  std::string unit_code;
  std::string unit_name;
  std::string name;
  std::string position;
  bool contact_visible = false;
  std::optional<std::string> phone;  // E.164, when given and visible
  std::optional<std::string> email;  // canonical, when given and visible
  base::TimePoint created_at{};
};

// One rejected row of an import. `row` counts lines as a spreadsheet does: the header is row 1.
struct ImportRowError {
  int row = 0;
  std::string field;      // "name", "unit", "phone", "email", "position", or "" for the whole row
  std::string detail;     // English
  std::string detail_vi;  // Vietnamese
};

// The outcome of an import: either every row was imported (errors empty) or none was.
struct ImportReport {
  int rows = 0;      // data rows read (blank lines skipped)
  int imported = 0;  // rows == imported, or 0 when there are errors
  std::vector<ImportRowError> errors;
};

// Limits of an import file.
inline constexpr size_t kMaxImportRows = 20000;

// The unit tree and the people of units: who may see whom, decrypting contact details, and CSV
// imports that take all rows or none. Scope: a caller with programme:manage sees every unit; a
// caller with people:manage only (a unit officer) sees the subtree of their own unit (nothing
// when they have none). Contacts are decrypted for callers with people:contact, within that
// scope. Thread safety: thread-safe (holds references to thread-safe objects).
class People {
 public:
  // All references must outlive the People.
  People(store::Store& store, const crypto::SecretBox& contact_box, const base::Clock& clock);

  // Every unit as a forest: roots (no parent, or a parent that does not exist) by code, each
  // with its children.
  base::Result<std::vector<UnitNode>> UnitTree();

  // The people the caller may see, id ascending; `unit` (when set) narrows to that unit and its
  // subtree: NotFound "unit '<code>': not found"; PermissionDenied "unit: outside your unit"
  // when the caller may not see it.
  base::Result<std::vector<PersonView>> List(const Principal& caller,
                                             const std::optional<std::string>& unit);

  // Imports people from a CSV file (UTF-8, optional BOM, comma-separated, RFC 4180 quotes; header
  // row with Vietnamese or English names: ho_ten/name, chuc_vu/position, don_vi/unit,
  // so_dien_thoai/phone, email; "Họ tên" etc. also work). Every row is checked first (unit
  // known and within the caller's scope, by code or exact name; name not empty; phone valid
  // (indicator::CanonicalizePhone); email valid); if any row is bad nothing is imported and the
  // report lists every bad row; otherwise all rows are inserted in one transaction with one
  // audit entry "people.import". InvalidArgument for a file that cannot be read at all
  // ("file: ..."); PayloadTooLarge beyond kMaxImportRows rows.
  base::Result<ImportReport> ImportCsv(const Principal& caller, std::string_view csv);

  // The codes of `root` and of every unit below it, given every unit.
  static std::vector<std::string> Subtree(const std::vector<domain::Unit>& units,
                                          std::string_view root);

  // The view of `person` for a caller with (or without) the right to its contact details.
  PersonView View(const domain::Person& person, std::string unit_name, bool contact) const;

  // The unit codes a caller may see (all when `all` is set).
  struct Scope {
    bool all = false;
    std::vector<std::string> units;  // when !all; sorted
    bool Contains(std::string_view code) const;
  };
  static Scope ScopeOf(const Principal& caller, const std::vector<domain::Unit>& units);

 private:
  store::Store& store_;
  const crypto::SecretBox& contact_box_;
  const base::Clock& clock_;
};

}  // namespace binhyen::service
