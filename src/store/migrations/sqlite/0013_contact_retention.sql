-- Bình Yên schema, version 13 (SQLite dialect): retention of reporters' contact data (issue
-- 10). The PostgreSQL dialect in ../postgres/0013_contact_retention.sql makes the same changes.
--
-- A report's contact ciphertext is erased (set to NULL) some days after the report got its
-- verdict, or earlier by an analyst; reports.contact_erased_at (same unit as decided_at, NULL
-- when never erased) records that it was, so the console can say so instead of "anonymous".
-- disputes.claimant_contact_erased_at does the same for a dispute claimant's contact (erased
-- some days after the dispute was resolved).
-- The partial index serves the retention sweep: closed reports that still hold a contact, by
-- decided_at.

ALTER TABLE reports ADD COLUMN contact_erased_at INTEGER;
CREATE INDEX reports_contact_retention_idx ON reports (decided_at)
  WHERE contact_ciphertext IS NOT NULL AND decided_at IS NOT NULL;
ALTER TABLE disputes ADD COLUMN claimant_contact_erased_at INTEGER;
