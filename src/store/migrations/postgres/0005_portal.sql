-- Bình Yên schema, version 5 (PostgreSQL dialect): the web portal and the analysts' console
-- (issue 7). Mirrors ../sqlite/0005_portal.sql; applied in one transaction.
--
-- - reports.decided_at: when the report got its verdict (confirmed, rejected or duplicate);
--   NULL while it is open. Maintained by ReportRepository::Transition; rows already closed get
--   their updated_at. (reports_created_idx, which the statistics scan, exists since version 1.)
-- - warnings.category and warnings.report_id: what a warning is about and the confirmed report
--   it was written from (both optional).
-- Constraint names keep PostgreSQL's defaults (<table>_<column>_check) so that errors name the
-- column (store/postgres/errors.cc).

ALTER TABLE reports ADD COLUMN decided_at bigint;
UPDATE reports SET decided_at = updated_at
  WHERE status IN ('confirmed', 'rejected', 'duplicate');

ALTER TABLE warnings
  ADD COLUMN category text CHECK (category IN ('phishing', 'fake_police', 'bank_impersonation',
    'loan', 'delivery', 'job_task', 'investment', 'prize', 'romance_sextortion', 'fake_app',
    'account_takeover', 'fake_bill', 'scholarship', 'spam', 'rumour', 'scam_call', 'bank_fraud',
    'fake_account', 'malware', 'extortion', 'other')),
  ADD COLUMN report_id bigint REFERENCES reports (id);
-- The console lists every warning (drafts too), most recently edited first.
CREATE INDEX warnings_updated_idx ON warnings (updated_at DESC, id DESC);
