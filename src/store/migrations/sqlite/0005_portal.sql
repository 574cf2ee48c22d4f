-- Bình Yên schema, version 5 (SQLite dialect): the web portal and the analysts' console
-- (issue 7). The PostgreSQL dialect in ../postgres/0005_portal.sql makes the same changes.
--
-- - reports.decided_at: when the report got its verdict (confirmed, rejected or duplicate);
--   NULL while it is open. Maintained by ReportRepository::Transition; rows already closed get
--   their updated_at (the best estimate available: the last change of a closed report is
--   usually its verdict);
-- - reports_created: the public statistics read the reports created in a period (one range
--   scan). Reports are created in time order, so the index grows at its right edge;
-- - warnings.category and warnings.report_id: what a warning is about and the confirmed report
--   it was written from (both optional).

ALTER TABLE reports ADD COLUMN decided_at INTEGER;
UPDATE reports SET decided_at = updated_at
  WHERE status IN ('confirmed', 'rejected', 'duplicate');
CREATE INDEX reports_created ON reports (created_at, id);

ALTER TABLE warnings ADD COLUMN category TEXT CONSTRAINT category CHECK (category IN (
  'phishing', 'fake_police', 'bank_impersonation', 'loan', 'delivery', 'job_task',
  'investment', 'prize', 'romance_sextortion', 'fake_app', 'account_takeover', 'fake_bill',
  'scholarship', 'spam', 'rumour', 'scam_call', 'bank_fraud', 'fake_account', 'malware',
  'extortion', 'other'));
ALTER TABLE warnings ADD COLUMN report_id INTEGER REFERENCES reports (id);
-- The console lists every warning (drafts too), most recently edited first.
CREATE INDEX warnings_updated ON warnings (updated_at, id);
