-- Content received from actors the branch follows (notes, articles, events), kept as the JSON the
-- owner's server vouched for. The announcements and events work builds the member feed on it.
CREATE CACHED TABLE remote_object (
    id             VARCHAR(2048) NOT NULL PRIMARY KEY,
    type           VARCHAR(64)   NOT NULL,
    attributed_to  VARCHAR(2048) NOT NULL,
    body           VARCHAR(1048576) NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX remote_object_author ON remote_object (attributed_to);
