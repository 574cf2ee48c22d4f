#pragma once

// The quiz pages (issue 8): shared helpers of quiz_pages.cc (public pages) and quiz_console.cc
// (the programme admins' pages).

#include <string>
#include <string_view>
#include <vector>

#include "domain/quiz.h"
#include "http/router.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {

// The console's quiz pages under /quan-tri/cau-do (quiz_console.cc).
void RegisterQuizConsole(http::Router& router, Shared& shared);

// A quiz's results page, its CSV export and the personal links of a unit's people
// (quiz_console_results.cc).
http::Response QuizResultsPage(Shared& shared, const http::Request& request);
http::Response QuizResultsCsv(Shared& shared, const http::Request& request);
http::Response QuizLinksPage(Shared& shared, const http::Request& request);

// {value, label, selected} of every unit in tree order, the label indented by depth, for a
// <select>; `selected` is the chosen code. Empty when the units cannot be read.
Data UnitOptions(Shared& shared, std::string_view selected);

// "Đang mở" / "Open", ... of a quiz status, and its badge class.
std::string_view QuizStatusLabel(const PageContext& context, domain::QuizStatus status);
std::string_view QuizStatusBadge(domain::QuizStatus status);

}  // namespace binhyen::web::internal
