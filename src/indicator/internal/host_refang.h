#pragma once

#include <string>
#include <string_view>

// Undoes the "defanging" analysts apply to hosts so that a link cannot be clicked.
// Thread-safe (pure functions).
namespace binhyen::indicator::internal {

// True when `host` contains a byte that can start a defanged form ('[', '(', '{' or ' '); a
// cheap test that lets plain hosts skip RefangHost.
bool HostMayBeDefanged(std::string_view host);

// Writes `host` to `*out` with, case-insensitively, "[.]", "(.)", "{.}", "[dot]", "(dot)",
// "{dot}" and " dot " replaced by ".", "[:]" by ":", and spaces next to a '.' removed
// ("ehoaq. com" -> "ehoaq.com"). Repeats until nothing changes, so the output never contains a
// defanged form ("[[.]]" -> "[.]" -> "."). When something was replaced, white space at both
// ends is trimmed too. Returns true when something was replaced.
bool RefangHost(std::string_view host, std::string* out);

}  // namespace binhyen::indicator::internal
