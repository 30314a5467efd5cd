-- Consultations and their ballots (issue 19). docs/decisions/0004-ballot-secrecy.md is the design.
--
-- A consultation on this node: its question, options, method and times. The electorate's size is
-- written when it is frozen (at the opening); the certificate columns when it is counted at the
-- close, after which its individual ballots are deleted.
CREATE CACHED TABLE consultation (
    id                 VARCHAR(36)    PRIMARY KEY,
    title              VARCHAR(200)   NOT NULL,
    markdown           VARCHAR(65536) NOT NULL,
    method             VARCHAR(16)    NOT NULL,
    max_choices        INTEGER,
    seats              INTEGER,
    kind               VARCHAR(16)    NOT NULL,
    opens_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    closes_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    electorate_cutoff  TIMESTAMP WITH TIME ZONE NOT NULL,
    quorum             DECIMAL(5, 4),
    created_by         BIGINT,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    electorate         INTEGER,
    frozen_at          TIMESTAMP WITH TIME ZONE,
    certified_at       TIMESTAMP WITH TIME ZONE,
    certified_ballots  BIGINT,
    receipts_hash      VARCHAR(64),
    ballots_deleted_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT consultation_method CHECK (method IN ('single', 'approval', 'ranked')),
    CONSTRAINT consultation_kind CHECK (kind IN ('advisory', 'binding')),
    CONSTRAINT consultation_by FOREIGN KEY (created_by) REFERENCES member (id) ON DELETE SET NULL
);
CREATE INDEX consultation_closes ON consultation (closes_at);

CREATE CACHED TABLE consultation_option (
    consultation_id VARCHAR(36)  NOT NULL,
    position        INTEGER      NOT NULL,
    name            VARCHAR(200) NOT NULL,
    PRIMARY KEY (consultation_id, position),
    CONSTRAINT consultation_option_of FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE
);

-- Who may vote, and who did: one row per elector, written all at once when the electorate is
-- frozen, in member order; voting sets voted_on to the day (never a time). A member table: read
-- only by storage.ElectorateStore, erased with the member. Nothing here names a ballot.
--
-- MEMORY, not CACHED: on disk its rows exist only in the .script, which every CHECKPOINT rewrites
-- in primary-key order, and in the redo .log until that checkpoint; a cached table would also keep
-- them in the .data file in the order they were written, which is the order people voted in.
CREATE MEMORY TABLE consultation_elector (
    consultation_id VARCHAR(36) NOT NULL,
    member_id       BIGINT      NOT NULL,
    voted_on        DATE,
    PRIMARY KEY (consultation_id, member_id),
    CONSTRAINT consultation_elector_of FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE,
    CONSTRAINT consultation_elector_member FOREIGN KEY (member_id) REFERENCES member (id) ON DELETE CASCADE
);

-- The ballots of a consultation still open (or closed but not yet counted): only what the count
-- needs (the ranking of option positions, e.g. '2,0,1') and what lets the voter find their ballot
-- (the SHA-256 of the receipt code they were shown; the code itself is never stored). No member,
-- no time, no sequence number: the key is the receipt's hash, random, so key order says nothing.
-- MEMORY for the reason given above. Read only by storage.BallotStore.
CREATE MEMORY TABLE consultation_ballot (
    consultation_id VARCHAR(36) NOT NULL,
    receipt_hash    VARCHAR(64) NOT NULL,
    ranking         VARCHAR(400) NOT NULL,
    PRIMARY KEY (consultation_id, receipt_hash),
    CONSTRAINT consultation_ballot_of FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE
);

-- What the close keeps once the ballots are deleted: the count of each distinct ranking (the
-- result is recounted from these, exactly) and the receipts' hashes (voters check theirs).
CREATE CACHED TABLE consultation_tally (
    consultation_id VARCHAR(36)  NOT NULL,
    ranking         VARCHAR(400) NOT NULL,
    ballots         BIGINT       NOT NULL,
    PRIMARY KEY (consultation_id, ranking),
    CONSTRAINT consultation_tally_of FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE
);

CREATE CACHED TABLE consultation_receipt (
    consultation_id VARCHAR(36) NOT NULL,
    receipt_hash    VARCHAR(64) NOT NULL,
    PRIMARY KEY (consultation_id, receipt_hash),
    CONSTRAINT consultation_receipt_of FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE
);
