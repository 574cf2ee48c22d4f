-- Bình Yên schema, version 2 (PostgreSQL dialect): report triage and sign-in protection
-- (issue 4). Mirrors ../sqlite/0002_report_triage.sql; applied in one transaction.
--
-- - reports and indicators: five new categories (both tables list the categories);
-- - reports: duplicate_of, public_note, text_simhash;
-- - report_simhash_bands: the four 16-bit bands of each report's simhash (FindNearDuplicates);
-- - users: failed_logins, locked_until;
-- - units: wards, communes, schools, agencies, businesses.
-- Constraint names keep PostgreSQL's defaults (<table>_<column>_check) so that errors name the
-- column (store/postgres/errors.cc).

ALTER TABLE reports DROP CONSTRAINT reports_category_check;
ALTER TABLE reports ADD CONSTRAINT reports_category_check CHECK (category IN ('phishing',
  'fake_police', 'bank_impersonation', 'loan', 'delivery', 'job_task', 'investment', 'prize',
  'romance_sextortion', 'fake_app', 'account_takeover', 'fake_bill', 'scholarship', 'spam',
  'rumour', 'scam_call', 'bank_fraud', 'fake_account', 'malware', 'extortion', 'other'));

ALTER TABLE indicators DROP CONSTRAINT indicators_category_check;
ALTER TABLE indicators ADD CONSTRAINT indicators_category_check CHECK (category IN ('phishing',
  'fake_police', 'bank_impersonation', 'loan', 'delivery', 'job_task', 'investment', 'prize',
  'romance_sextortion', 'fake_app', 'account_takeover', 'fake_bill', 'scholarship', 'spam',
  'rumour', 'scam_call', 'bank_fraud', 'fake_account', 'malware', 'extortion', 'other'));

-- duplicate_of: set only on a duplicate, never to itself (the store also requires it on every
-- duplicate; reports marked duplicate before version 2 have none). text_simhash: the uint64
-- simhash bit-cast to bigint; NULL when not computed.
ALTER TABLE reports
  ADD COLUMN duplicate_of bigint REFERENCES reports (id) ON DELETE SET NULL,
  ADD COLUMN public_note text NOT NULL DEFAULT '' CHECK (octet_length(public_note) <= 2000),
  ADD COLUMN text_simhash bigint,
  ADD CONSTRAINT reports_duplicate_of_check
    CHECK (duplicate_of IS NULL OR (status = 'duplicate' AND duplicate_of <> id));

-- An analyst's own queue; partial, so creating an (unassigned) report does not write to it.
CREATE INDEX reports_assignee_idx ON reports (assignee_user_id, id)
  WHERE assignee_user_id IS NOT NULL;

-- Band b (0..3) of a simhash h is (h >> 16 * b) & 65535. Two hashes within Hamming distance 3
-- agree on at least one of the four bands, so the candidates of a query are the reports sharing
-- one of its bands. Only reports with a simhash have rows.
CREATE TABLE report_simhash_bands (
  band smallint NOT NULL CHECK (band BETWEEN 0 AND 3),
  value integer NOT NULL CHECK (value BETWEEN 0 AND 65535),
  report_id bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  PRIMARY KEY (band, value, report_id)
);

ALTER TABLE users
  ADD COLUMN failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  ADD COLUMN locked_until bigint;

CREATE TABLE units (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_-]{1,32}$'),
  name text NOT NULL CHECK (name <> '' AND octet_length(name) <= 200),
  kind text NOT NULL CHECK (kind IN ('ward', 'commune', 'school', 'agency', 'business',
                                     'other')),
  parent_code text REFERENCES units (code),  -- NULL: no parent
  created_at bigint NOT NULL
);
