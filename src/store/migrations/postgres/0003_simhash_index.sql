-- Bình Yên schema, version 3 (PostgreSQL dialect): no change.
--
-- Version 3 moves the SQLite store's simhash band index into memory (see
-- ../sqlite/0003_simhash_index.sql). PostgreSQL keeps report_simhash_bands: several servers
-- share one database, and sequence values are not committed in order, so an in-process index
-- could not be caught up by id. This file keeps the two dialects' version numbers in step.
SELECT 1;
