#include "service/people.h"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "base/strings.h"
#include "indicator/email.h"
#include "indicator/phone.h"
#include "service/audit_entry.h"
#include "text/fold.h"

namespace binhyen::service {
namespace {

using Row = std::vector<std::string>;

// Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, quotes doubled,
// line breaks; CRLF or LF). Each row is paired with the line it starts on (1-based).
// InvalidArgument for an unterminated quote.
base::Result<std::vector<std::pair<int, Row>>> ParseCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::pair<int, Row>> rows;
  Row row;
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, row_line = 1;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    rows.emplace_back(row_line, std::move(row));
    row.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      row_line = ++line;
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (quoted) return base::InvalidArgumentError("file: a quoted field is not closed");
  if (field_started || !field.empty() || !row.empty()) end_row();
  return rows;
}

// "Họ tên" / "ho_ten" / "Name" → the column it names, or "".
std::string ColumnOf(std::string_view header) {
  std::string key = text::FoldVietnamese(base::TrimAscii(header));
  for (char& c : key) {
    if (c == ' ' || c == '-') c = '_';
  }
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"ho_ten", "name"},      {"ho_va_ten", "name"},    {"name", "name"},
      {"full_name", "name"},   {"chuc_vu", "position"},  {"position", "position"},
      {"don_vi", "unit"},      {"unit", "unit"},         {"so_dien_thoai", "phone"},
      {"dien_thoai", "phone"}, {"sdt", "phone"},         {"phone", "phone"},
      {"email", "email"},      {"thu_dien_tu", "email"}, {"e_mail", "email"}};
  auto it = kNames.find(key);
  return it == kNames.end() ? "" : it->second;
}

bool BlankRow(const Row& row) {
  return std::all_of(row.begin(), row.end(),
                     [](const std::string& f) { return base::TrimAscii(f).empty(); });
}

std::string ToString(size_t n) { return std::to_string(n); }

// Which column of the file holds what ("name", "unit", ...).
using Columns = std::map<std::string, size_t>;

// The columns named by `header`; an error (row 1) for each required column missing.
Columns ReadHeader(int line, const Row& header, std::vector<ImportRowError>& errors) {
  Columns column;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string name = ColumnOf(header[i]);
    if (!name.empty() && !column.count(name)) column[name] = i;
  }
  for (auto [name, vi] :
       {std::pair<std::string, std::string>{"name", "ho_ten"}, {"unit", "don_vi"}}) {
    if (!column.count(name)) {
      errors.push_back({line, name, "missing column " + vi + " (" + name + ")",
                        "thiếu cột " + vi + " (" + name + ")"});
    }
  }
  return column;
}

// Checks the rows of one import against the units and the caller's scope, turning each into a
// Person (contacts canonicalised and encrypted) and adding an error per bad field.
struct RowChecker {
  const Columns& columns;
  const std::vector<domain::Unit>& units;
  People::Scope scope;
  const crypto::SecretBox& box;

