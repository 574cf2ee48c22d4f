-- Bình Yên schema, version 8 (SQLite dialect): the awareness programme's quizzes (issue 8). The
-- PostgreSQL dialect in ../postgres/0008_quizzes.sql makes the same changes.
--
-- - quizzes: a title, a Markdown intro, a pass mark, a status (draft, open, closed) and
--   optional opening and closing times;
-- - quiz_questions: single-choice questions in order; the options of a question are one text,
--   one option per line (options are single lines), `correct` the index of the right one;
-- - quiz_attempts: one scored attempt. An anonymous attempt keeps no name: only the unit the
--   taker chose (if any); person_id is set only for a personal link. `answers` holds the chosen
--   option per question, comma-separated (-1 for none).

CREATE TABLE quizzes (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CONSTRAINT slug CHECK (length(slug) BETWEEN 1 AND 80),
  title TEXT NOT NULL CONSTRAINT title CHECK (length(title) > 0),
  intro TEXT NOT NULL DEFAULT '',
  pass_percent INTEGER NOT NULL CONSTRAINT pass_percent CHECK (pass_percent BETWEEN 0 AND 100),
  status TEXT NOT NULL CONSTRAINT status CHECK (status IN ('draft', 'open', 'closed')),
  opens_at INTEGER,
  closes_at INTEGER,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE quiz_questions (
  quiz_id INTEGER NOT NULL REFERENCES quizzes (id),
  position INTEGER NOT NULL,
  text TEXT NOT NULL CONSTRAINT text CHECK (length(text) > 0),
  options TEXT NOT NULL,
  correct INTEGER NOT NULL CONSTRAINT correct CHECK (correct >= 0),
  explanation TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (quiz_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE quiz_attempts (
  id INTEGER PRIMARY KEY,
  quiz_id INTEGER NOT NULL REFERENCES quizzes (id),
  unit_code TEXT REFERENCES units (code),
  person_id INTEGER REFERENCES people (id),
  answers TEXT NOT NULL,
  score INTEGER NOT NULL CONSTRAINT score CHECK (score >= 0),
  total INTEGER NOT NULL CONSTRAINT total CHECK (total > 0),
  passed INTEGER NOT NULL CONSTRAINT passed CHECK (passed IN (0, 1)),
  submitted_at INTEGER NOT NULL
) STRICT;
CREATE INDEX quiz_attempts_quiz ON quiz_attempts (quiz_id, id);
