-- Which process has taken which delivery, and until when. A worker claims a row here before it
-- sends it, in the database rather than in memory, so that a stale list of due rows can never send
-- a delivery twice and several processes can share the queue. Kept apart from the delivery row:
-- HSQLDB rewrites a whole cached row on update, the activity's body included.
CREATE CACHED TABLE delivery_claim (
    delivery_id  BIGINT NOT NULL PRIMARY KEY,
    token        VARCHAR(64) NOT NULL,
    lease_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
