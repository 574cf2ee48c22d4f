// Reviews::Figures: every figure of a review period, read from the data in one snapshot (the
// report statistics in their own, see Statistics). Records and proposals are in reviews.cc.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "domain/calendar.h"
#include "domain/task.h"
#include "service/budget.h"
#include "service/reviews.h"

namespace binhyen::service {
namespace {

using Names = std::map<std::string, std::string, std::less<>>;

struct Period {
  std::string from;
  std::string to;
  base::TimePoint start;  // 00:00 of `from`, Vietnam time
  base::TimePoint end;    // 00:00 of the day after `to`
  bool Contains(base::TimePoint t) const { return t >= start && t < end; }
};

std::string NameOf(const Names& names, const std::string& code) {
  auto it = names.find(code);
  return it == names.end() ? code : it->second;
}

template <typename T>
void SortByUnitName(std::vector<T>& rows) {
  std::sort(rows.begin(), rows.end(), [](const T& a, const T& b) {
    return std::tie(a.unit_name, a.unit_code) < std::tie(b.unit_name, b.unit_code);
  });
}

// Every page of reports matching `filter`.
base::Result<std::vector<domain::Report>> AllReports(store::Transaction& tx,
                                                     const store::ReportFilter& filter) {
  std::vector<domain::Report> out;
  store::PageRequest page{1000, ""};
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(store::Page<domain::Report> p, tx.Reports().List(filter, page));
    for (domain::Report& r : p.items) out.push_back(std::move(r));
    if (p.next.empty()) return out;
    page.after = p.next;
  }
}

// The digits of a phone, or the e-mail in lower case: who a contact is, for grouping.
std::string ContactKey(const nlohmann::json& contact) {
  std::string key;
  if (contact.contains("phone") && contact["phone"].is_string()) {
    for (char c : contact["phone"].get<std::string>()) {
      if (c >= '0' && c <= '9') key += c;
    }
  }
  if (key.empty() && contact.contains("email") && contact["email"].is_string()) {
    key = "@" + contact["email"].get<std::string>();
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  return key;
}

void ConfirmedReports(const std::vector<domain::Report>& confirmed,
                      const crypto::SecretBox& contact_box, ReviewFigures& out) {
  std::set<std::pair<indicator::Kind, std::string>> indicators;
  std::map<std::string, ReporterFigures> reporters;
  for (const domain::Report& r : confirmed) {
    for (const domain::ReportIndicator& i : r.indicators) indicators.insert({i.kind, i.canonical});
    if (!r.contact_ciphertext) {
      if (r.contact_erased_at) ++out.reporter_contacts_erased;
      continue;
    }
    base::Result<std::string> plain = contact_box.Decrypt(*r.contact_ciphertext);
    if (!plain.ok()) continue;  // another key: nothing to group by
    nlohmann::json contact = nlohmann::json::parse(*plain, nullptr, false);
    if (!contact.is_object()) continue;
    const std::string key = ContactKey(contact);
    if (key.empty()) continue;
    ReporterFigures& f = reporters[key];
    if (f.name.empty() && contact.contains("name") && contact["name"].is_string()) {
      f.name = contact["name"].get<std::string>();
    }
    ++f.confirmed;
  }
  out.indicators_confirmed = static_cast<int64_t>(indicators.size());
  std::map<indicator::Kind, int64_t> by_kind;
  for (const auto& [kind, canonical] : indicators) ++by_kind[kind];
  out.indicators_by_kind.assign(by_kind.begin(), by_kind.end());
  for (auto& [key, f] : reporters) out.reporters.push_back(std::move(f));
  std::stable_sort(
      out.reporters.begin(), out.reporters.end(),
      [](const ReporterFigures& a, const ReporterFigures& b) { return a.confirmed > b.confirmed; });
}

base::Status CollectPublished(store::Transaction& tx, const Period& period, ReviewFigures& out) {
  store::PageRequest page{1000, ""};
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(store::Page<domain::Warning> p, tx.Warnings().ListAll(page));
    for (const domain::Warning& w : p.items) {
      if (!w.published_at || !period.Contains(*w.published_at)) continue;
      (w.kind == domain::WarningKind::kWarning ? out.published.warnings
                                               : out.published.clarifications)++;
      out.published.items.push_back({domain::DateInVietnam(*w.published_at), w.kind, w.title});
    }
    if (p.next.empty()) break;
    page.after = p.next;
  }
  std::sort(out.published.items.begin(), out.published.items.end(),
            [](const auto& a, const auto& b) { return a.published_on < b.published_on; });
  return base::Status::Ok();
}

base::Status CollectCampaigns(store::Transaction& tx, const Period& period, const Names& names,
                              ReviewFigures& out) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Campaign> campaigns, tx.Campaigns().List());
  std::map<std::string, UnitCampaignFigures> units;
  for (auto it = campaigns.rbegin(); it != campaigns.rend(); ++it) {
    if (!it->sent_at || !period.Contains(*it->sent_at)) continue;
    BINHYEN_ASSIGN_OR_RETURN(std::vector<store::CampaignRecipient> recipients,
                             tx.Campaigns().Recipients(it->id));
    CampaignFigures c{it->id, it->title, domain::DateInVietnam(*it->sent_at), 0, 0};
    for (const store::CampaignRecipient& r : recipients) {
      UnitCampaignFigures& u = units[r.person.unit_code];
      u.unit_code = r.person.unit_code;
      u.unit_name = NameOf(names, r.person.unit_code);
      ++u.recipients;
      ++c.recipients;
      if (r.acknowledgement) {
        ++u.acknowledged;
        ++c.acknowledged;
      }
    }
    out.campaigns.push_back(std::move(c));
  }
  for (auto& [code, u] : units) out.campaign_units.push_back(std::move(u));
  SortByUnitName(out.campaign_units);
  return base::Status::Ok();
}

