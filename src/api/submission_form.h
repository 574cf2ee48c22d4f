#pragma once

#include <string_view>

#include "base/result.h"
#include "http/form.h"
#include "service/report_intake.h"

namespace binhyen::api {

// Decodes a report from form fields (application/x-www-form-urlencoded, or the non-file parts
// of multipart/form-data), the shape the web form posts:
//   category, description, occurred_at, loss_vnd, ward, anonymous,
//   contact.name / contact.phone / contact.email (or contact_name, ...),
//   indicator (repeatable; kind guessed), indicator.<kind> (repeatable, e.g. indicator.phone).
// occurred_at is RFC 3339, or an HTML datetime-local value ("2026-11-20T08:30") read as
// Vietnam time (UTC+7). loss_vnd accepts thousands separators ("5.000.000", "5,000,000").
// anonymous is on/true/1/yes or off/false/0/no. Empty fields count as absent; all-empty contact
// fields mean no contact. csrf_token is ignored. A field other than the indicators given twice
// with values is an error ("category: given more than once"), never a silent choice. Errors:
// InvalidArgument with one line per bad field ("loss_vnd: must be a whole number of đồng", "foo:
// unknown field").
base::Result<service::ReportSubmission> SubmissionFromFields(const http::Params& fields,
                                                             domain::Channel channel);

}  // namespace binhyen::api
