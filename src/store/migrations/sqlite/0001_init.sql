-- Bình Yên schema, version 1 (SQLite dialect). Applied inside one transaction by
-- Store::Migrate(); the PostgreSQL dialect in ../postgres/ holds the same tables.
--
-- Conventions: times are INTEGER microseconds since the Unix epoch (UTC); enums are TEXT with a
-- CHECK listing the domain names (domain/enums.h); each CHECK constraint is named after its
-- column so an error names the field; encrypted blobs are BLOB; booleans are INTEGER 0/1.
-- Full-text tables hold text::FoldVietnamese() of the source text (folded by the store), so
-- "lua dao" finds "lừa đảo" and "đ" matches "d".

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CONSTRAINT role
    CHECK (role IN ('member', 'unit_officer', 'analyst', 'programme_admin', 'finance', 'admin')),
  unit TEXT NOT NULL DEFAULT '',
  totp_secret_ciphertext BLOB,
  disabled INTEGER NOT NULL DEFAULT 0 CONSTRAINT disabled CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL DEFAULT '',  -- space-separated, sorted
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked INTEGER NOT NULL DEFAULT 0 CONSTRAINT revoked CHECK (revoked IN (0, 1))
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  receipt_code TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL CONSTRAINT channel CHECK (channel IN ('web', 'api', 'bot', 'cli')),
  category TEXT NOT NULL CONSTRAINT category CHECK (category IN (
    'phishing', 'fake_police', 'bank_impersonation', 'loan', 'delivery', 'job_task',
    'investment', 'prize', 'romance_sextortion', 'fake_app', 'account_takeover', 'fake_bill',
    'scholarship', 'spam', 'rumour', 'other')),
  description TEXT NOT NULL CONSTRAINT description CHECK (length(description) > 0),
  occurred_at INTEGER,
  loss_vnd INTEGER NOT NULL DEFAULT 0 CONSTRAINT loss_vnd CHECK (loss_vnd >= 0),
  ward TEXT NOT NULL DEFAULT '',
  contact_ciphertext BLOB,
  status TEXT NOT NULL CONSTRAINT status
    CHECK (status IN ('received', 'triaging', 'confirmed', 'rejected', 'duplicate')),
  assignee_user_id INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
-- The analysts' queue is by status. Lists filtered by category, ward or time walk the primary
-- key newest first and stop at the page size: cheap at a town's volume, and each index less
-- saves a random page write on every report created (measured in bench/store_bench.cc).
CREATE INDEX reports_status ON reports (status, id);

-- Indicators of a report, in insertion order (position). Clustered by report so a report's
-- indicators sit together, with one secondary index for "which reports carry this indicator".
CREATE TABLE report_indicators (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  kind TEXT NOT NULL CONSTRAINT kind
    CHECK (kind IN ('url', 'domain', 'ip', 'phone', 'bank_account', 'email', 'social')),
  canonical TEXT NOT NULL CONSTRAINT canonical CHECK (length(canonical) > 0),
  position INTEGER NOT NULL,
  raw TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (report_id, kind, canonical)
) STRICT, WITHOUT ROWID;
CREATE INDEX report_indicators_value ON report_indicators (kind, canonical);

CREATE TABLE report_evidence (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports (id),
  sha256 TEXT NOT NULL CONSTRAINT sha256 CHECK (length(sha256) = 64),
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CONSTRAINT size CHECK (size >= 0),
  filename TEXT NOT NULL DEFAULT '',
  UNIQUE (report_id, sha256)
) STRICT;

-- Symmetric links stored once, smaller id first.
CREATE TABLE report_links (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  other_id INTEGER NOT NULL REFERENCES reports (id),
  PRIMARY KEY (report_id, other_id),
  CONSTRAINT linked_report_ids CHECK (report_id < other_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX report_links_other ON report_links (other_id, report_id);

-- Contentless: a report's description never changes, so rows are only ever inserted.
CREATE VIRTUAL TABLE reports_fts USING fts5 (
  description, content = '',
  tokenize = 'unicode61 remove_diacritics 2');

-- The reputation set.
CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CONSTRAINT kind
    CHECK (kind IN ('url', 'domain', 'ip', 'phone', 'bank_account', 'email', 'social')),
  canonical TEXT NOT NULL CONSTRAINT canonical CHECK (length(canonical) > 0),
  category TEXT NOT NULL,
  severity TEXT NOT NULL CONSTRAINT severity
    CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  status TEXT NOT NULL CONSTRAINT status
    CHECK (status IN ('pending', 'confirmed', 'expired', 'delisted')),
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  expires_at INTEGER,
  version INTEGER NOT NULL,
  UNIQUE (kind, canonical)
) STRICT;
CREATE UNIQUE INDEX indicators_version ON indicators (version);

CREATE TABLE indicator_sources (
  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  trust_level INTEGER NOT NULL CONSTRAINT trust_level CHECK (trust_level BETWEEN 0 AND 100),
  PRIMARY KEY (indicator_id, source)
) STRICT, WITHOUT ROWID;

-- Named counters; 'indicator_version' is the change version of the reputation set.
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES ('indicator_version', 0);

CREATE TABLE warnings (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('warning', 'clarification')),
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL CONSTRAINT title CHECK (length(title) > 0),
  body TEXT NOT NULL CONSTRAINT body CHECK (length(body) > 0),
  published_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX warnings_published ON warnings (published_at, id);

CREATE TABLE warning_indicators (
  id INTEGER PRIMARY KEY,
  warning_id INTEGER NOT NULL REFERENCES warnings (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  canonical TEXT NOT NULL,
  UNIQUE (warning_id, kind, canonical)
) STRICT;
CREATE INDEX warning_indicators_value ON warning_indicators (kind, canonical);

-- Stores its (folded) text: warnings are edited, and FTS5 deletes need the old text.
CREATE VIRTUAL TABLE warnings_fts USING fts5 (
  title, body,
  tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE disputes (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CONSTRAINT kind
    CHECK (kind IN ('url', 'domain', 'ip', 'phone', 'bank_account', 'email', 'social')),
  canonical TEXT NOT NULL CONSTRAINT canonical CHECK (length(canonical) > 0),
  claimant_contact_ciphertext BLOB,
  reason TEXT NOT NULL CONSTRAINT reason CHECK (length(reason) > 0),
  status TEXT NOT NULL CONSTRAINT status CHECK (status IN ('open', 'accepted', 'rejected')),
  resolution TEXT NOT NULL DEFAULT '',
  resolved_by_user_id INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL,
  resolved_at INTEGER
) STRICT;
CREATE INDEX disputes_status ON disputes (status, id);

-- Append-only, hash-chained (domain/audit.h states the hashing rule).
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
