#pragma once

// What the content pages share (article_pages.cc: /bai-viet, /quy-tac-ung-xu; console_articles.cc:
// /quan-tri/bai-viet, /quan-tri/cam-ket): labels of categories and audiences and the field
// messages of the article and pledge forms.

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/article.h"
#include "http/router.h"
#include "web/internal/field_messages.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {

// {value, label, selected} of every category, for a select.
Data ArticleCategoryOptions(const PageContext& context, std::string_view selected);
// {value, label, checked} of every audience, for checkboxes or a select.
Data AudienceOptions(const PageContext& context, const std::vector<std::string>& selected);
// "Người cao tuổi, Doanh nghiệp".
std::string AudienceList(const PageContext& context, const std::vector<domain::Audience>& list);

// The service's InvalidArgument / AlreadyExists lines ("<field>: <what>") as the form's field
// messages, with a Vietnamese text for each.
std::vector<FieldMessage> ContentFieldMessages(const base::Status& status);

// The console's article and pledge pages (console_articles.cc).
void RegisterConsoleArticles(http::Router& router, Shared& shared);

}  // namespace binhyen::web::internal
