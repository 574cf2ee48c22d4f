// The check API: "is this link / number / account a known scam?", answered from the reputation
// index in memory (service/reputation.h) on the I/O thread, never touching the store.

#include <string>
#include <utility>
#include <vector>

#include "api/check_json.h"
#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "indicator/bank.h"
#include "service/field_errors.h"

namespace binhyen::api {
namespace {

constexpr size_t kMaxBatchItems = 1000;
constexpr size_t kMaxValueBytes = 4096;

// One checked item, or the field errors refusing it (fields prefixed with `prefix`).
struct Item {
  indicator::Kind kind = indicator::Kind::kUrl;
  std::string value;
  std::string bank;
};

std::vector<FieldError> CheckItem(std::string_view prefix, const std::optional<std::string>& kind,
                                  const std::optional<std::string>& value,
                                  const std::optional<std::string>& bank, Item* out) {
  std::vector<FieldError> errors;
  const std::string p(prefix);
  if (!kind || kind->empty()) {
    errors.push_back({p + "kind", "must not be empty", "không được để trống"});
  } else if (std::optional<indicator::Kind> k = indicator::ParseKind(*kind)) {
    out->kind = *k;
  } else {
    errors.push_back({p + "kind",
                      "must be one of url, domain, phone, bank_account, email, social, ip",
                      "phải là một trong url, domain, phone, bank_account, email, social, ip"});
  }
  if (!value || value->empty()) {
    errors.push_back({p + "value", "must not be empty", "không được để trống"});
  } else if (value->size() > kMaxValueBytes) {
    errors.push_back({p + "value", "must be at most 4096 bytes", "dài tối đa 4096 byte"});
  } else {
    out->value = *value;
  }
  if (bank && !bank->empty()) {
    if (indicator::FindBank(*bank) == nullptr) {
      errors.push_back({p + "bank", "unknown bank", "không rõ ngân hàng này"});
    } else {
      out->bank = *bank;
    }
  }
  return errors;
}

http::Response InvalidFields(std::vector<FieldError> errors) {
  return Problem(422, "invalid_fields", "some fields are invalid", "Một số trường chưa hợp lệ.",
                 errors);
}

// The answer for one valid item; an input that is not a valid indicator of its kind is a field
// error (GET) or an item with "error" (batch).
std::optional<std::string> InvalidReason(const index::CheckResult& result) {
  if (!result.canonical.empty()) return std::nullopt;
  return std::string("is not a valid value of this kind");
}

std::optional<std::string> StringField(const nlohmann::json& object, std::string_view name,
                                       std::vector<FieldError>* errors, std::string_view prefix) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    errors->push_back(
        {std::string(prefix) + std::string(name), "must be a string", "phải là chuỗi ký tự"});
    return std::nullopt;
  }
  return it->get<std::string>();
}

}  // namespace

http::Response Api::Impl::Check(http::Request& request, const OptionalPrincipal& /*caller*/) {
  Item item;
  auto opt = [&](std::string_view name) -> std::optional<std::string> {
    std::optional<std::string_view> v = request.Query(name);
    return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
  };
  std::vector<FieldError> errors = CheckItem("", opt("kind"), opt("value"), opt("bank"), &item);
  if (!errors.empty()) return InvalidFields(std::move(errors));
  std::shared_ptr<const service::ReputationView> view = reputation.view();
  index::CheckResult result = view->Check(item.kind, item.value, item.bank);
  if (std::optional<std::string> reason = InvalidReason(result)) {
    return InvalidFields({{"value", *reason, "không phải giá trị hợp lệ của loại này"}});
  }
  std::string body;
  body.reserve(1024);
  AppendCheckResultJson(result, item.value, view->version(), &body, &explanations);
  http::Response r = http::Response::Json(200, std::move(body));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

http::Response Api::Impl::CheckBatch(http::Request& request, const OptionalPrincipal& /*caller*/) {
  std::variant<nlohmann::json, http::Response> body = ReadJsonObject(request, {"items"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  const nlohmann::json& json = std::get<nlohmann::json>(body);
  auto items = json.find("items");
  if (items == json.end() || !items->is_array()) {
    return InvalidFields({{"items", "must be an array", "phải là một danh sách"}});
  }
  if (items->empty()) {
    return InvalidFields({{"items", "must not be empty", "không được để trống"}});
  }
  if (items->size() > kMaxBatchItems) {
    return InvalidFields({{"items", "must have at most 1000 items", "tối đa 1000 mục"}});
  }
  std::vector<FieldError> errors;
  std::vector<Item> checked(items->size());
  for (size_t i = 0; i < items->size(); ++i) {
    const nlohmann::json& element = (*items)[i];
    const std::string prefix = "items[" + std::to_string(i) + "].";
    if (!element.is_object()) {
      errors.push_back(
          {prefix.substr(0, prefix.size() - 1), "must be an object", "phải là một đối tượng JSON"});
      continue;
    }
    for (const auto& [key, unused] : element.items()) {
      if (key != "kind" && key != "value" && key != "bank") {
        // The name as sent may be long or hold line breaks: echoed short, on one line.
        errors.push_back(
            {prefix + service::PrintableForError(key, service::FieldErrors::kMaxFieldBytes),
             "unknown field", "trường không được hỗ trợ"});
      }
    }
    std::optional<std::string> kind = StringField(element, "kind", &errors, prefix);
    std::optional<std::string> value = StringField(element, "value", &errors, prefix);
    std::optional<std::string> bank = StringField(element, "bank", &errors, prefix);
    for (FieldError& e : CheckItem(prefix, kind, value, bank, &checked[i])) {
      errors.push_back(std::move(e));
    }
  }
  if (!errors.empty()) return InvalidFields(std::move(errors));
  std::shared_ptr<const service::ReputationView> view = reputation.view();
  std::string out = "{\"results\":[";
  out.reserve(checked.size() * 1024);
  for (size_t i = 0; i < checked.size(); ++i) {
    const Item& item = checked[i];
    if (i > 0) out.push_back(',');
    index::CheckResult result = view->Check(item.kind, item.value, item.bank);
    std::optional<std::string> reason = InvalidReason(result);
    if (!reason) {
      AppendCheckResultJson(result, item.value, view->version(), &out, &explanations);
      continue;
    }
    nlohmann::json one = CheckResultJson(result, item.value, view->version());
    {
      one["canonical"] = nullptr;
      one["explanation"] = {
          {"vi",
           "Giá trị này không đúng dạng của loại đã chọn nên chưa kiểm tra được. Hãy xem "
           "lại."},
          {"en", "This value is not valid for the kind chosen, so it was not checked."}};
      one["error"] = {{"field", "value"},
                      {"detail", *reason},
                      {"detail_vi", "không phải giá trị hợp lệ của loại này"}};
    }
    out += Dump(one);
  }
  out += "]}";
  http::Response r = http::Response::Json(200, std::move(out));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace binhyen::api
