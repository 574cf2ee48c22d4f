-- Bình Yên schema, version 12 (SQLite dialect): people who left their unit (issue 8): an
-- official retires, a teacher moves away. The PostgreSQL dialect in
-- ../postgres/0012_people_left.sql makes the same changes.
--
-- A person is never deleted (their acknowledgements, attendance, quiz results and pledges are
-- the record of the programme); people.left_at (Unix seconds, NULL while they belong to their
-- unit) marks them as gone, so that campaigns sent and trainings held afterwards, link sheets
-- and the counts of current people leave them out. No new index: lists of a unit's people
-- already go through people (unit_code, ...) and test left_at in the row.

ALTER TABLE people ADD COLUMN left_at INTEGER;
