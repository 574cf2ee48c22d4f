#pragma once

#include <string>
#include <string_view>

#include "indicator/indicator.h"
#include "web/internal/page.h"

namespace binhyen::web::internal {

// What a resident typed in the check box: one indicator, or a message to scan.
struct CheckSubject {
  bool message = false;  // true: scan `input` as a message
  indicator::Kind kind = indicator::Kind::kUrl;
  std::string value;  // the indicator as typed (for Check), when !message
  std::string bank;   // bank accounts: the bank named alongside, may be empty
  std::string input;  // the whole input, trimmed
};

// Decides how to check `q`. With `kind` (a KindName, e.g. from a "check this number" link) the
// input is that kind. Otherwise: a text that is one indicator and little else (a link, a phone
// number written with spaces, an account number, an e-mail address) is checked as that
// indicator; anything longer is scanned as a message.
CheckSubject ClassifySubject(std::string_view q, std::string_view kind, std::string_view bank);

// "Đường link" / "Link", "Số điện thoại" / "Phone number", ... for the page's language.
std::string_view KindLabel(const PageContext& context, indicator::Kind kind);

}  // namespace binhyen::web::internal
