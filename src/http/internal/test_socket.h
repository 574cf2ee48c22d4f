#pragma once

// Test-only helpers (included by *_test.cc only): a raw blocking TCP connection that sends
// arbitrary bytes and reads replies, for cases the Client cannot produce (malformed requests,
// slow clients, half-sent bodies).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace binhyen::http::internal {

// Thread safety: confine to one thread.
class TestSocket {
 public:
  // Connects to 127.0.0.1:port; ok() tells whether it worked. Reads give up after `timeout_s`.
  explicit TestSocket(uint16_t port, int timeout_s = 10) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{};
    tv.tv_sec = timeout_s;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  }
  ~TestSocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  TestSocket(const TestSocket&) = delete;
  TestSocket& operator=(const TestSocket&) = delete;

  bool ok() const { return connected_; }

  // Sends all of `data`; false on error (e.g. the server closed the connection).
  bool Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads until the peer closes the connection (or the timeout, or an error).
  std::string ReadAll() {
    std::string out;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
      if (n <= 0) {
        closed_by_peer_ = n == 0;
        return out;
      }
      out.append(buf, static_cast<size_t>(n));
    }
  }

  // Reads one response with a Content-Length body (or none), leaving the connection open.
  // Returns what was read ("" on error or timeout).
  std::string ReadResponse(bool head_request = false) {
    for (;;) {
      const size_t end = pending_.find("\r\n\r\n");
      if (end != std::string::npos) {
        size_t length = 0;
        const std::string head = Lower(pending_.substr(0, end));
        const size_t cl = head.find("\r\ncontent-length:");
        if (cl != std::string::npos && !head_request) {
          length = std::strtoul(head.c_str() + cl + 17, nullptr, 10);
        }
        if (pending_.size() >= end + 4 + length) {
          std::string response = pending_.substr(0, end + 4 + length);
          pending_.erase(0, end + 4 + length);
          return response;
        }
      }
      char buf[4096];
      const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
      if (n <= 0) {
        closed_by_peer_ = n == 0;
        return "";
      }
      pending_.append(buf, static_cast<size_t>(n));
    }
  }

  // True once a read saw the orderly end of the stream.
  bool closed_by_peer() const { return closed_by_peer_; }

 private:
  static std::string Lower(std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool closed_by_peer_ = false;
  std::string pending_;
};

}  // namespace binhyen::http::internal
