-- Bình Yên schema, version 10 (SQLite dialect): community channels of the awareness programme
-- (issue 8, "mô hình"). The PostgreSQL dialect in ../postgres/0010_channels.sql makes the same
-- changes.
--
-- - channels: the Zalo groups, fanpages and websites each unit runs; an admin contact and the
--   webhook's signing secret are encrypted by the service layer (contact SecretBox);
-- - channel_figures: per channel per month, members, warnings relayed and reports received;
-- - webhook_deliveries: every event sent to a channel's webhook, with its progress, so that a
--   restart resumes the pending ones. An event about a warning goes to a channel once at most.

CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units (code),
  kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('zalo_group', 'facebook_page', 'website',
                                                      'other')),
  name TEXT NOT NULL CONSTRAINT name CHECK (length(name) > 0),
  url TEXT NOT NULL CONSTRAINT url CHECK (length(url) > 0),
  admins TEXT NOT NULL DEFAULT '',
  admin_contact_ciphertext BLOB,
  active INTEGER NOT NULL CONSTRAINT active CHECK (active IN (0, 1)),
  webhook_url TEXT NOT NULL DEFAULT '',
  webhook_secret_ciphertext BLOB,
  webhook_auto INTEGER NOT NULL CONSTRAINT webhook_auto CHECK (webhook_auto IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX channels_unit ON channels (unit_code, id);

CREATE TABLE channel_figures (
  channel_id INTEGER NOT NULL REFERENCES channels (id),
  month TEXT NOT NULL CONSTRAINT month CHECK (length(month) = 7),
  members INTEGER NOT NULL CONSTRAINT members CHECK (members >= 0),
  warnings_relayed INTEGER NOT NULL CONSTRAINT warnings_relayed CHECK (warnings_relayed >= 0),
  reports_received INTEGER NOT NULL CONSTRAINT reports_received CHECK (reports_received >= 0),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (channel_id, month)
) STRICT, WITHOUT ROWID;

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channels (id),
  event TEXT NOT NULL CONSTRAINT event CHECK (length(event) > 0),
  warning_id INTEGER REFERENCES warnings (id),
  body TEXT NOT NULL,
  status TEXT NOT NULL CONSTRAINT status CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL CONSTRAINT attempts CHECK (attempts >= 0),
  next_attempt_at INTEGER NOT NULL,
  last_http_status INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  delivered_at INTEGER
) STRICT;
CREATE INDEX webhook_deliveries_channel ON webhook_deliveries (channel_id, id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id)
  WHERE status = 'pending';
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (channel_id, warning_id, event)
  WHERE warning_id IS NOT NULL;
