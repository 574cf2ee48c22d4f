-- Bình Yên schema, version 4 (SQLite dialect): imported blocklists ("feeds", issue 5).
--
-- feed_sources: one row per imported list. `version` is the shared change counter
-- 'indicator_version' at the last change of what the source lists (an import, enabling or
-- disabling it), so the reputation index follows one monotonic version for records and feeds.
-- `import_stamp` counts the imports of the source: a re-import stamps every entry it has with
-- the new stamp, then expires in one sweep the entries left with an older stamp (mark and
-- sweep: no per-row read).
CREATE TABLE feed_sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CONSTRAINT name CHECK (length(name) BETWEEN 1 AND 64),
  format TEXT NOT NULL CONSTRAINT format CHECK (length(format) > 0),
  trust TEXT NOT NULL CONSTRAINT trust CHECK (trust IN ('low', 'medium', 'high')),
  enabled INTEGER NOT NULL CONSTRAINT enabled CHECK (enabled IN (0, 1)),
  imported_at INTEGER,
  active_entries INTEGER NOT NULL DEFAULT 0,
  import_stamp INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0
) STRICT;

-- One row per (source, kind, canonical), kept after it expires (expired_at set) for history.
-- WITHOUT ROWID: the primary key is the table, so an import in key order appends to one B-tree.
CREATE TABLE feed_entries (
  source_id INTEGER NOT NULL REFERENCES feed_sources (id) ON DELETE CASCADE,
  -- OR rather than IN: SQLite builds the IN list's lookup table afresh for every row a
  -- statement checks, which cost a third of a large import.
  kind TEXT NOT NULL CONSTRAINT kind
    CHECK (kind = 'domain' OR kind = 'url' OR kind = 'ip' OR kind = 'phone'
           OR kind = 'bank_account' OR kind = 'email' OR kind = 'social'),
  canonical TEXT NOT NULL CONSTRAINT canonical CHECK (length(canonical) > 0),
  category TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  expired_at INTEGER,
  stamp INTEGER NOT NULL,
  PRIMARY KEY (source_id, kind, canonical)
) STRICT, WITHOUT ROWID;
