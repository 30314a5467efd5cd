-- One row that /health writes (at most every few seconds): a node whose database answers but
-- cannot write (a full disk) is not healthy, and says so until writing works again.
CREATE CACHED TABLE health_probe (
    id          INTEGER NOT NULL PRIMARY KEY,
    checked_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO health_probe (id, checked_at) VALUES (1, CURRENT_TIMESTAMP);
