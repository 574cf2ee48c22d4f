#pragma once

// How both backends store the parts of a quiz that are lists (store/quiz_store.h), so that they
// agree exactly. Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/quiz.h"

namespace binhyen::store {

// The options of a question as one text, one option per line (options are single lines).
std::string JoinQuizOptions(const std::vector<std::string>& options);
std::vector<std::string> SplitQuizOptions(std::string_view text);

// Chosen options as "0,2,-1,1"; Internal "answers: unreadable value in the database" when the
// stored text is not such a list.
std::string JoinQuizAnswers(const std::vector<int>& answers);
base::Result<std::vector<int>> SplitQuizAnswers(std::string_view text);

// True when `a` and `b` ask the same thing with the same options and the same right answer (an
// explanation may change after attempts; a question may not).
bool SameQuestions(const std::vector<domain::QuizQuestion>& a,
                   const std::vector<domain::QuizQuestion>& b);

}  // namespace binhyen::store
