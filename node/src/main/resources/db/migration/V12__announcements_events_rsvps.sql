-- Announcements become editable and deletable: the organiser's Markdown is kept beside the HTML
-- rendered from it; a deleted announcement stays as a row so its IRI answers 410 (Tombstone).
ALTER TABLE announcement ADD COLUMN markdown VARCHAR(65536);
ALTER TABLE announcement ADD COLUMN updated TIMESTAMP WITH TIME ZONE;
ALTER TABLE announcement ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;

-- The branch's events. Times are instants; the zone is kept so pages and calendars show local time.
CREATE CACHED TABLE event (
    id             VARCHAR(36)    NOT NULL PRIMARY KEY,
    name           VARCHAR(200)   NOT NULL,
    markdown       VARCHAR(65536) NOT NULL,
    content        VARCHAR(262144) NOT NULL,
    start_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    end_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    timezone       VARCHAR(64)    NOT NULL,
    place_name     VARCHAR(200),
    place_address  VARCHAR(500),
    latitude       DOUBLE,
    longitude      DOUBLE,
    online_url     VARCHAR(2048),
    capacity       INTEGER,
    join_mode      VARCHAR(16)    NOT NULL,
    category       VARCHAR(16)    NOT NULL,
    campaign       VARCHAR(2048),
    status         VARCHAR(16)    NOT NULL,
    published      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated        TIMESTAMP WITH TIME ZONE,
    deleted_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT event_join_mode CHECK (join_mode IN ('free', 'restricted')),
    CONSTRAINT event_status CHECK (status IN ('CONFIRMED', 'CANCELLED')),
    CONSTRAINT event_times CHECK (end_time >= start_time),
    CONSTRAINT event_capacity CHECK (capacity IS NULL OR capacity > 0)
);
CREATE INDEX event_start ON event (start_time, id);

-- Who comes to the branch's events: a local member (member_id) or a remote actor (actor, with
-- the inbox that gets the answer and the public name their server published). An erased
-- member's RSVP keeps its place in the count and loses the link to them.
CREATE CACHED TABLE event_rsvp (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    event_id      VARCHAR(36)   NOT NULL,
    member_id     BIGINT,
    actor         VARCHAR(2048),
    actor_inbox   VARCHAR(2048),
    actor_name    VARCHAR(200),
    join_id       VARCHAR(2048),
    state         VARCHAR(16)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT event_rsvp_event FOREIGN KEY (event_id) REFERENCES event (id),
    CONSTRAINT event_rsvp_member UNIQUE (event_id, member_id),
    CONSTRAINT event_rsvp_actor UNIQUE (event_id, actor),
    CONSTRAINT event_rsvp_state CHECK (state IN ('accepted', 'pending', 'rejected', 'withdrawn'))
);
CREATE INDEX event_rsvp_by_member ON event_rsvp (member_id);

-- A member's opt-in public face: a Person actor with a handle and the display name they chose to
-- publish, nothing else from their record; its key signs their Joins to other branches.
CREATE CACHED TABLE public_profile (
    member_id     BIGINT        NOT NULL PRIMARY KEY,
    handle        VARCHAR(64)   NOT NULL,
    display_name  VARCHAR(200)  NOT NULL,
    public_pem    VARCHAR(2000) NOT NULL,
    private_pem   VARCHAR(4000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT public_profile_handle UNIQUE (handle)
);

-- RSVPs the branch's members sent to other branches' events, and how they were answered.
CREATE CACHED TABLE outgoing_rsvp (
    join_id       VARCHAR(2048) NOT NULL PRIMARY KEY,
    member_id     BIGINT        NOT NULL,
    event         VARCHAR(2048) NOT NULL,
    event_owner   VARCHAR(2048) NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT outgoing_rsvp_once UNIQUE (member_id, event),
    CONSTRAINT outgoing_rsvp_state CHECK (state IN ('pending', 'accepted', 'rejected', 'withdrawn'))
);

-- The branches a member reads in their feed; the branch itself follows each once.
CREATE CACHED TABLE member_subscription (
    member_id     BIGINT        NOT NULL,
    actor         VARCHAR(2048) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT member_subscription_pk PRIMARY KEY (member_id, actor)
);

-- Received content: sanitised HTML and the fields the feed sorts and shows, read off the body once.
ALTER TABLE remote_object ADD COLUMN name VARCHAR(500);
ALTER TABLE remote_object ADD COLUMN safe_html VARCHAR(1048576);
ALTER TABLE remote_object ADD COLUMN starts_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE remote_object ADD COLUMN url VARCHAR(2048);
CREATE INDEX remote_object_received ON remote_object (received_at);

-- Who signs a delivery: null for the branch Group, else a member's public profile handle.
ALTER TABLE delivery ADD COLUMN sign_as VARCHAR(64);

-- Inbox retention: handled activities older than the dedupe window are deleted by received time.
CREATE INDEX inbox_activity_received ON inbox_activity (received_at);
