// Units and their people in the console (/quan-tri/don-vi): the unit tree with how many people
// each has, a unit's people, adding and editing a person, and importing a CSV or XLSX file
// whose row-by-row report is shown on the page (nothing is imported when any row is bad).
// Programme admins manage every unit; unit officers their own unit and the units under it.
// People who left their unit are listed apart (?trang-thai=da-nghi) and are marked so, or
// restored, from the person's page (POST .../nghi, .../khoi-phuc).

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "exchange/xlsx_reader.h"
#include "http/form.h"
#include "web/internal/programme_common.h"

namespace binhyen::web::internal {
namespace {

constexpr auto kManage = service::Permission::kPeopleManage;
constexpr size_t kMaxListed = 500;

constexpr ConsoleMessage kMessages[] = {
    {"added", "Đã thêm người.", "Person added."},
    {"saved", "Đã lưu thay đổi.", "Changes saved."},
    {"left", "Đã đánh dấu người này đã nghỉ. Mọi lịch sử vẫn được giữ.",
     "Marked as having left. All their history is kept."},
    {"restored", "Đã khôi phục người này vào danh sách đơn vị.", "Restored to the unit's list."},
};

// The ?trang-thai= value that lists the people who left.
constexpr std::string_view kLeftFilter = "da-nghi";

// What the person form holds, to show again with its errors.
struct PersonForm {
  int64_t id = 0;  // 0 = a new person
  service::PersonInput input;
  std::map<std::string, std::string> errors;  // field → message
};

// A finished import to show: its report, or the reason the file could not be read.
struct ImportShown {
  bool done = false;
  std::string file_error;
  service::ImportReport report;
};

std::string FieldLabel(const PageContext& c, std::string_view field) {
  if (field == "unit") return std::string(c.Pick("Đơn vị", "Unit"));
  if (field == "name") return std::string(c.Pick("Họ tên", "Name"));
  if (field == "position") return std::string(c.Pick("Chức vụ", "Position"));
  if (field == "phone") return std::string(c.Pick("Số điện thoại", "Phone"));
  if (field == "email") return std::string(c.Pick("Email", "Email"));
  return std::string(c.Pick("Dòng", "Row"));
}

std::string FieldMessage(const PageContext& c, std::string_view field, std::string_view what) {
  std::string vi = what == "choose a unit"               ? "hãy chọn đơn vị"
                   : what == "unknown unit"              ? "không có đơn vị này"
                   : what == "outside your unit"         ? "không thuộc đơn vị của bạn"
                   : what == "must not be empty"         ? "không được để trống"
                   : what == "not a valid phone number"  ? "số điện thoại không hợp lệ"
                   : what == "not a valid email address" ? "địa chỉ email không hợp lệ"
                   : what == "must be at most 200 bytes" ? "quá dài (tối đa 200 ký tự)"
                                                         : std::string(what);
  return FieldLabel(c, field) + ": " + (c.vi() ? vi : std::string(what));
}

// The unit tree flattened, with people counts (direct members) and depth, within `scope`.
void TreeRows(const std::vector<service::UnitNode>& nodes, const service::People::Scope& scope,
              const std::map<std::string, int>& counts, const std::string& selected, int depth,
              Data& rows, Data& options, const std::string& chosen_unit) {
  for (const service::UnitNode& n : nodes) {
    if (scope.Contains(n.unit.code)) {
      Data row;
      row.set("code", n.unit.code);
      row.set("name", n.unit.name);
      row.set("depth", std::to_string(std::min(depth, 4)));
      auto it = counts.find(n.unit.code);
      row.set("count", std::to_string(it == counts.end() ? 0 : it->second));
      row.set("href", "/quan-tri/don-vi?don-vi=" + http::UrlEncode(n.unit.code));
      row.set("selected", Data(n.unit.code == selected));
      rows.push_back(row);
      Data option;
      option.set("code", n.unit.code);
      option.set("name",
                 std::string(static_cast<size_t>(std::min(depth, 4)) * 2, ' ') + n.unit.name);
      option.set("selected", Data(n.unit.code == chosen_unit));
      options.push_back(option);
    }
    TreeRows(n.children, scope, counts, selected, depth + 1, rows, options, chosen_unit);
  }
}

Data PeopleRows(const std::vector<service::PersonView>& people) {
  Data rows{Data::type::list};
  for (size_t i = 0; i < people.size() && i < kMaxListed; ++i) {
    const service::PersonView& p = people[i];
    Data row;
    row.set("id", std::to_string(p.id));
    row.set("name", p.name);
    row.set("position", p.position);
    row.set("unit", p.unit_name);
    row.set("phone", TextOrFalse(p.phone.value_or("")));
    row.set("email", TextOrFalse(p.email.value_or("")));
    row.set("edit_href", "/quan-tri/don-vi/nguoi/" + std::to_string(p.id));
    row.set("left", TextOrFalse(p.left_at ? FormatVietnamDate(*p.left_at) : ""));
    rows.push_back(row);
  }
  return rows;
}

void SetPersonForm(Data& data, const PersonForm& form) {
  data.set("f_name", form.input.name);
  data.set("f_position", form.input.position);
  data.set("f_phone", form.input.phone);
  data.set("f_email", form.input.email);
  Data errors{Data::type::list};
  for (const auto& [field, message] : form.errors) {
    Data e;
    e.set("field", "p-" + field);
    e.set("text", message);
    errors.push_back(e);
    data.set("error_" + field, message);
  }
  data.set("has_errors", Data(!form.errors.empty()));
  data.set("errors", errors);
}

void SetImport(Data& data, const PageContext& context, const ImportShown& shown) {
  if (!shown.done) return;
  data.set("import_done", Data(true));
  data.set("import_ok", Data(shown.file_error.empty() && shown.report.errors.empty()));
  data.set("import_file_error", TextOrFalse(shown.file_error));
  data.set("import_imported", std::to_string(shown.report.imported));
  data.set("import_rows", std::to_string(shown.report.rows));
  Data rows{Data::type::list};
  for (const service::ImportRowError& e : shown.report.errors) {
    Data row;
    row.set("row", std::to_string(e.row));
    row.set("field", FieldLabel(context, e.field));
    row.set("detail", context.vi() ? e.detail_vi : e.detail);
    rows.push_back(row);
  }
  data.set("import_errors", rows);
  data.set("import_has_errors", Data(!shown.report.errors.empty()));
}

// The selected unit's people: those who belong to it, or (`left`) those who left, with the
// counts of both for the filter links.
base::Status SetUnitPeople(ProgrammeServices& s, const PageContext& context,
                           const std::string& selected, bool left, Data& data) {
  BINHYEN_ASSIGN_OR_RETURN(auto people,
                           s.people.List(*context.user, selected, store::PeopleStatus::kAll));
  std::vector<service::PersonView> shown;
  size_t left_count = 0;
  for (service::PersonView& p : people) {
    left_count += p.left_at.has_value() ? 1 : 0;
    if (p.left_at.has_value() == left) shown.push_back(std::move(p));
  }
  const std::string href = "/quan-tri/don-vi?don-vi=" + http::UrlEncode(selected);
  data.set("people", PeopleRows(shown));
  data.set("has_people", Data(!shown.empty()));
  data.set("people_cut", Data(shown.size() > kMaxListed));
  data.set("show_unit", Data(true));
  data.set("listing_left", Data(left));
  data.set("active_count", std::to_string(people.size() - left_count));
  data.set("left_count", std::to_string(left_count));
  data.set("active_href", href);
  data.set("left_href", href + "&trang-thai=" + std::string(kLeftFilter));
  return base::Status::Ok();
}

http::Response Page(Shared& shared, const http::Request& request, PageContext& context,
                    std::string selected, const PersonForm& form, const ImportShown& shown,
                    int status) {
  ProgrammeServices s(shared.services());
  auto scope = CallerScope(shared, *context.user);
  auto tree = s.people.UnitTree();
  auto everyone = s.people.List(*context.user, std::nullopt, store::PeopleStatus::kActive);
  if (!scope || !tree.ok() || !everyone.ok()) return ProgrammeUnavailable(shared, context);
  if (selected.empty() && !scope->all && !scope->units.empty()) {
    selected = context.user->unit;  // a unit officer starts at their own unit
  }
  std::map<std::string, int> counts;
  for (const service::PersonView& p : *everyone) ++counts[p.unit_code];
  Data rows{Data::type::list}, options{Data::type::list};
  const std::string chosen_unit = form.input.unit.empty() ? selected : form.input.unit;
  TreeRows(*tree, *scope, counts, selected, 0, rows, options, chosen_unit);
  Data data;
  data.set("units", rows);
  data.set("unit_options", options);
  data.set("csrf_token", context.csrf_token);
  data.set("selected", selected);
  if (!selected.empty() && scope->Contains(selected)) {
    const bool left = request.Query("trang-thai").value_or("") == kLeftFilter;
    if (!SetUnitPeople(s, context, selected, left, data).ok()) {
      return ProgrammeUnavailable(shared, context);
    }
  }
  SetPersonForm(data, form);
  SetImport(data, context, shown);
  AddConsoleNotices(data, request, context, kMessages);
  return RenderPage(shared.templates(), context, "programme_units", std::move(data),
                    ConsoleMeta(context, "Đơn vị và danh sách người", "Units and people", status));
}

http::Response Show(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  return Page(shared, request, context, std::string(request.Query("don-vi").value_or("")), {}, {},
              200);
}

PersonForm ReadPersonForm(const FormData& form) {
  PersonForm out;
  out.input.unit = std::string(form.Field("unit"));
  out.input.name = std::string(form.Field("name"));
  out.input.position = std::string(form.Field("position"));
  out.input.phone = std::string(form.Field("phone"));
  out.input.email = std::string(form.Field("email"));
  return out;
}

// Field errors of an InvalidArgument "<field>: <what>" per line.
void AddErrors(PersonForm& form, const base::Status& status, const PageContext& context) {
  for (std::string_view line : base::Split(status.message(), '\n')) {
    const size_t colon = line.find(": ");
    if (colon == std::string_view::npos) continue;
    const std::string field(line.substr(0, colon));
    if (!form.errors.count(field)) {
      form.errors[field] = FieldMessage(context, field, line.substr(colon + 2));
    }
  }
}

http::Response Add(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  PersonForm form = ReadPersonForm(post.form);
  ProgrammeServices s(shared.services());
  auto added = s.people.Add(*context.user, form.input);
  if (!added.ok()) {
    if (added.status().code() != base::StatusCode::kInvalidArgument &&
        added.status().code() != base::StatusCode::kNotFound) {
      return ProgrammeUnavailable(shared, context);
    }
    AddErrors(form, added.status(), context);
    return Page(shared, request, context, form.input.unit, form, {}, 422);
  }
  return RedirectWithNotice("/quan-tri/don-vi?don-vi=" + http::UrlEncode(added->unit_code),
                            "added");
}

http::Response Import(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  const std::string selected(post.form.Field("selected"));
  ImportShown shown;
  shown.done = true;
  const http::MultipartPart* file = nullptr;
  for (const http::MultipartPart& part : post.form.files) {
    if (part.name == "file") file = &part;
  }
  ProgrammeServices s(shared.services());
  base::Result<service::ImportReport> report = base::InvalidArgumentError("file: none");
  if (file == nullptr) {
    shown.file_error = std::string(
        context.Pick("Hãy chọn một tệp CSV hoặc Excel (.xlsx).", "Choose a CSV or .xlsx file."));
    return Page(shared, request, context, selected, {}, shown, 422);
  }
  if (exchange::LooksLikeZip(file->data)) {
    auto sheet = exchange::ReadFirstSheet(file->data);
    if (!sheet.ok()) {
      report = sheet.status();
    } else {
      service::ImportRows rows;
      for (exchange::SheetRow& row : *sheet) rows.emplace_back(row.number, std::move(row.cells));
      report = s.people.Import(*context.user, std::move(rows));
    }
  } else {
    report = s.people.ImportCsv(*context.user, file->data);
  }
  if (!report.ok()) {
    const base::StatusCode code = report.status().code();
    if (code != base::StatusCode::kInvalidArgument && code != base::StatusCode::kPayloadTooLarge) {
      return ProgrammeUnavailable(shared, context);
    }
    shown.file_error = (context.vi() ? "Không đọc được tệp: " : "The file cannot be read: ") +
                       report.status().message();
    return Page(shared, request, context, selected, {}, shown, 422);
  }
  shown.report = *std::move(report);
  return Page(shared, request, context, selected, {}, shown,
              shown.report.errors.empty() ? 200 : 422);
}

// ---------------------------------------------------------------------------------------------
// One person

http::Response EditPage(Shared& shared, const http::Request& request, PageContext& context,
                        const PersonForm& form, int status) {
  ProgrammeServices s(shared.services());
  auto scope = CallerScope(shared, *context.user);
  auto tree = s.people.UnitTree();
  if (!scope || !tree.ok()) return ProgrammeUnavailable(shared, context);
  Data rows{Data::type::list}, options{Data::type::list};
  TreeRows(*tree, *scope, {}, "", 0, rows, options, form.input.unit);
  Data data;
  data.set("id", std::to_string(form.id));
  data.set("unit_options", options);
  data.set("csrf_token", context.csrf_token);
  // Whether the person has left: what the form below the edit form offers (mark / restore).
  auto person = s.people.Get(*context.user, form.id);
  if (!person.ok()) return ProgrammeUnavailable(shared, context);
  data.set("back", "/quan-tri/don-vi?don-vi=" + http::UrlEncode(form.input.unit) +
                       (person->left_at ? "&trang-thai=" + std::string(kLeftFilter) : ""));
  data.set("left", TextOrFalse(person->left_at ? FormatVietnamDate(*person->left_at) : ""));
  data.set("person_name", person->name);
  SetPersonForm(data, form);
  AddConsoleNotices(data, request, context, kMessages);
  return RenderPage(shared.templates(), context, "programme_person", std::move(data),
                    ConsoleMeta(context, "Sửa thông tin người", "Edit a person", status));
}

http::Response NoPerson(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 404, "Không tìm thấy người này", "No such person",
                          "Người này không có trong danh sách đơn vị của bạn.",
                          "This person is not on your units' lists.");
}

http::Response Edit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NoPerson(shared, context);
  ProgrammeServices s(shared.services());
  auto person = s.people.Get(*context.user, *id);
  if (!person.ok()) {
    if (person.status().code() == base::StatusCode::kNotFound) return NoPerson(shared, context);
    return ProgrammeUnavailable(shared, context);
  }
  PersonForm form;
  form.id = *id;
  form.input = {person->unit_code, person->name, person->position, person->phone.value_or(""),
                person->email.value_or("")};
  return EditPage(shared, request, context, std::move(form), 200);
}

