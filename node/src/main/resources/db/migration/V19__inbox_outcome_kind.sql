-- Each received activity's outcome is filed by kind (HANDLED, IGNORED, REFUSED, FAILED) beside its text,
-- so that the admin view and the tests read what happened without parsing a sentence. Rows from
-- before this version keep their text; their kind is read from its prefix once, here.
ALTER TABLE inbox_outcome ADD COLUMN kind VARCHAR(8) DEFAULT 'HANDLED' NOT NULL;
UPDATE inbox_outcome SET kind = 'IGNORED'
    WHERE outcome LIKE 'ignored:%' OR outcome LIKE 'stored:%' OR outcome LIKE 'stored activity only:%';
UPDATE inbox_outcome SET kind = 'REFUSED' WHERE outcome LIKE 'refused:%';
UPDATE inbox_outcome SET kind = 'FAILED' WHERE outcome LIKE 'failed:%';
