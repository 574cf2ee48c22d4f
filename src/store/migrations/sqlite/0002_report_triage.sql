-- Bình Yên schema, version 2 (SQLite dialect): report triage and sign-in protection (issue 4).
-- The PostgreSQL dialect in ../postgres/0002_report_triage.sql makes the same changes.
--
-- - reports: five new categories, duplicate_of, public_note, text_simhash;
-- - report_simhash_bands: the four 16-bit bands of each report's simhash (FindNearDuplicates);
-- - users: failed_logins, locked_until;
-- - units: wards, communes, schools, agencies, businesses.
--
-- SQLite cannot change a CHECK constraint in place, so reports is rebuilt with the procedure of
-- https://www.sqlite.org/lang_altertable.html ("Making Other Kinds Of Table Schema Changes"):
-- SqliteStore::ApplyMigration turns foreign_keys OFF before BEGIN (a no-op inside a
-- transaction), runs PRAGMA foreign_key_check before COMMIT and turns them back ON afterwards.
-- The new table is created under another name, filled, the old one dropped, and the new one
-- renamed to "reports" (never the old one renamed away: since SQLite 3.26 a rename rewrites the
-- REFERENCES clauses of other tables, which would point report_indicators, report_evidence and
-- report_links at the old table). Ids are copied unchanged: reports_fts is keyed by
-- rowid = reports.id. Dropping the old table drops its index; it is created again below.

CREATE TABLE reports_v2 (
  id INTEGER PRIMARY KEY,
  receipt_code TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL CONSTRAINT channel CHECK (channel IN ('web', 'api', 'bot', 'cli')),
  category TEXT NOT NULL CONSTRAINT category CHECK (category IN (
    'phishing', 'fake_police', 'bank_impersonation', 'loan', 'delivery', 'job_task',
    'investment', 'prize', 'romance_sextortion', 'fake_app', 'account_takeover', 'fake_bill',
    'scholarship', 'spam', 'rumour', 'scam_call', 'bank_fraud', 'fake_account', 'malware',
    'extortion', 'other')),
  description TEXT NOT NULL CONSTRAINT description CHECK (length(description) > 0),
  occurred_at INTEGER,
  loss_vnd INTEGER NOT NULL DEFAULT 0 CONSTRAINT loss_vnd CHECK (loss_vnd >= 0),
  ward TEXT NOT NULL DEFAULT '',
  contact_ciphertext BLOB,
  status TEXT NOT NULL CONSTRAINT status
    CHECK (status IN ('received', 'triaging', 'confirmed', 'rejected', 'duplicate')),
  assignee_user_id INTEGER REFERENCES users (id),
  -- Set only on a duplicate, never to itself (the store also requires it on every duplicate;
  -- reports marked duplicate before version 2 have none).
  duplicate_of INTEGER REFERENCES reports (id),
  public_note TEXT NOT NULL DEFAULT '' CONSTRAINT public_note
    CHECK (length(CAST(public_note AS BLOB)) <= 2000),
  -- The uint64 simhash bit-cast to a signed 64-bit integer; NULL when not computed.
  text_simhash INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CONSTRAINT duplicate_of CHECK (duplicate_of IS NULL OR (status = 'duplicate' AND
                                                          duplicate_of <> id))
) STRICT;

INSERT INTO reports_v2 (id, receipt_code, channel, category, description, occurred_at, loss_vnd,
                        ward, contact_ciphertext, status, assignee_user_id, created_at,
                        updated_at)
  SELECT id, receipt_code, channel, category, description, occurred_at, loss_vnd, ward,
         contact_ciphertext, status, assignee_user_id, created_at, updated_at
    FROM reports ORDER BY id;

DROP TABLE reports;
ALTER TABLE reports_v2 RENAME TO reports;

CREATE INDEX reports_status ON reports (status, id);
-- An analyst's own queue. Partial: reports are created unassigned, so creating one does not
-- write to this index.
CREATE INDEX reports_assignee ON reports (assignee_user_id, id)
  WHERE assignee_user_id IS NOT NULL;

-- Band b (0..3) of a simhash h is (h >> 16 * b) & 0xffff. Two hashes within Hamming distance 3
-- agree on at least one of the four bands, so the candidates of a query are the reports sharing
-- one of its bands (FindNearDuplicates). Only reports with a simhash have rows.
CREATE TABLE report_simhash_bands (
  band INTEGER NOT NULL CONSTRAINT band CHECK (band BETWEEN 0 AND 3),
  value INTEGER NOT NULL CONSTRAINT value CHECK (value BETWEEN 0 AND 65535),
  report_id INTEGER NOT NULL REFERENCES reports (id),
  PRIMARY KEY (band, value, report_id)
) STRICT, WITHOUT ROWID;

ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0
  CONSTRAINT failed_logins CHECK (failed_logins >= 0);
ALTER TABLE users ADD COLUMN locked_until INTEGER;

CREATE TABLE units (
  code TEXT PRIMARY KEY CONSTRAINT code
    CHECK (length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^a-z0-9_-]*'),
  name TEXT NOT NULL CONSTRAINT name CHECK (length(name) > 0),
  kind TEXT NOT NULL CONSTRAINT kind
    CHECK (kind IN ('ward', 'commune', 'school', 'agency', 'business', 'other')),
  parent_code TEXT REFERENCES units (code),  -- NULL: no parent
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
