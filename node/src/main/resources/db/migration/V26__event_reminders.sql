-- The events whose reminder the day before has been queued, so that each is reminded once
-- however often the check runs or the node restarts. Not member data: only the event and when.
CREATE CACHED TABLE event_reminder (
    event_id  VARCHAR(36) NOT NULL PRIMARY KEY,
    queued_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT event_reminder_event FOREIGN KEY (event_id) REFERENCES event (id) ON DELETE CASCADE
);
