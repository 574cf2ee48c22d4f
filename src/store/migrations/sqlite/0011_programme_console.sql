-- Bình Yên schema, version 11 (SQLite dialect): the awareness programme's console (issue 8):
-- people edited by unit officers, campaigns closed, acknowledgements in the portal. The
-- PostgreSQL dialect in ../postgres/0011_programme_console.sql makes the same changes.
--
-- No new table: a closed campaign uses campaigns.status = 'closed' (allowed since version 6),
-- an acknowledgement in the portal uses acknowledgements.via = 'portal' (allowed since version
-- 6), and editing a person updates the people row. What the console needs is fast lookups of
-- a person's campaigns (the person page, and refusing to forget someone who has received
-- guidance) and of a unit's people by name (the unit page lists them alphabetically).

CREATE INDEX campaign_recipients_person ON campaign_recipients (person_id, campaign_id);
CREATE INDEX people_unit_name ON people (unit_code, name);
