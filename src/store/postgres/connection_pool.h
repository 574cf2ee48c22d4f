#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/connection>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace binhyen::store::postgres {

// One pooled connection and the names of the statements prepared on it (names are static
// string literals).
struct PooledConnection {
  explicit PooledConnection(const std::string& conninfo) : pq(conninfo) {}
  pqxx::connection pq;
  std::unordered_set<std::string_view> prepared;
};

struct PoolOptions {
  // A libpq connection string or URL. It may hold a password: never log it.
  std::string conninfo;
  // The most connections open at once. REQUIRES: >= 1.
  size_t size = 4;
  // How long Acquire waits for a busy pool before giving up with Unavailable.
  std::chrono::milliseconds acquire_timeout{5000};
  // Runs on every new connection before it is handed out (session settings, prepared
  // statements). May throw pqxx exceptions; the connection is then discarded and Acquire fails.
  std::function<void(pqxx::connection&)> on_connect;
};

// A fixed-size pool of PostgreSQL connections, opened lazily.
//
// Reconnection: a lease whose connection broke (MarkBroken, or libpq reports it closed) is not
// returned to the pool: the connection is closed and its slot is freed, and every idle
// connection is dropped as well (a lost connection usually means the server restarted or the
// network went down, so the idle ones are dead too). The next Acquire opens a new connection;
// while the server is unreachable, that fails at once with Unavailable (no retry loop here:
// callers decide whether to retry).
//
// libpqxx's own silent reconnection is switched off on every connection: a reconnect in the
// middle of a session would lose session state behind our back.
//
// Thread-safe. The pool must outlive its leases.
class ConnectionPool {
 public:
  // Exclusive use of one connection until destroyed. Move-only; confine to one thread.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    // REQUIRES: HasConnection().
    pqxx::connection& Connection() { return connection_->pq; }
    bool HasConnection() const { return connection_ != nullptr; }
    // Statement names already prepared on this connection.
    std::unordered_set<std::string_view>& Prepared() { return connection_->prepared; }

    // The connection is discarded instead of being returned to the pool. Call it after a
    // pqxx::broken_connection (or anything that leaves the session in an unknown state).
    void MarkBroken() { broken_ = true; }

    // Gives the connection back now (or discards it when broken); HasConnection() is false
    // afterwards. The destructor does the same.
    void Release();

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<PooledConnection> connection);

    ConnectionPool* pool_ = nullptr;
    std::unique_ptr<PooledConnection> connection_;
    bool broken_ = false;
  };

  explicit ConnectionPool(PoolOptions options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // An idle connection, or a new one when fewer than `size` are open. Waits up to
  // `acquire_timeout` for a busy pool. Returns Unavailable when the server cannot be reached
  // (with libpq's reason) or the pool stayed busy.
  base::Result<Lease> Acquire();

  // Connections open now (idle and leased). For tests and metrics.
  size_t OpenCount() const;

 private:
  // Returns a lease's connection; `broken` discards it (and all idle connections).
  void Return(std::unique_ptr<PooledConnection> connection, bool broken);
  base::Result<std::unique_ptr<PooledConnection>> Open();

  const PoolOptions options_;
  mutable std::mutex mu_;
  std::condition_variable returned_;
  // Guarded by mu_.
  std::vector<std::unique_ptr<PooledConnection>> idle_;
  size_t open_ = 0;  // idle + leased + being opened; guarded by mu_
};

}  // namespace binhyen::store::postgres