base::Status CollectTrainings(store::Transaction& tx, const Period& period, ReviewFigures& out) {
  store::TrainingFilter filter;
  filter.from = period.start;
  filter.to = period.end;
  filter.limit = 1000;
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Training> trainings, tx.Trainings().List(filter));
  for (const domain::Training& t : trainings) {
    if (t.status == domain::TrainingStatus::kCancelled) continue;
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> invited, tx.Trainings().Invitees(t.id));
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Attendance> attended,
                             tx.Trainings().AttendanceOf(t.id));
    out.trainings.push_back({t.id, t.title, domain::DateInVietnam(t.starts_at), t.place,
                             static_cast<int64_t>(invited.size()),
                             static_cast<int64_t>(attended.size())});
  }
  return base::Status::Ok();
}

base::Status CollectChannels(store::Transaction& tx, const Period& period, const Names& names,
                             ReviewFigures& out) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::CommunityChannel> channels, tx.Channels().List({}));
  const std::string first_month = period.from.substr(0, 7);
  const std::string last_month = period.to.substr(0, 7);
  std::map<std::string, UnitChannelFigures> units;
  for (const domain::CommunityChannel& c : channels) {
    if (c.created_at >= period.end) continue;
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::ChannelFigures> months,
                             tx.Channels().Figures(c.id, store::kMaxChannelRows));
    UnitChannelFigures& u = units[c.unit_code];
    u.unit_code = c.unit_code;
    u.unit_name = NameOf(names, c.unit_code);
    ++u.channels;
    ChannelRelayFigures relay{c.id, c.name, c.unit_code, u.unit_name, 0};
    bool latest_seen = false;  // months come newest first
    for (const domain::ChannelFigures& f : months) {
      if (f.month > last_month) continue;
      if (!latest_seen) u.members += f.members;
      latest_seen = true;
      if (f.month < first_month) break;
      relay.warnings_relayed += f.warnings_relayed;
      u.warnings_relayed += f.warnings_relayed;
      u.reports_received += f.reports_received;
    }
    out.channels.push_back(std::move(relay));
  }
  for (auto& [code, u] : units) out.channel_units.push_back(std::move(u));
  SortByUnitName(out.channel_units);
  std::stable_sort(out.channels.begin(), out.channels.end(),
                   [](const ChannelRelayFigures& a, const ChannelRelayFigures& b) {
                     return a.warnings_relayed > b.warnings_relayed;
                   });
  return base::Status::Ok();
}

