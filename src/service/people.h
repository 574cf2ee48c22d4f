#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
  std::optional<base::TimePoint> left_at;  // when they left their unit; nullopt while they belong
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

// The rows of an import file as read (CSV or the first sheet of an XLSX): each with the row
// number the user sees in the file (the header is usually row 1).
using ImportRows = std::vector<std::pair<int, std::vector<std::string>>>;

// What a unit officer types to add or edit a person (trimmed by the service).
struct PersonInput {
  std::string unit;  // unit code
  std::string name;
  std::string position;
  std::string phone;  // "" = none
  std::string email;  // "" = none
};

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

  // The people the caller may see with the given status (those who belong to their unit, those
  // who left, or both), id ascending; `unit` (when set) narrows to that unit and its subtree:
  // NotFound "unit '<code>': not found"; PermissionDenied "unit: outside your unit" when the
  // caller may not see it.
  base::Result<std::vector<PersonView>> List(const Principal& caller,
                                             const std::optional<std::string>& unit,
                                             store::PeopleStatus status);

  // Imports people from a CSV file (UTF-8, optional BOM, comma-separated, RFC 4180 quotes; header
  // row with Vietnamese or English names: ho_ten/name, chuc_vu/position, don_vi/unit,
  // so_dien_thoai/phone, email; "Họ tên" etc. also work). Every row is checked first (unit
  // known and within the caller's scope, by code or exact name; name not empty; phone valid
  // (indicator::CanonicalizePhone); email valid); if any row is bad nothing is imported and the
  // report lists every bad row; otherwise all rows are inserted in one transaction with one
  // audit entry "people.import". Rows are never matched to people already stored: each adds a
  // new person, so importing a list again neither merges nor brings back anyone who left (that
  // is Restore, one person at a time). InvalidArgument for a file that cannot be read at all
  // ("file: ..."); PayloadTooLarge beyond kMaxImportRows rows.
  base::Result<ImportReport> ImportCsv(const Principal& caller, std::string_view csv);
  // The same checks and all-or-nothing import for rows already read (the first row with any
  // cell is the header): what ImportCsv does after parsing, for the first sheet of an XLSX
  // workbook (exchange/xlsx_reader.h). Errors name the rows by their numbers in `rows`.
  base::Result<ImportReport> Import(const Principal& caller, ImportRows rows);

  // people_edit.cc: one person at a time, within the caller's scope (see the class comment).
  // The person as the caller may see it. NotFound "person <id>: not found" (also for a person
  // outside the caller's scope, so that ids outside it reveal nothing).
  base::Result<PersonView> Get(const Principal& caller, int64_t id);
  // Adds a person; one audit entry "person.add" (target "person:<id>"). InvalidArgument with
  // one "<field>: <what>" line per bad field (FieldErrors): "unit: ...", "name: ...",
  // "position: ...", "phone: ...", "email: ...".
  base::Result<PersonView> Add(const Principal& caller, const PersonInput& input);
  // Replaces a person's unit, name, position and contacts (audited "person.edit"). Errors as
  // Add and Get. A person is never deleted: their acknowledgements are the record of the
  // campaigns sent to them; someone who left is marked so (MarkLeft). Editing keeps left_at.
  base::Result<PersonView> Update(const Principal& caller, int64_t id, const PersonInput& input);

  // people_leave.cc: someone who left their unit (retired, moved away), within the caller's
  // scope as for Update. MarkLeft sets left_at = now (audited "person.leave"): from then on the
  // person receives no new campaign, training invitation or personal link, is left out of the
  // counts of current people, and their personal links answer FailedPrecondition
  // domain::kPersonLeftMessage; everything already recorded about them is kept.
  // FailedPrecondition "person <id>: has already left"; NotFound as Get.
  base::Result<PersonView> MarkLeft(const Principal& caller, int64_t id);
  // Clears left_at (audited "person.return"): the person belongs to their unit again and gets
  // what is sent from now on (not what was sent while they were away). FailedPrecondition
  // "person <id>: has not left"; NotFound as Get.
  base::Result<PersonView> Restore(const Principal& caller, int64_t id);

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
  // MarkLeft (left) or Restore (!left).
  base::Result<PersonView> SetLeft(const Principal& caller, int64_t id, bool left);
  // Checks `input` and turns it into a Person (contacts encrypted); field errors collected.
  base::Result<domain::Person> FromInput(const PersonInput& input, const Scope& scope,
                                         const std::vector<domain::Unit>& units) const;

  store::Store& store_;
  const crypto::SecretBox& contact_box_;
  const base::Clock& clock_;
};

}  // namespace binhyen::service