http::Response Save(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NoPerson(shared, context);
  PersonForm form = ReadPersonForm(post.form);
  form.id = *id;
  ProgrammeServices s(shared.services());
  auto saved = s.people.Update(*context.user, *id, form.input);
  if (!saved.ok()) {
    const base::StatusCode code = saved.status().code();
    if (code == base::StatusCode::kNotFound && saved.status().message().starts_with("person")) {
      return NoPerson(shared, context);
    }
    if (code != base::StatusCode::kInvalidArgument && code != base::StatusCode::kNotFound) {
      return ProgrammeUnavailable(shared, context);
    }
    AddErrors(form, saved.status(), context);
    return EditPage(shared, request, context, std::move(form), 422);
  }
  return RedirectWithNotice("/quan-tri/don-vi?don-vi=" + http::UrlEncode(saved->unit_code),
                            "saved");
}

// POST /quan-tri/don-vi/nguoi/{id}/nghi (left) and .../khoi-phuc (!left): back to the person's
// page with a notice; a second click (already left / not left) just shows the page as it is.
http::Response SetLeft(Shared& shared, const http::Request& request, bool left) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NoPerson(shared, context);
  ProgrammeServices s(shared.services());
  auto saved = left ? s.people.MarkLeft(*context.user, *id) : s.people.Restore(*context.user, *id);
  const std::string path = "/quan-tri/don-vi/nguoi/" + std::to_string(*id);
  if (!saved.ok()) {
    const base::StatusCode code = saved.status().code();
    if (code == base::StatusCode::kNotFound) return NoPerson(shared, context);
    if (code == base::StatusCode::kFailedPrecondition) return http::Response::Redirect(303, path);
    return ProgrammeUnavailable(shared, context);
  }
  return RedirectWithNotice(path, left ? "left" : "restored");
}

}  // namespace

void RegisterProgrammeUnits(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/don-vi",
             [&shared](http::Request& r) { return Show(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/don-vi/nguoi",
             [&shared](http::Request& r) { return Add(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/don-vi/nhap",
             [&shared](http::Request& r) { return Import(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/don-vi/nguoi/{id}",
             [&shared](http::Request& r) { return Edit(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/don-vi/nguoi/{id}",
             [&shared](http::Request& r) { return Save(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/don-vi/nguoi/{id}/nghi",
             [&shared](http::Request& r) { return SetLeft(shared, r, true); });
  router.Add(http::Method::kPost, "/quan-tri/don-vi/nguoi/{id}/khoi-phuc",
             [&shared](http::Request& r) { return SetLeft(shared, r, false); });
}

}  // namespace binhyen::web::internal
