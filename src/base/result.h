#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "base/check.h"
#include "base/status.h"

namespace binhyen::base {

// Either a value of type T or a non-ok Status. Construct from a T (success) or from a Status
// (failure). REQUIRES: a Status given to the constructor is not ok.
// Thread safety: a value type, like Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  static_assert(!std::is_same_v<std::decay_t<T>, Status>, "Result<Status> makes no sense");

  Result(const T& value) : value_(value) {}             // NOLINT
  Result(T&& value) : value_(std::move(value)) {}       // NOLINT
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    BINHYEN_CHECK(!status_.ok(), "Result constructed from an ok Status without a value");
  }
  template <typename U,
            typename = std::enable_if_t<
                std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, Status> &&
                !std::is_same_v<std::decay_t<U>, Result<T>> && !std::is_same_v<std::decay_t<U>, T>>>
  Result(U&& value) : value_(T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  // REQUIRES: ok().
  const T& value() const& {
    BINHYEN_CHECK(ok(), status_.ToString().c_str());
    return *value_;
  }
  T& value() & {
    BINHYEN_CHECK(ok(), status_.ToString().c_str());
    return *value_;
  }
  T&& value() && {
    BINHYEN_CHECK(ok(), status_.ToString().c_str());
    return std::move(*value_);
  }
  T value_or(T fallback) const& { return ok() ? *value_ : std::move(fallback); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace binhyen::base
