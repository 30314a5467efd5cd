-- A full event's waiting list: an RSVP that finds no place is kept as 'waitlisted' instead of
-- refused, and the first in line takes the next place that comes free. waitlist_order is its
-- number in the event's line, one more than the highest so far, given under the event's row lock:
-- times can tie, a counter per event cannot, and a row reused by a second Join after a Leave
-- goes to the back of the line whatever its created_at.
ALTER TABLE event_rsvp DROP CONSTRAINT event_rsvp_state;
ALTER TABLE event_rsvp ADD CONSTRAINT event_rsvp_state
    CHECK (state IN ('accepted', 'pending', 'rejected', 'withdrawn', 'waitlisted'));
ALTER TABLE event_rsvp ADD COLUMN waitlist_order BIGINT;
CREATE INDEX event_rsvp_by_event_state ON event_rsvp (event_id, state, waitlist_order);
