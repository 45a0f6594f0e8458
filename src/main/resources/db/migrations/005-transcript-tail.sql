-- Migration 4 -> 5: a cursor also remembers the bytes just before its offset (issue 10).

-- A file rewritten with the same first 4 KiB but changed lines before the cursor used to pass as
-- "grown": the new lines were read, the changed ones lost. The hash of the last up to 4 KiB read
-- catches a rewrite anywhere near the end, where a writer changes a file. NULL for cursors stored
-- before this version: their next import checks the head only, then stores a tail hash.
ALTER TABLE transcript_files ADD COLUMN tail_hash TEXT;
