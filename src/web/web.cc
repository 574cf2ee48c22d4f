#include "web/web.h"

#include <utility>

#include "web/internal/web_impl.h"

namespace binhyen::web {

struct Web::Impl {
  Impl(WebServices services, WebOptions options)
      : shared(std::move(services), std::move(options)) {}
  internal::Shared shared;
};

Web::Web(WebServices services, WebOptions options)
    : impl_(std::make_unique<Impl>(std::move(services), std::move(options))) {}

Web::~Web() = default;

void Web::Register(http::Router& router) {
  internal::RegisterStaticFiles(router, impl_->shared);
  internal::RegisterPublicPages(router, impl_->shared);
  internal::RegisterReportPages(router, impl_->shared);
  internal::RegisterContentPages(router, impl_->shared);
  internal::RegisterStatisticsPage(router, impl_->shared);
  internal::RegisterDisputePages(router, impl_->shared);
  internal::RegisterConsolePages(router, impl_->shared);
  internal::RegisterAckPage(router, impl_->shared);
  internal::RegisterArticlePages(router, impl_->shared);
  internal::RegisterTrainingPages(router, impl_->shared);
  internal::RegisterQuizPages(router, impl_->shared);
  internal::RegisterProgrammePages(router, impl_->shared);
  internal::RegisterChannelPages(router, impl_->shared);
  internal::RegisterPlanPages(router, impl_->shared);
  // A broken link gets a page in the reader's language; API clients keep problem+json.
  internal::Shared& shared = impl_->shared;
  router.SetNotFound([&shared](http::Request& request) {
    if (request.path.starts_with("/api/") || request.path.starts_with("/feeds/")) {
      return http::Response::Problem(404, "Nothing exists at this address.",
                                     "Không tìm thấy nội dung tại địa chỉ này.");
    }
    return shared.ErrorPage(shared.Context(request), 404, "Không tìm thấy trang", "Page not found",
                            "Địa chỉ này không có nội dung. Có thể đường link đã cũ hoặc bị gõ "
                            "sai.",
                            "There is nothing at this address. The link may be old or mistyped.");
  });
}

}  // namespace binhyen::web
