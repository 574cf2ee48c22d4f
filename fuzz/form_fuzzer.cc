// Fuzzes the application/x-www-form-urlencoded parser and the percent-decoder, and checks:
//   * a parsed form has at most max_params pairs, every name and value is valid UTF-8;
//   * re-encoding the pairs with UrlEncode and parsing again gives the same pairs;
//   * a smaller max_params fails exactly when there are more pairs than it allows;
//   * PercentDecode never grows its input, and agrees with ParseUrlEncoded on inputs without
//     '&', '=' and '+' (the only bytes the form rules treat differently).
// A broken invariant calls __builtin_trap().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/form.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  namespace http = binhyen::http;

  auto parsed = http::ParseUrlEncoded(input, 64);
  if (parsed.ok()) {
    Check(parsed->size() <= 64);
    std::string encoded;
    for (const auto& [name, value] : *parsed) {
      Check(http::IsValidUtf8(name) && http::IsValidUtf8(value));
      if (!encoded.empty()) encoded.push_back('&');
      encoded.append(http::UrlEncode(name)).push_back('=');
      encoded.append(http::UrlEncode(value));
    }
    auto again = http::ParseUrlEncoded(encoded, 64);
    Check(again.ok());
    Check(*again == *parsed);
    if (!parsed->empty()) {
      auto limited = http::ParseUrlEncoded(input, parsed->size() - 1);
      Check(!limited.ok());
      Check(limited.status().message() ==
            "form: more than " + std::to_string(parsed->size() - 1) + " parameters");
    }
  }

  auto decoded = http::PercentDecode(input);
  if (decoded.ok()) Check(decoded->size() <= input.size());
  if (!input.empty() && input.find_first_of("&=+") == std::string_view::npos) {
    auto as_form = http::ParseUrlEncoded(input, 64);
    Check(decoded.ok() == as_form.ok() || (decoded.ok() && !http::IsValidUtf8(*decoded)));
    if (as_form.ok()) {
      Check(as_form->size() == 1);
      Check((*as_form)[0].first == *decoded && (*as_form)[0].second.empty());
    }
  }
  return 0;
}
