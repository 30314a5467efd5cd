-- Consultations across the network (issue 19, phase 2). docs/FEDERATION.md, "Consultations".
--
-- On a branch: a consultation received from a node the branch follows, kept as a consultation of
-- its own (so its members vote on it exactly as on the branch's own) plus where it came from: the
-- owner's Question, its actor and inbox, when the branch took it up (null: waiting for the
-- organisers; its electorate is not frozen and nobody votes until then), and the sequence number
-- of the last tally sent.
CREATE CACHED TABLE consultation_received (
    consultation_id VARCHAR(36)   PRIMARY KEY,
    question        VARCHAR(2048) NOT NULL,
    owner_actor     VARCHAR(2048) NOT NULL,
    owner_inbox     VARCHAR(2048) NOT NULL,
    owner_name      VARCHAR(200),
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    taken_up_at     TIMESTAMP WITH TIME ZONE,
    tally_sequence  BIGINT        DEFAULT 0 NOT NULL,
    CONSTRAINT consultation_received_of FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX consultation_received_question ON consultation_received (question);

-- On a branch: nodes whose consultations are taken up as they arrive (an admin's setting).
CREATE CACHED TABLE consultation_auto_take_up (
    actor    VARCHAR(2048) PRIMARY KEY,
    added_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- On the owner: the branches that took part (their Join of the Question), and the latest signed
-- tally of each: its figures, and the tally object exactly as received, with its proof, which
-- anyone may download and check (/consultations/{uuid}/tallies.json). Counts only: a tally names
-- nobody.
CREATE CACHED TABLE consultation_branch (
    consultation_id VARCHAR(36)   NOT NULL,
    actor           VARCHAR(2048) NOT NULL,
    joined_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    tally_sequence  BIGINT,
    tally_updated   TIMESTAMP WITH TIME ZONE,
    tally_final     BOOLEAN       DEFAULT FALSE NOT NULL,
    electorate      BIGINT,
    ballots         BIGINT,
    receipts_hash   VARCHAR(64),
    counts          VARCHAR(1048576),
    signed          VARCHAR(2097152),
    PRIMARY KEY (consultation_id, actor),
    CONSTRAINT consultation_branch_of FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE
);

-- On the owner: fediverse votes (a Note with name = an option, inReplyTo = the Question), public
-- and advisory, one per actor (for anyOf, one per actor and option), counted apart from members'.
CREATE CACHED TABLE consultation_public_vote (
    consultation_id VARCHAR(36)   NOT NULL,
    actor           VARCHAR(2048) NOT NULL,
    position        INTEGER       NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consultation_id, actor, position),
    CONSTRAINT consultation_public_vote_of FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE
);
