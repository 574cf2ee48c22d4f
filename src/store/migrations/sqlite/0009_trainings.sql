-- Bình Yên schema, version 9 (SQLite dialect): the awareness programme, trainings (issue 8):
-- training sessions with their materials and invitations, and who attended. The PostgreSQL
-- dialect in ../postgres/0009_trainings.sql makes the same changes.
--
-- - trainings: a session with date, place and trainer; status scheduled / held / cancelled;
-- - training_materials: documents handed out (title and an http(s) link), in order;
-- - training_units / training_people: who is invited (units include their child units; the
--   invitees are resolved when asked, so people added to a unit before the session count);
-- - training_attendance: one row per person who came (the first check-in is kept), plus
--   walk-ins whose typed name matched nobody of their unit (person_id NULL).

CREATE TABLE trainings (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CONSTRAINT title CHECK (length(title) > 0),
  description TEXT NOT NULL DEFAULT '',
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL CONSTRAINT ends_at CHECK (ends_at > starts_at),
  place TEXT NOT NULL CONSTRAINT place CHECK (length(place) > 0),
  trainer TEXT NOT NULL CONSTRAINT trainer CHECK (length(trainer) > 0),
  status TEXT NOT NULL CONSTRAINT status CHECK (status IN ('scheduled', 'held', 'cancelled')),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX trainings_starts ON trainings (starts_at, id);

CREATE TABLE training_materials (
  training_id INTEGER NOT NULL REFERENCES trainings (id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL CONSTRAINT title CHECK (length(title) > 0),
  url TEXT NOT NULL CONSTRAINT url CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
  PRIMARY KEY (training_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE training_units (
  training_id INTEGER NOT NULL REFERENCES trainings (id),
  unit_code TEXT NOT NULL REFERENCES units (code),
  PRIMARY KEY (training_id, unit_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE training_people (
  training_id INTEGER NOT NULL REFERENCES trainings (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  PRIMARY KEY (training_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE training_attendance (
  id INTEGER PRIMARY KEY,
  training_id INTEGER NOT NULL REFERENCES trainings (id),
  person_id INTEGER REFERENCES people (id),
  unit_code TEXT NOT NULL REFERENCES units (code),
  name TEXT NOT NULL CONSTRAINT name CHECK (length(name) > 0),
  checked_in_at INTEGER NOT NULL,
  via TEXT NOT NULL CONSTRAINT via CHECK (via IN ('link', 'walk_in', 'manual'))
) STRICT;
CREATE UNIQUE INDEX training_attendance_person ON training_attendance (training_id, person_id);
CREATE INDEX training_attendance_of_person ON training_attendance (person_id, training_id);
CREATE INDEX training_attendance_unit ON training_attendance (unit_code, training_id);
