-- The reminder the day before is recorded per RSVP, not per event: marking the event meant that
-- an event published less than a day ahead was marked at once, with nobody to remind yet, and
-- that whoever answered after the mark was never reminded. The RSVPs of events already reminded
-- keep that mark, so nobody gets a second reminder after the upgrade.
ALTER TABLE event_rsvp ADD COLUMN reminded_at TIMESTAMP WITH TIME ZONE;
UPDATE event_rsvp SET reminded_at = (SELECT r.queued_at FROM event_reminder r WHERE r.event_id = event_rsvp.event_id)
    WHERE EXISTS (SELECT 1 FROM event_reminder r WHERE r.event_id = event_rsvp.event_id);
DROP TABLE event_reminder;
