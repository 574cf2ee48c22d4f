#pragma once

#include <utility>

#include "http/internal/asio.h"
#include "http/message.h"

namespace binhyen::http::internal {

// Runs `fn` (returning a Response, never throwing) on `pool`, then resumes the calling coroutine
// on its own executor: the I/O thread never waits for `fn`. A plain co_await asio::post(pool)
// would not do: use_awaitable resumes on the coroutine's executor, not the pool's.
template <typename Fn>
asio::awaitable<Response> RunOnPool(asio::thread_pool& pool, Fn fn) {
  auto initiate = [&pool](auto handler, Fn f) {
    asio::post(pool, [handler = std::move(handler), f = std::move(f)]() mutable {
      Response response = f();
      auto executor = asio::get_associated_executor(handler);
      asio::post(executor,
                 [handler = std::move(handler), response = std::move(response)]() mutable {
                   handler(std::move(response));
                 });
    });
  };
  return asio::async_initiate<const asio::use_awaitable_t<>&, void(Response)>(
      std::move(initiate), asio::use_awaitable, std::move(fn));
}

}  // namespace binhyen::http::internal
