-- When an event's RSVP poll was closed on the wire: the Update(Question) with closed goes once,
-- when the event starts (a sweep), so that Mastodon shows it closed. Events that started or were
-- deleted before this migration had no poll sent, or no need of a close: marked closed already,
-- so that the first sweep does not send an Update for every past event.
ALTER TABLE event ADD COLUMN poll_closed_at TIMESTAMP WITH TIME ZONE;
UPDATE event SET poll_closed_at = start_time WHERE start_time <= CURRENT_TIMESTAMP OR deleted_at IS NOT NULL;
CREATE INDEX event_poll_open ON event (poll_closed_at, start_time);
