#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace binhyen::base {

// The kind of failure. Each code maps one-to-one to an HTTP status in http/.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // 400: the input is malformed or out of range
  kUnauthenticated,     // 401
  kPermissionDenied,    // 403
  kNotFound,            // 404
  kAlreadyExists,       // 409
  kFailedPrecondition,  // 409: the state does not allow the operation
  kAborted,             // 409: a concurrent change won; retry
  kPayloadTooLarge,     // 413
  kResourceExhausted,   // 429: rate limit or quota
  kInternal,            // 500: a broken invariant or an unexpected library failure
  kUnimplemented,       // 501
  kUnavailable,         // 503: try again later (disk full, database down)
  kDeadlineExceeded,    // 504
};

// Stable lower-case name of a code, e.g. "invalid_argument".
std::string_view StatusCodeName(StatusCode code);

// The outcome of an operation that can fail. Cheap to create and move when ok (no allocation).
// Thread safety: a value type; confine each instance to one thread or share it read-only.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid_argument: <message>", or "ok".
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>". An ok status stays ok.
  Status WithContext(std::string_view context) const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status FailedPreconditionError(std::string message);
Status PermissionDeniedError(std::string message);
Status UnauthenticatedError(std::string message);
Status ResourceExhaustedError(std::string message);
Status InternalError(std::string message);
Status UnavailableError(std::string message);
Status UnimplementedError(std::string message);
Status PayloadTooLargeError(std::string message);
Status AbortedError(std::string message);

}  // namespace binhyen::base

#define BINHYEN_INTERNAL_CONCAT2(a, b) a##b
#define BINHYEN_INTERNAL_CONCAT(a, b) BINHYEN_INTERNAL_CONCAT2(a, b)

// Evaluates `expr` (a Status); returns it from the enclosing function when it is not ok.
#define BINHYEN_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::binhyen::base::Status binhyen_status_ = (expr);  \
    if (!binhyen_status_.ok()) return binhyen_status_; \
  } while (false)

// Evaluates `rexpr` (a Result<T>); on error returns its status, otherwise moves the value into
// `lhs`, which may be a declaration (`auto x`) or an existing variable.
#define BINHYEN_ASSIGN_OR_RETURN(lhs, rexpr) \
  BINHYEN_INTERNAL_ASSIGN_OR_RETURN(BINHYEN_INTERNAL_CONCAT(binhyen_result_, __LINE__), lhs, rexpr)

// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` may be a declaration, which cannot be wrapped.
#define BINHYEN_INTERNAL_ASSIGN_OR_RETURN(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                      \
  if (!tmp.ok()) return std::move(tmp).status();           \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
