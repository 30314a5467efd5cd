-- Follows of the branch waiting for an admin's approval (when approval is manual).
CREATE CACHED TABLE follow_request (
    actor        VARCHAR(2048) NOT NULL PRIMARY KEY,
    inbox        VARCHAR(2048) NOT NULL,
    shared_inbox VARCHAR(2048),
    follow_id    VARCHAR(2048) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
