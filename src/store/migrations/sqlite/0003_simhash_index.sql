-- Bình Yên schema, version 3 (SQLite dialect): the simhash band index moves into memory.
--
-- report_simhash_bands cost four random B-tree inserts per report inside the single writer; the
-- SQLite store now keeps the same index in memory, filled from reports.text_simhash
-- (src/store/sqlite/simhash_index.h, docs/adr/0003-sqlite-simhash-index-in-memory.md).
-- PostgreSQL keeps its table: several servers share one database there, and its ids are not
-- committed in order, so an in-process index could not be caught up by id.
DROP TABLE report_simhash_bands;