base::Status CollectTasks(store::Transaction& tx, const Period& period,
                          const std::vector<domain::Unit>& units, const std::string& today,
                          ReviewFigures& out) {
  store::TaskFilter filter;
  filter.due_from = period.from;
  filter.due_before = domain::AddDays(period.to, 1);
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Task> tasks, AllTasks(tx, filter));
  out.tasks = CountTasksByUnit(tasks, units, today);
  SortByUnitName(out.tasks);
  for (const domain::Task& t : tasks) {
    if (domain::IsOverdue(t, today)) out.overdue_tasks.push_back(t);
  }
  return base::Status::Ok();
}

base::Status CollectAssessments(store::Transaction& tx, const Period& period, const Names& names,
                                ReviewFigures& out) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::SelfAssessment> latest,
                           tx.SelfAssessments().LatestPerUnit(period.end));
  for (const domain::SelfAssessment& a : latest) {
    out.assessments.push_back(
        {a.unit_code, NameOf(names, a.unit_code), domain::DateInVietnam(a.submitted_at), a.score});
  }
  SortByUnitName(out.assessments);
  return base::Status::Ok();
}

base::Status CollectBudgetLines(store::Transaction& tx, const Period& period, const Names& names,
                                ReviewFigures& out) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Spending> spent,
                           tx.Budget().SpendingBetween(period.from, period.to));
  std::map<int64_t, int64_t> in_period;
  for (const domain::Spending& s : spent) in_period[s.line_id] += s.amount;
  const int first = std::stoi(period.from.substr(0, 4));
  const int last = std::stoi(period.to.substr(0, 4));
  for (int year = first; year <= last; ++year) {
    BINHYEN_ASSIGN_OR_RETURN(std::vector<store::BudgetLineTotals> lines,
                             tx.Budget().Lines(year, {}));
    for (const store::BudgetLineTotals& l : lines) {
      out.budget.push_back({l.line.unit_code.empty() ? std::string(kTownBudgetName)
                                                     : NameOf(names, l.line.unit_code),
                            l.line.activity, year, l.line.allocated, in_period[l.line.id],
                            l.spent});
    }
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<ReviewFigures> Reviews::Figures(const std::string& from, const std::string& to) {
  domain::Review probe;
  probe.title = "x";
  probe.place = "x";
  probe.issuing_body = "x";
  probe.from = from;
  probe.to = to;
  probe.report_date = from;
  BINHYEN_RETURN_IF_ERROR(domain::Validate(probe));
  Period period{from, to, domain::StartOfDayInVietnam(from),
                domain::StartOfDayInVietnam(domain::AddDays(to, 1))};
  ReviewFigures out;
  out.from = from;
  out.to = to;
  out.computed_on = domain::DateInVietnam(clock_.Now());
  Statistics statistics(store_, clock_);
  BINHYEN_ASSIGN_OR_RETURN(out.reports, statistics.Compute(period.start, period.end));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  Names names;
  for (const domain::Unit& u : units) names[u.code] = u.name;
  store::ReportFilter confirmed;
  confirmed.status = domain::ReportStatus::kConfirmed;
  confirmed.created_from = period.start;
  confirmed.created_to = period.end;
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Report> reports, AllReports(*tx, confirmed));
  ConfirmedReports(reports, contact_box_, out);
  BINHYEN_RETURN_IF_ERROR(CollectPublished(*tx, period, out));
  BINHYEN_RETURN_IF_ERROR(CollectCampaigns(*tx, period, names, out));
  BINHYEN_RETURN_IF_ERROR(CollectTrainings(*tx, period, out));
  BINHYEN_RETURN_IF_ERROR(CollectChannels(*tx, period, names, out));
  BINHYEN_RETURN_IF_ERROR(CollectTasks(*tx, period, units, out.computed_on, out));
  BINHYEN_RETURN_IF_ERROR(CollectAssessments(*tx, period, names, out));
  BINHYEN_RETURN_IF_ERROR(CollectBudgetLines(*tx, period, names, out));
  return out;
}

}  // namespace binhyen::service
