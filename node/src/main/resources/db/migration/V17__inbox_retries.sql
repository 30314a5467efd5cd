-- Accepted activities whose handling failed in a way that may pass (the announced object's origin
-- was down, the disk was full): tried again with backoff, and after the last attempt kept as a dead
-- letter (dead = TRUE) for an admin to see and requeue. No row here and no outcome means waiting
-- to be handled, as before.
CREATE CACHED TABLE inbox_retry (
    activity_id     VARCHAR(2048) NOT NULL PRIMARY KEY,
    attempts        INTEGER NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(1000),
    dead            BOOLEAN DEFAULT FALSE NOT NULL,
    CONSTRAINT inbox_retry_activity FOREIGN KEY (activity_id) REFERENCES inbox_activity (activity_id) ON DELETE CASCADE
);
CREATE INDEX inbox_retry_due ON inbox_retry (dead, next_attempt_at);