  domain::Person Check(int line, const Row& row, std::vector<ImportRowError>& errors) const {
    auto cell = [&](const std::string& name) -> std::string {
      auto it = columns.find(name);
      if (it == columns.end() || it->second >= row.size()) return "";
      return std::string(base::TrimAscii(row[it->second]));
    };
    auto bad = [&](std::string field, std::string en, std::string vi) {
      errors.push_back({line, std::move(field), std::move(en), std::move(vi)});
    };
    domain::Person p;
    p.name = cell("name");
    p.position = cell("position");
    if (p.name.empty()) bad("name", "name is empty", "họ tên để trống");
    if (p.name.size() > domain::kMaxPersonNameBytes) {
      bad("name", "name is too long", "họ tên quá dài");
    }
    if (p.position.size() > domain::kMaxPersonPositionBytes) {
      bad("position", "position is too long", "chức vụ quá dài");
    }
    const std::string unit = cell("unit");
    if (const domain::Unit* found = FindUnit(unit); found == nullptr) {
      bad("unit", "unknown unit '" + unit + "'", "không có đơn vị '" + unit + "'");
    } else if (!scope.Contains(found->code)) {
      bad("unit", "unit '" + unit + "' is outside your unit",
          "đơn vị '" + unit + "' không thuộc đơn vị của bạn");
    } else {
      p.unit_code = found->code;
    }
    if (const std::string phone = cell("phone"); !phone.empty()) {
      base::Result<indicator::Indicator> canonical = indicator::CanonicalizePhone(phone);
      if (canonical.ok()) {
        p.phone_ciphertext = box.Encrypt(canonical->canonical);
      } else {
        bad("phone", "invalid phone number '" + phone + "'",
            "số điện thoại không hợp lệ '" + phone + "'");
      }
    }
    if (const std::string email = cell("email"); !email.empty()) {
      base::Result<indicator::Indicator> canonical = indicator::CanonicalizeEmail(email);
      if (canonical.ok()) {
        p.email_ciphertext = box.Encrypt(canonical->canonical);
      } else {
        bad("email", "invalid email address '" + email + "'",
            "địa chỉ email không hợp lệ '" + email + "'");
      }
    }
    return p;
  }

  // A unit by code, or by name ignoring case and diacritics; nullptr when none.
  const domain::Unit* FindUnit(const std::string& unit) const {
    if (unit.empty()) return nullptr;
    const std::string folded = text::FoldVietnamese(unit);
    for (const domain::Unit& u : units) {
      if (u.code == unit || text::FoldVietnamese(u.name) == folded) return &u;
    }
    return nullptr;
  }
};

}  // namespace

bool People::Scope::Contains(std::string_view code) const {
  return all || std::binary_search(units.begin(), units.end(), code);
}

People::People(store::Store& store, const crypto::SecretBox& contact_box, const base::Clock& clock)
    : store_(store), contact_box_(contact_box), clock_(clock) {}

