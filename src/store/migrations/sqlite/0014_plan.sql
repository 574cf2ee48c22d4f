-- Bình Yên schema, version 14 (SQLite dialect): the programme's plan (issue 11): tasks to units,
-- self-assessments, the budget, periodic reviews and their reward proposals. The PostgreSQL
-- dialect in ../postgres/0014_plan.sql makes the same changes.
--
-- - tasks: what the standing office assigns to a unit ("5 rõ"), with its deadline (a day,
--   "YYYY-MM-DD", which sorts as text), status, progress and when it became done;
-- - task_updates: the progress reports on a task, each with the status and progress it set;
-- - self_assessments: a unit's answers to a version of the checklist; the answers are one text
--   column "key=answer;key=answer" in the checklist's order (keys are [a-z_], answers the
--   names of domain::AssessmentAnswer), the score per mille as computed by the domain;
-- - budget_lines: the money allocated to an activity of a unit, or of the town itself
--   (unit_code NULL: the store's "" for the town); budget_spending: what was spent from a line;
-- - reviews: the 6-month and annual reviews (period, document particulars); reward_proposals:
--   the edited list of reward candidates of a review. A proposal's subject_ref and unit_code
--   are text as printed ("" for none), not references: a proposal is a record of the review.
-- Money is in đồng (INTEGER), at most 10^13 per amount (domain::kMaxVnd).

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CONSTRAINT title CHECK (length(CAST(title AS BLOB)) BETWEEN 1 AND 300),
  description TEXT NOT NULL CONSTRAINT description
    CHECK (length(CAST(description AS BLOB)) <= 20000),
  unit_code TEXT NOT NULL REFERENCES units (code),
  responsible TEXT NOT NULL CONSTRAINT responsible
    CHECK (length(CAST(responsible AS BLOB)) BETWEEN 1 AND 200),
  expected_result TEXT NOT NULL CONSTRAINT expected_result
    CHECK (length(CAST(expected_result AS BLOB)) BETWEEN 1 AND 2000),
  due_on TEXT NOT NULL CONSTRAINT due_on
    CHECK (due_on GLOB '2[0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  status TEXT NOT NULL CONSTRAINT status
    CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  progress INTEGER NOT NULL CONSTRAINT progress CHECK (progress BETWEEN 0 AND 100),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  done_at INTEGER,
  CONSTRAINT done_at CHECK ((status = 'done') = (done_at IS NOT NULL))
) STRICT;
CREATE INDEX tasks_due ON tasks (due_on, id);
CREATE INDEX tasks_unit ON tasks (unit_code, due_on, id);

CREATE TABLE task_updates (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks (id),
  author_id INTEGER NOT NULL REFERENCES users (id),
  text TEXT NOT NULL CONSTRAINT text CHECK (length(CAST(text AS BLOB)) BETWEEN 1 AND 5000),
  status TEXT NOT NULL CONSTRAINT status
    CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  progress INTEGER NOT NULL CONSTRAINT progress CHECK (progress BETWEEN 0 AND 100),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX task_updates_task ON task_updates (task_id, created_at, id);

CREATE TABLE self_assessments (
  id INTEGER PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units (code),
  checklist_version TEXT NOT NULL CONSTRAINT checklist_version
    CHECK (length(checklist_version) > 0),
  answers TEXT NOT NULL CONSTRAINT answers CHECK (length(answers) > 0),
  note TEXT NOT NULL CONSTRAINT note CHECK (length(CAST(note AS BLOB)) <= 5000),
  score INTEGER NOT NULL CONSTRAINT score CHECK (score BETWEEN 0 AND 1000),
  submitted_by INTEGER NOT NULL REFERENCES users (id),
  submitted_at INTEGER NOT NULL
) STRICT;
CREATE INDEX self_assessments_unit ON self_assessments (unit_code, submitted_at, id);

CREATE TABLE budget_lines (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL CONSTRAINT year CHECK (year BETWEEN 2000 AND 2999),
  unit_code TEXT REFERENCES units (code),  -- NULL: the town's own line
  activity TEXT NOT NULL CONSTRAINT activity
    CHECK (length(CAST(activity AS BLOB)) BETWEEN 1 AND 300),
  source TEXT NOT NULL CONSTRAINT source CHECK (length(CAST(source AS BLOB)) <= 200),
  allocated INTEGER NOT NULL CONSTRAINT allocated
    CHECK (allocated BETWEEN 0 AND 10000000000000),
  note TEXT NOT NULL CONSTRAINT note CHECK (length(CAST(note AS BLOB)) <= 2000),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX budget_lines_year ON budget_lines (year, unit_code, id);

CREATE TABLE budget_spending (
  id INTEGER PRIMARY KEY,
  line_id INTEGER NOT NULL REFERENCES budget_lines (id),
  spent_on TEXT NOT NULL CONSTRAINT spent_on
    CHECK (spent_on GLOB '2[0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  amount INTEGER NOT NULL CONSTRAINT amount CHECK (amount BETWEEN 1 AND 10000000000000),
  description TEXT NOT NULL CONSTRAINT description
    CHECK (length(CAST(description AS BLOB)) BETWEEN 1 AND 500),
  voucher TEXT NOT NULL CONSTRAINT voucher CHECK (length(CAST(voucher AS BLOB)) <= 100),
  recorded_by INTEGER NOT NULL REFERENCES users (id),
  recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX budget_spending_line ON budget_spending (line_id, spent_on, id);
CREATE INDEX budget_spending_day ON budget_spending (spent_on, id);

CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('six_month', 'annual', 'other')),
  title TEXT NOT NULL CONSTRAINT title CHECK (length(CAST(title AS BLOB)) BETWEEN 1 AND 300),
  period_from TEXT NOT NULL CONSTRAINT period_from
    CHECK (period_from GLOB '2[0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  period_to TEXT NOT NULL CONSTRAINT period_to
    CHECK (period_to GLOB '2[0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND period_to >= period_from),
  superior_body TEXT NOT NULL CONSTRAINT superior_body
    CHECK (length(CAST(superior_body AS BLOB)) <= 200),
  issuing_body TEXT NOT NULL CONSTRAINT issuing_body
    CHECK (length(CAST(issuing_body AS BLOB)) BETWEEN 1 AND 200),
  number TEXT NOT NULL CONSTRAINT number CHECK (length(CAST(number AS BLOB)) <= 50),
  place TEXT NOT NULL CONSTRAINT place CHECK (length(CAST(place AS BLOB)) BETWEEN 1 AND 100),
  report_date TEXT NOT NULL CONSTRAINT report_date
    CHECK (report_date GLOB '2[0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  signer_authority TEXT NOT NULL CONSTRAINT signer_authority
    CHECK (length(CAST(signer_authority AS BLOB)) <= 200),
  signer_position TEXT NOT NULL CONSTRAINT signer_position
    CHECK (length(CAST(signer_position AS BLOB)) <= 200),
  signer_name TEXT NOT NULL CONSTRAINT signer_name
    CHECK (length(CAST(signer_name AS BLOB)) <= 200),
  recipients TEXT NOT NULL CONSTRAINT recipients
    CHECK (length(CAST(recipients AS BLOB)) <= 2000),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX reviews_created ON reviews (created_at, id);

CREATE TABLE reward_proposals (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES reviews (id),
  subject TEXT NOT NULL CONSTRAINT subject CHECK (subject IN ('unit', 'person', 'channel')),
  subject_ref TEXT NOT NULL CONSTRAINT subject_ref CHECK (length(CAST(subject_ref AS BLOB)) <= 64),
  subject_name TEXT NOT NULL CONSTRAINT subject_name
    CHECK (length(CAST(subject_name AS BLOB)) BETWEEN 1 AND 300),
  unit_code TEXT NOT NULL CONSTRAINT unit_code CHECK (length(CAST(unit_code AS BLOB)) <= 32),
  rank INTEGER NOT NULL CONSTRAINT rank CHECK (rank >= 1),
  basis TEXT NOT NULL CONSTRAINT basis CHECK (length(CAST(basis AS BLOB)) <= 1000),
  reason TEXT NOT NULL CONSTRAINT reason CHECK (length(CAST(reason AS BLOB)) <= 2000),
  award TEXT NOT NULL CONSTRAINT award CHECK (length(CAST(award AS BLOB)) <= 300),
  included INTEGER NOT NULL CONSTRAINT included CHECK (included IN (0, 1)),
  manual INTEGER NOT NULL CONSTRAINT manual CHECK (manual IN (0, 1)),
  updated_by INTEGER NOT NULL REFERENCES users (id),
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX reward_proposals_review ON reward_proposals (review_id, id);
