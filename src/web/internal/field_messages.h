#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "web/internal/page.h"

namespace binhyen::web::internal {

// A problem with one form field, said in both languages. `field` is the form field's name (its
// input's id), or "form" for the form as a whole.
struct FieldMessage {
  std::string field;
  std::string vi;
  std::string en;
};

// Sets, for the form templates: "has_errors", "errors" (a list of {field, text} for the summary
// at the top, each linking to its field) and "error_<field>" (the text beside each field) in the
// page's language (data "vi" decides: call after nothing else; the texts of both languages are
// stored as "text_vi"/"text_en" and picked by the template through {{#vi}}).
void AddFieldErrors(Data& data, const std::vector<FieldMessage>& errors);

// The report service's InvalidArgument / PayloadTooLarge / FailedPrecondition lines ("<field>:
// <what>") as the report form's field messages: the service's field names mapped to the form's
// ("indicators[1]" -> the url, phone or account field it came from, "contact.phone" ->
// contact_phone, "evidence[0]" -> evidence), the English reason kept, a Vietnamese one given.
std::vector<FieldMessage> ReportFieldMessages(const base::Status& status);

// The same for a dispute filing's fields (kind, value, bank, reason, contact.*).
std::vector<FieldMessage> DisputeFieldMessages(const base::Status& status);

}  // namespace binhyen::web::internal
