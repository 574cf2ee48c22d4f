#include "service/warning_urls.h"

namespace binhyen::service {

base::Result<WarningUrls> LoadWarningUrls(store::Transaction& tx, base::TimePoint now) {
  WarningUrls out;
  store::PageRequest page;
  page.limit = 200;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(store::Page<domain::Warning> published,
                             tx.Warnings().ListPublished(std::nullopt, now, page));
    for (const domain::Warning& w : published.items) {
      for (const domain::WarningIndicator& i : w.indicators) {
        // Newest first: the first warning naming an indicator wins.
        out.emplace(
            std::make_pair(i.kind, i.canonical),
            (w.kind == domain::WarningKind::kClarification ? "/dinh-chinh/" : "/canh-bao/") +
                w.slug);
      }
    }
    if (published.next.empty()) return out;
    page.after = published.next;
  }
}

}  // namespace binhyen::service
