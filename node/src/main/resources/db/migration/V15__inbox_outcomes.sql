-- What handling an inbox activity came to, in its own small table: recording it used to UPDATE
-- the activity's row, and HSQLDB rewrites a whole cached row on update, the activity's body
-- (up to 1 MiB) included. Measured, that was a third of the database's work in the inbox.
CREATE CACHED TABLE inbox_outcome (
    activity_id  VARCHAR(2048) NOT NULL PRIMARY KEY,
    handled_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome      VARCHAR(500)
);
CREATE INDEX inbox_outcome_handled ON inbox_outcome (handled_at);

INSERT INTO inbox_outcome (activity_id, handled_at, outcome)
    SELECT activity_id, handled_at, outcome FROM inbox_activity WHERE handled_at IS NOT NULL;

DROP INDEX inbox_activity_unhandled;
ALTER TABLE inbox_activity DROP COLUMN handled_at;
ALTER TABLE inbox_activity DROP COLUMN outcome;
