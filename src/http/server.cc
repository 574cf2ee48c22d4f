#include "http/server.h"

#include "http/internal/server_impl.h"

namespace binhyen::http {

Server::Server(ServerOptions options, Router router, MetricsRegistry& metrics)
    : impl_(
          std::make_unique<internal::ServerImpl>(std::move(options), std::move(router), metrics)) {}

Server::~Server() = default;

base::Status Server::Start() { return impl_->Start(); }

uint16_t Server::port() const { return impl_->port(); }

void Server::SetReadinessCheck(std::function<base::Status()> check) {
  impl_->SetReadinessCheck(std::move(check));
}

void Server::Shutdown(std::chrono::milliseconds grace) { impl_->Shutdown(grace); }

void Server::RunUntilSignalled(std::chrono::milliseconds grace) { impl_->RunUntilSignalled(grace); }

void Server::Wait() { impl_->Wait(); }

}  // namespace binhyen::http
