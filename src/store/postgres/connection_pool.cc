#include "store/postgres/connection_pool.h"

#include <exception>
#include <pqxx/except>
#include <utility>

#include "base/check.h"
#include "base/logging.h"

namespace binhyen::store::postgres {
namespace {

// libpqxx 6 reconnects a broken connection silently when it next runs a statement outside a
// transaction (and retries BEGIN). The pool does that itself, visibly, so switch it off. The
// call is deprecated only because libpqxx 7 dropped the feature altogether.
void InhibitReactivation(pqxx::connection& connection) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  connection.inhibit_reactivation(true);
#pragma GCC diagnostic pop
}

}  // namespace

ConnectionPool::Lease::Lease(ConnectionPool* pool, std::unique_ptr<PooledConnection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      connection_(std::move(other.connection_)),
      broken_(other.broken_) {}

ConnectionPool::Lease& ConnectionPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = std::exchange(other.pool_, nullptr);
    connection_ = std::move(other.connection_);
    broken_ = other.broken_;
  }
  return *this;
}

ConnectionPool::Lease::~Lease() { Release(); }

void ConnectionPool::Lease::Release() {
  if (pool_ != nullptr && connection_ != nullptr) {
    const bool broken = broken_ || !connection_->pq.is_open();
    pool_->Return(std::move(connection_), broken);
  }
  connection_.reset();
  pool_ = nullptr;
}

ConnectionPool::ConnectionPool(PoolOptions options) : options_(std::move(options)) {
  BINHYEN_CHECK(options_.size >= 1, "a connection pool needs at least one connection");
}

ConnectionPool::~ConnectionPool() {
  std::lock_guard<std::mutex> lock(mu_);
  BINHYEN_CHECK(open_ == idle_.size(), "connection pool destroyed while connections are leased");
}

base::Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    const bool ready = returned_.wait_for(
        lock, options_.acquire_timeout, [this] { return !idle_.empty() || open_ < options_.size; });
    if (!ready) {
      return base::UnavailableError("postgres: all " + std::to_string(options_.size) +
                                    " connections stayed busy for " +
                                    std::to_string(options_.acquire_timeout.count()) + " ms");
    }
    if (!idle_.empty()) {
      std::unique_ptr<PooledConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;  // reserve the slot; the connection is opened without holding the lock
  }
  base::Result<std::unique_ptr<PooledConnection>> opened = Open();
  if (!opened.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    --open_;
    returned_.notify_one();
    return opened.status();
  }
  return Lease(this, std::move(opened).value());
}

base::Result<std::unique_ptr<PooledConnection>> ConnectionPool::Open() {
  // The reason libpq gives names the host and port, never the password.
  try {
    auto connection = std::make_unique<PooledConnection>(options_.conninfo);
    InhibitReactivation(connection->pq);
    if (options_.on_connect) options_.on_connect(connection->pq);
    return connection;
  } catch (const pqxx::broken_connection& e) {
    return base::UnavailableError(std::string("postgres: cannot connect: ") + e.what());
  } catch (const pqxx::sql_error& e) {
    // A failing session setup is a deployment problem (missing extension, wrong schema).
    return base::UnavailableError(std::string("postgres: setting up a new connection: ") +
                                  e.what());
  } catch (const std::exception& e) {
    return base::UnavailableError(std::string("postgres: cannot connect: ") + e.what());
  }
}

void ConnectionPool::Return(std::unique_ptr<PooledConnection> connection, bool broken) {
  std::vector<std::unique_ptr<PooledConnection>> discarded;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!broken) {
      idle_.push_back(std::move(connection));
      returned_.notify_one();
      return;
    }
    discarded.push_back(std::move(connection));
    for (auto& idle : idle_) discarded.push_back(std::move(idle));
    idle_.clear();
    open_ -= discarded.size();
    returned_.notify_all();
  }
  base::LogWarn("postgres: lost a connection; dropped {} connection(s), will reconnect",
                discarded.size());
  // Closing happens here, outside the lock (it may wait on the network).
}

size_t ConnectionPool::OpenCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return open_;
}

}  // namespace binhyen::store::postgres
