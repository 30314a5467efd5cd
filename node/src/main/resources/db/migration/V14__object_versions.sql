-- The owner's time of the copy we hold (its updated, else published): an older copy that
-- arrives after a newer one (deliveries run in parallel) does not overwrite it.
ALTER TABLE remote_object ADD COLUMN version TIMESTAMP WITH TIME ZONE;
ALTER TABLE campaign_event ADD COLUMN version TIMESTAMP WITH TIME ZONE;
