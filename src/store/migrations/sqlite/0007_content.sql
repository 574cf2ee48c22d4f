-- Bình Yên schema, version 7 (SQLite dialect): the awareness programme's content (issue 8):
-- articles in Markdown and pledges to the code of conduct. The PostgreSQL dialect in
-- ../postgres/0007_content.sql makes the same changes.
--
-- - articles: category and audiences are fixed sets (domain/article.h); audiences is a bit set
--   (1 << audience: officials 1, students 2, elderly 4, businesses 8), so "written for the
--   elderly" is one test on one column in both databases; published_at is set exactly when the
--   article is published;
-- - the code of conduct is an article of category 'code-of-conduct' (its newest published one
--   is the current version), so it is written, previewed and published like any article;
-- - pledges: who promised to follow which version of the code of conduct. Minimal personal
--   data: a name, a unit and a position; no phone, no email. A pledge made through a personal
--   link names its person, once per version at most.

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CONSTRAINT slug CHECK (length(slug) BETWEEN 1 AND 120),
  title TEXT NOT NULL CONSTRAINT title CHECK (length(title) > 0),
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL CONSTRAINT body CHECK (length(body) > 0),
  category TEXT NOT NULL CONSTRAINT category
    CHECK (category IN ('scam-alert', 'law', 'guidance', 'code-of-conduct')),
  audiences INTEGER NOT NULL CONSTRAINT audiences CHECK (audiences BETWEEN 1 AND 15),
  status TEXT NOT NULL CONSTRAINT status CHECK (status IN ('draft', 'published')),
  author_id INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  published_at INTEGER,
  CONSTRAINT published_at CHECK ((status = 'published') = (published_at IS NOT NULL))
) STRICT;
CREATE INDEX articles_published ON articles (status, published_at, id);
CREATE INDEX articles_updated ON articles (updated_at, id);

CREATE TABLE pledges (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id),
  name TEXT NOT NULL CONSTRAINT name CHECK (length(name) > 0),
  unit_code TEXT NOT NULL REFERENCES units (code),
  position TEXT NOT NULL DEFAULT '',
  person_id INTEGER REFERENCES people (id),
  via TEXT NOT NULL CONSTRAINT via CHECK (via IN ('form', 'link')),
  signed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX pledges_article ON pledges (article_id, id);
CREATE INDEX pledges_article_unit ON pledges (article_id, unit_code);
CREATE UNIQUE INDEX pledges_person ON pledges (article_id, person_id) WHERE person_id IS NOT NULL;
