-- Ballot mails (issue 19): when a consultation's electorate is frozen, each elector with an
-- address is invited with their own voting link; a day before the close, those who have not voted
-- are reminded, once. A row names its consultation so that the link (an HMAC of the member and the
-- consultation) is made when the mail goes: the text is the same for every elector, and the whole
-- roll is queued by one INSERT ... SELECT. Nothing here says how anyone voted.
ALTER TABLE mail_out ADD COLUMN consultation_id VARCHAR(36);
ALTER TABLE mail_out ADD CONSTRAINT mail_out_consultation
    FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE;
ALTER TABLE mail_out ADD CONSTRAINT mail_out_ballot_once UNIQUE (consultation_id, member_id, kind);
ALTER TABLE consultation ADD COLUMN reminded_at TIMESTAMP WITH TIME ZONE;
