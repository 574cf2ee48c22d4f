-- Bình Yên schema, version 15 (SQLite dialect): several app nodes and federation (issue 11).
-- The PostgreSQL dialect in ../postgres/0015_cluster.sql holds the same tables.
--
-- - rate_buckets: the token buckets shared by the app nodes of one store
--   (RateLimitRepository); tokens is REAL and may be negative (a bucket in debt).
-- - peers: the instances whose signed feeds we pull, with their pull state. Each owns the feed
--   source "peer.<name>" (feed_source_id) that holds its listings. AUTOINCREMENT so that an id
--   is never reused: withdrawn rows of federation_entries keep the id of the peer they came
--   through after it is deleted.
-- - federation_entries: our outgoing feed, one row per (kind, canonical, origin) with its latest
--   state. seq is the feed's cursor, shared with federation_warnings and handed out from the
--   counter 'federation_seq' under the writer lock, so that seqs follow commit order and a
--   reader at seq s only needs rows > s. via_peer_id is the peer an entry was relayed from (0
--   for our own indicators); not a foreign key, since the row outlives the peer.
-- - federation_warnings: our published warnings in the feed, by (origin, remote_id).
-- - peer_warnings: the warnings received from each peer (seq is the peer's).
-- - federation_conflicts: a peer delisted or withdrew an indicator our analysts confirmed; at
--   most one open conflict per (peer, kind, canonical).
-- - counters 'federation_own_cursor': the indicator change version up to which our own
--   indicators were published into the feed.

CREATE TABLE rate_buckets (
  scope TEXT NOT NULL CONSTRAINT scope CHECK (length(CAST(scope AS BLOB)) BETWEEN 1 AND 64),
  key TEXT NOT NULL CONSTRAINT key CHECK (length(CAST(key AS BLOB)) BETWEEN 1 AND 200),
  tokens REAL NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX rate_buckets_updated ON rate_buckets (updated_at);

CREATE TABLE peers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE CONSTRAINT name CHECK (length(name) BETWEEN 1 AND 59),
  url TEXT NOT NULL CONSTRAINT url CHECK (length(url) > 0),
  public_key TEXT NOT NULL UNIQUE CONSTRAINT public_key CHECK (length(public_key) = 43),
  trust TEXT NOT NULL CONSTRAINT trust CHECK (trust IN ('low', 'medium', 'high')),
  enabled INTEGER NOT NULL CONSTRAINT enabled CHECK (enabled IN (0, 1)),
  relay INTEGER NOT NULL CONSTRAINT relay CHECK (relay IN (0, 1)),
  feed_source_id INTEGER NOT NULL UNIQUE REFERENCES feed_sources (id),
  cursor INTEGER NOT NULL DEFAULT 0,
  last_generated_at INTEGER,
  last_attempt_at INTEGER,
  last_success_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE federation_entries (
  kind TEXT NOT NULL CONSTRAINT kind
    CHECK (kind IN ('url', 'domain', 'ip', 'phone', 'bank_account', 'email', 'social')),
  canonical TEXT NOT NULL CONSTRAINT canonical CHECK (length(canonical) > 0),
  origin TEXT NOT NULL CONSTRAINT origin CHECK (length(origin) > 0),
  seq INTEGER NOT NULL UNIQUE,
  state TEXT NOT NULL CONSTRAINT state CHECK (state IN ('listed', 'delisted', 'withdrawn')),
  category TEXT NOT NULL,
  hops INTEGER NOT NULL CONSTRAINT hops CHECK (hops BETWEEN 0 AND 4),
  expires_at INTEGER,
  changed_at INTEGER NOT NULL,
  via_peer_id INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, canonical, origin)
) STRICT, WITHOUT ROWID;
CREATE INDEX federation_entries_via ON federation_entries (via_peer_id) WHERE via_peer_id <> 0;
-- ExpiredListings: listed rows whose expiry has passed, withdrawn at the next PublishOwn.
CREATE INDEX federation_entries_expiry ON federation_entries (expires_at)
  WHERE state = 'listed' AND expires_at IS NOT NULL;

CREATE TABLE federation_warnings (
  origin TEXT NOT NULL CONSTRAINT origin CHECK (length(origin) > 0),
  remote_id INTEGER NOT NULL CONSTRAINT remote_id CHECK (remote_id > 0),
  seq INTEGER NOT NULL UNIQUE,
  kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('warning', 'clarification')),
  title TEXT NOT NULL CONSTRAINT title CHECK (length(CAST(title AS BLOB)) BETWEEN 1 AND 300),
  summary TEXT NOT NULL CONSTRAINT summary CHECK (length(CAST(summary AS BLOB)) <= 600),
  url TEXT NOT NULL,
  category TEXT NOT NULL,
  published_at INTEGER,
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (origin, remote_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE peer_warnings (
  peer_id INTEGER NOT NULL REFERENCES peers (id) ON DELETE CASCADE,
  origin TEXT NOT NULL CONSTRAINT origin CHECK (length(origin) > 0),
  remote_id INTEGER NOT NULL CONSTRAINT remote_id CHECK (remote_id > 0),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('warning', 'clarification')),
  title TEXT NOT NULL CONSTRAINT title CHECK (length(CAST(title AS BLOB)) BETWEEN 1 AND 300),
  summary TEXT NOT NULL CONSTRAINT summary CHECK (length(CAST(summary AS BLOB)) <= 600),
  url TEXT NOT NULL,
  category TEXT NOT NULL,
  published_at INTEGER,
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (peer_id, origin, remote_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX peer_warnings_published ON peer_warnings (published_at);

CREATE TABLE federation_conflicts (
  id INTEGER PRIMARY KEY,
  peer_id INTEGER NOT NULL REFERENCES peers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CONSTRAINT kind
    CHECK (kind IN ('url', 'domain', 'ip', 'phone', 'bank_account', 'email', 'social')),
  canonical TEXT NOT NULL CONSTRAINT canonical CHECK (length(canonical) > 0),
  remote_state TEXT NOT NULL CONSTRAINT remote_state
    CHECK (remote_state IN ('listed', 'delisted', 'withdrawn')),
  seen_at INTEGER NOT NULL,
  resolved_at INTEGER
) STRICT;
CREATE UNIQUE INDEX federation_conflicts_open ON federation_conflicts (peer_id, kind, canonical)
  WHERE resolved_at IS NULL;

INSERT INTO counters (name, value) VALUES ('federation_seq', 0), ('federation_own_cursor', 0);
