#pragma once

// The decoders of the JSON API's request bodies: a JSON object (as api::ReadJsonObject returns
// it, unknown members already refused) to the input of a service call. They check types and
// shapes only; the services check values (lengths, known units, dates in order...).
//
// Each returns the input, or one InvalidArgument holding every field error, one
// "<field>: <what>" per line (service::FieldErrors), which api::FromStatus answers as 422 with
// a list of field errors. They never throw, whatever the object holds. Pure functions: no store,
// no clock (docs/FUZZING.md, target api_json).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "base/result.h"
#include "domain/channel.h"
#include "domain/enums.h"
#include "service/articles.h"
#include "service/campaigns.h"
#include "service/channels.h"
#include "service/disputes.h"
#include "service/people.h"
#include "service/pledges.h"
#include "service/quizzes.h"
#include "service/trainings.h"
#include "service/triage.h"

namespace binhyen::api {

// POST /api/v1/articles, PUT /api/v1/articles/{slug}.
base::Result<service::ArticleDraft> ArticleDraftFromJson(const nlohmann::json& body);

// POST /api/v1/campaigns.
base::Result<service::CampaignDraft> CampaignDraftFromJson(const nlohmann::json& body);

// POST /api/v1/channels, PUT /api/v1/channels/{id}.
base::Result<service::ChannelInput> ChannelInputFromJson(const nlohmann::json& body);

// PUT /api/v1/channels/{id}/figures.
base::Result<domain::ChannelFigures> ChannelFiguresFromJson(const nlohmann::json& body);

// POST /api/v1/disputes.
base::Result<service::DisputeFiling> DisputeFilingFromJson(const nlohmann::json& body);

// POST /api/v1/disputes/{id}/resolve: "to" accepted or rejected, and the resolution.
struct DisputeResolutionBody {
  domain::DisputeStatus to = domain::DisputeStatus::kOpen;
  std::string resolution;
};
base::Result<DisputeResolutionBody> DisputeResolutionFromJson(const nlohmann::json& body);

// POST /api/v1/pledges.
base::Result<service::PledgeForm> PledgeFormFromJson(const nlohmann::json& body);

// POST /api/v1/people, PUT /api/v1/people/{id}.
base::Result<service::PersonInput> PersonInputFromJson(const nlohmann::json& body);

// POST /api/v1/quizzes/{slug}/attempts: one option index (or null) per question, and a unit.
base::Result<service::QuizAnswers> QuizAnswersFromJson(const nlohmann::json& body);

// POST /api/v1/quizzes, PUT /api/v1/quizzes/{slug}.
base::Result<service::QuizDraft> QuizDraftFromJson(const nlohmann::json& body);

// POST /api/v1/trainings, PUT /api/v1/trainings/{id}.
base::Result<service::TrainingDraft> TrainingDraftFromJson(const nlohmann::json& body);

// POST /api/v1/trainings/{id}/attendance: the person's id.
base::Result<int64_t> AttendancePersonFromJson(const nlohmann::json& body);

// POST /api/v1/reports/{id}/assign: a user name, "me", or null to unassign (nullopt).
base::Result<std::optional<std::string>> AssigneeFromJson(const nlohmann::json& body);

// POST /api/v1/reports/{id}/note: the public note (may be "", which clears it).
base::Result<std::string> PublicNoteFromJson(const nlohmann::json& body);

// POST /api/v1/reports/{id}/contact/erase: the reason, audited.
base::Result<std::string> EraseReasonFromJson(const nlohmann::json& body);

// POST /api/v1/reports/{id}/transition.
base::Result<service::TransitionRequest> TransitionFromJson(const nlohmann::json& body);

}  // namespace binhyen::api