std::vector<std::string> People::Subtree(const std::vector<domain::Unit>& units,
                                         std::string_view root) {
  std::vector<std::string> out;
  if (std::none_of(units.begin(), units.end(),
                   [&](const domain::Unit& u) { return u.code == root; })) {
    return out;
  }
  out.emplace_back(root);
  // Breadth first; a cycle cannot exist (the store refuses one), and each unit is added once.
  for (size_t i = 0; i < out.size(); ++i) {
    for (const domain::Unit& u : units) {
      if (u.parent_code == out[i] && std::find(out.begin(), out.end(), u.code) == out.end()) {
        out.push_back(u.code);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

People::Scope People::ScopeOf(const Principal& caller, const std::vector<domain::Unit>& units) {
  Scope scope;
  if (caller.Can(Permission::kProgrammeManage)) {
    scope.all = true;
  } else if (caller.Can(Permission::kPeopleManage) && !caller.unit.empty()) {
    scope.units = Subtree(units, caller.unit);
  }
  return scope;
}

PersonView People::View(const domain::Person& p, std::string unit_name, bool contact) const {
  PersonView v;
  v.id = p.id;
  v.unit_code = p.unit_code;
  v.unit_name = std::move(unit_name);
  v.name = p.name;
  v.position = p.position;
  v.created_at = p.created_at;
  v.left_at = p.left_at;
  v.contact_visible = contact;
  if (contact) {
    // A row that does not decrypt (another key) shows nothing rather than failing the list.
    if (p.phone_ciphertext) {
      base::Result<std::string> phone = contact_box_.Decrypt(*p.phone_ciphertext);
      if (phone.ok()) v.phone = *phone;
    }
    if (p.email_ciphertext) {
      base::Result<std::string> email = contact_box_.Decrypt(*p.email_ciphertext);
      if (email.ok()) v.email = *email;
    }
  }
  return v;
}

base::Result<std::vector<UnitNode>> People::UnitTree() {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  std::map<std::string, std::vector<const domain::Unit*>> children;
  std::vector<const domain::Unit*> roots;
  for (const domain::Unit& u : units) {
    const bool has_parent = !u.parent_code.empty() &&
                            std::any_of(units.begin(), units.end(), [&](const domain::Unit& p) {
                              return p.code == u.parent_code;
                            });
    (has_parent ? children[u.parent_code] : roots).push_back(&u);
  }
  // Units come by code, so each list is already by code.
  std::function<UnitNode(const domain::Unit&)> build = [&](const domain::Unit& u) {
    UnitNode node{u, {}};
    for (const domain::Unit* child : children[u.code]) node.children.push_back(build(*child));
    return node;
  };
  std::vector<UnitNode> out;
  for (const domain::Unit* root : roots) out.push_back(build(*root));
  return out;
}

base::Result<std::vector<PersonView>> People::List(const Principal& caller,
                                                   const std::optional<std::string>& unit,
                                                   store::PeopleStatus status) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  const Scope scope = ScopeOf(caller, units);
  std::vector<std::string> codes;
  if (unit) {
    BINHYEN_RETURN_IF_ERROR(tx->Units().Get(*unit).status());
    if (!scope.Contains(*unit)) return base::PermissionDeniedError("unit: outside your unit");
    codes = Subtree(units, *unit);
  } else if (!scope.all) {
    codes = scope.units;
    if (codes.empty()) return std::vector<PersonView>();
  }
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> people, tx->People().List(codes, status));
  std::map<std::string, std::string, std::less<>> names;
  for (const domain::Unit& u : units) names[u.code] = u.name;
  const bool contact = caller.Can(Permission::kPeopleContact);
  std::vector<PersonView> out;
  for (const domain::Person& p : people) {
    out.push_back(View(p, names[p.unit_code], contact && scope.Contains(p.unit_code)));
  }
  return out;
}

base::Result<ImportReport> People::ImportCsv(const Principal& caller, std::string_view csv) {
  BINHYEN_ASSIGN_OR_RETURN(auto rows, ParseCsv(csv));
  return Import(caller, std::move(rows));
}

base::Result<ImportReport> People::Import(const Principal& caller, ImportRows rows) {
  while (!rows.empty() && BlankRow(rows.front().second)) rows.erase(rows.begin());
  while (!rows.empty() && BlankRow(rows.back().second)) rows.pop_back();
  if (rows.empty()) return base::InvalidArgumentError("file: empty (a header row is needed)");
  if (rows.size() - 1 > kMaxImportRows) {
    return base::PayloadTooLargeError("file: more than " + ToString(kMaxImportRows) + " rows");
  }
  ImportReport report;
  const Columns columns = ReadHeader(rows.front().first, rows.front().second, report.errors);
  if (!report.errors.empty()) return report;

  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  const RowChecker checker{columns, units, ScopeOf(caller, units), contact_box_};
  const base::TimePoint now = clock_.Now();
  std::vector<domain::Person> people;
  for (size_t r = 1; r < rows.size(); ++r) {
    if (BlankRow(rows[r].second)) continue;
    ++report.rows;
    people.push_back(checker.Check(rows[r].first, rows[r].second, report.errors));
    people.back().created_at = now;
  }
  if (report.rows == 0) {
    report.errors.push_back(
        {rows.front().first, "", "the file has no data rows", "tệp không có dòng dữ liệu nào"});
  }
  if (!report.errors.empty()) return report;  // nothing written: the transaction rolls back
  for (const domain::Person& p : people) BINHYEN_RETURN_IF_ERROR(tx->People().Create(p).status());
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(now, caller.Actor(), "people.import", "people",
                                                     ToString(people.size()) + " people imported"))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  report.imported = report.rows;
  return report;
}

}  // namespace binhyen::service
