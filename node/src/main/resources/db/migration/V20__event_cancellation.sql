-- Why an event was called off, in the organiser's words, shown on its page (and, once the mail
-- issue lands, mailed to attendees). Apart from the event row: most events are never cancelled.
CREATE CACHED TABLE event_cancellation (
    event_id     VARCHAR(36)   NOT NULL PRIMARY KEY,
    reason       VARCHAR(1000) NOT NULL,
    cancelled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT event_cancellation_event FOREIGN KEY (event_id) REFERENCES event (id)
);
