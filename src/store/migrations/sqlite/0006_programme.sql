-- Bình Yên schema, version 6 (SQLite dialect): the awareness programme, first part (issue 8):
-- people of units, guidance campaigns and their acknowledgements. The PostgreSQL dialect in
-- ../postgres/0006_programme.sql makes the same changes.
--
-- - people: the officials and members of each unit; phone and email are encrypted by the
--   service layer (contact SecretBox), never stored in clear;
-- - campaigns with their targets (units, whose child units are included when sent, and people);
-- - campaign_recipients: who the campaign went to, fixed when it is sent (people added to a
--   unit later do not change a sent campaign's figures);
-- - acknowledgements: one per recipient at most; the first time is kept.

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units (code),
  name TEXT NOT NULL CONSTRAINT name CHECK (length(name) > 0),
  position TEXT NOT NULL DEFAULT '',
  phone_ciphertext BLOB,
  email_ciphertext BLOB,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX people_unit ON people (unit_code, id);

CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CONSTRAINT title CHECK (length(title) > 0),
  body TEXT NOT NULL CONSTRAINT body CHECK (length(body) > 0),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  deadline INTEGER,
  status TEXT NOT NULL CONSTRAINT status CHECK (status IN ('draft', 'sent', 'closed'))
) STRICT;

CREATE TABLE campaign_target_units (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  unit_code TEXT NOT NULL REFERENCES units (code),
  PRIMARY KEY (campaign_id, unit_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE campaign_target_people (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  PRIMARY KEY (campaign_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE campaign_recipients (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  PRIMARY KEY (campaign_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE acknowledgements (
  campaign_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL,
  acknowledged_at INTEGER NOT NULL,
  via TEXT NOT NULL CONSTRAINT via CHECK (via IN ('link', 'portal')),
  PRIMARY KEY (campaign_id, person_id),
  FOREIGN KEY (campaign_id, person_id) REFERENCES campaign_recipients (campaign_id, person_id)
) STRICT, WITHOUT ROWID;
