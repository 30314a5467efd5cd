-- Check-in at the door. Each tick is one update of one RSVP row (checked_in_at set or cleared),
-- never a rewrite of the list, so organisers ticking at once on several phones lose nothing. A
-- walk-in (someone who was not on the list) is a new row, accepted and checked in, walk_in TRUE;
-- one without a member record (no email given) keeps only the name the organiser typed, in
-- actor_name, and never leaves the node. After the event an accepted RSVP is attended when it is
-- checked in and a no-show when not: computed, not stored.
ALTER TABLE event_rsvp ADD COLUMN checked_in_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE event_rsvp ADD COLUMN walk_in BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX event_rsvp_attended_by_member ON event_rsvp (member_id, checked_in_at);

-- When the attended count went out after the event ended (one Update{Event} with
-- bw:attendedCount). Events already over at the upgrade are marked, so none is re-sent.
ALTER TABLE event ADD COLUMN attendance_reported_at TIMESTAMP WITH TIME ZONE;
UPDATE event SET attendance_reported_at = CURRENT_TIMESTAMP WHERE end_time <= CURRENT_TIMESTAMP;
CREATE INDEX event_attendance_due ON event (attendance_reported_at, end_time);

-- The campaign owner's copy of a linked event's attended count (bw:attendedCount), null until
-- the branch reports one.
ALTER TABLE campaign_event ADD COLUMN attended INTEGER;

-- Campaign goals may count attendance: the linked events' attended counts, summed.
ALTER TABLE campaign_goal DROP CONSTRAINT campaign_goal_metric;
ALTER TABLE campaign_goal ADD CONSTRAINT campaign_goal_metric
    CHECK (metric IN ('events', 'participants', 'reported', 'attended'));
