#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/message.h"

namespace binhyen::http {

// A small synchronous HTTP/1.1 client over one keep-alive TCP connection, for tests and the
// `binhyen` health checks. Plain HTTP only.
// Thread safety: confine to one thread.
class Client {
 public:
  struct Reply {
    int status = 0;
    Headers headers;
    std::string body;
  };

  // Connects to host:port (an IP address or a name). Returns Unavailable "connect H:P: ..." on
  // failure. Every later operation fails with DeadlineExceeded after `timeout`.
  static base::Result<Client> Connect(std::string host, uint16_t port,
                                      std::chrono::milliseconds timeout = std::chrono::seconds(30));

  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  ~Client();

  // Sends one request and reads the whole reply. Adds Host, and Content-Length when there is a
  // body or the method usually has one (unless `headers` has Content-Length). If a reused
  // connection turns out to have been closed by the server before any reply byte arrived (an
  // idle keep-alive timeout), reconnects and sends once more. A reply with Connection: close
  // closes the connection; the next Send reconnects. Returns Unavailable on connection errors,
  // DeadlineExceeded on timeout, InvalidArgument for a malformed reply.
  base::Result<Reply> Send(Method method, std::string_view target, const Headers& headers = {},
                           std::string_view body = {});

  // Whether a connection is currently open.
  bool connected() const;

 private:
  struct Impl;
  explicit Client(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace binhyen::http
