#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace binhyen::service {

// Follow-up codes of disputes: what a claimant writes down to follow a dispute without an
// account, like a report's receipt code. Form: "KN-<id>-XXXX-XXXX" ("khiếu nại"), the dispute id
// then 40 bits of a keyed hash of it in Crockford base32, e.g. "KN-42-7K3M-9QX2".
//
// Why a keyed tag and not a stored random code: the disputes table has no code column, and a tag
// that only the server can compute makes codes as hard to guess as receipt codes (2^40 per id)
// without one. The tag is SHA-256(key || SHA-256-hex(key || "binhyen-dispute-code/v1:" || id)),
// truncated to 40 bits: the nested form is a MAC (the outer hash has a fixed-length input, so
// SHA-256's length extension does not apply). Changing the key invalidates every code given out.
//
// Thread safety: thread-safe (immutable after construction).
class DisputeCodes {
 public:
  // `key` is a secret of at least 16 bytes (the server derives it from its key material).
  explicit DisputeCodes(std::string key);

  // The code of dispute `id` (> 0).
  std::string Make(int64_t id) const;

  // Accepts what a person types: any case, surrounding spaces, spaces or dashes between the
  // tag's two halves or none, the usual confusions in the tag (I and L read as 1, O as 0).
  // Returns the dispute id. InvalidArgument "code: ..." when it is not shaped like a code;
  // NotFound "dispute code: no such dispute" when the tag does not match the id (the same
  // answer as for a missing dispute, so a guess learns nothing).
  base::Result<int64_t> Parse(std::string_view typed) const;

 private:
  std::string Tag(int64_t id) const;  // "XXXX-XXXX"

  std::string key_;
};

}  // namespace binhyen::service
