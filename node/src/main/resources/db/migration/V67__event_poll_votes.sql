-- Votes on an event's RSVP poll (a Question beside the Event, for Mastodon users, who cannot send
-- a Join): a Create(Note{name, inReplyTo: the poll}) from a fediverse actor. The RSVP itself lives
-- in event_rsvp, whose join_id is then the vote's Create id; this row says that it was a vote, so
-- that the Accept or Reject embeds the Create (as Mobilizon's embeds the Join), and counts the
-- "Not going" option of the poll. Public votes of remote actors only; members RSVP on the web.
CREATE CACHED TABLE event_poll_vote (
    vote_id     VARCHAR(2048) NOT NULL PRIMARY KEY,
    event_id    VARCHAR(36)   NOT NULL,
    actor       VARCHAR(2048) NOT NULL,
    note_id     VARCHAR(2048),
    going       BOOLEAN       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT event_poll_vote_event FOREIGN KEY (event_id) REFERENCES event (id)
);
CREATE INDEX event_poll_vote_by_event ON event_poll_vote (event_id, actor, created_at);
