-- Campaigns this node publishes (normally the national node).
CREATE CACHED TABLE campaign (
    id              VARCHAR(36)    NOT NULL PRIMARY KEY,
    title           VARCHAR(200)   NOT NULL,
    summary         VARCHAR(1000),
    markdown        VARCHAR(65536) NOT NULL,
    content         VARCHAR(262144) NOT NULL,
    call_to_action  VARCHAR(500),
    hashtag         VARCHAR(100),
    suggested       VARCHAR(200),
    starts_on       DATE           NOT NULL,
    ends_on         DATE           NOT NULL,
    status          VARCHAR(8)     NOT NULL,
    published       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT campaign_status CHECK (status IN ('open', 'ended')),
    CONSTRAINT campaign_dates CHECK (ends_on >= starts_on)
);

-- Its goals: "events" and "participants" count themselves from linked events; "reported" ones add
-- up what branches report.
CREATE CACHED TABLE campaign_goal (
    campaign_id  VARCHAR(36)  NOT NULL,
    position     INTEGER      NOT NULL,
    label        VARCHAR(200) NOT NULL,
    target       INTEGER      NOT NULL,
    metric       VARCHAR(16)  NOT NULL,
    CONSTRAINT campaign_goal_pk PRIMARY KEY (campaign_id, position),
    CONSTRAINT campaign_goal_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id),
    CONSTRAINT campaign_goal_metric CHECK (metric IN ('events', 'participants', 'reported'))
);

CREATE CACHED TABLE campaign_resource (
    campaign_id  VARCHAR(36)   NOT NULL,
    position     INTEGER       NOT NULL,
    name         VARCHAR(200)  NOT NULL,
    url          VARCHAR(2048) NOT NULL,
    CONSTRAINT campaign_resource_pk PRIMARY KEY (campaign_id, position),
    CONSTRAINT campaign_resource_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
);

-- Branches that took a campaign up, from their verified Join; withdrawn_at set by their Leave.
CREATE CACHED TABLE campaign_adoption (
    campaign_id   VARCHAR(36)   NOT NULL,
    branch        VARCHAR(2048) NOT NULL,
    branch_name   VARCHAR(200),
    join_id       VARCHAR(2048) NOT NULL,
    adopted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawn_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT campaign_adoption_pk PRIMARY KEY (campaign_id, branch),
    CONSTRAINT campaign_adoption_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
);

-- Events branches linked to a campaign, as their own signed Create/Update said last.
CREATE CACHED TABLE campaign_event (
    event         VARCHAR(2048) NOT NULL PRIMARY KEY,
    campaign_id   VARCHAR(36)   NOT NULL,
    branch        VARCHAR(2048) NOT NULL,
    name          VARCHAR(500)  NOT NULL,
    starts_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    participants  INTEGER       DEFAULT 0 NOT NULL,
    cancelled     BOOLEAN       DEFAULT FALSE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT campaign_event_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
);
CREATE INDEX campaign_event_by_campaign ON campaign_event (campaign_id, starts_at);

-- Campaigns of other nodes this branch adopted: where the owner's inbox is, and the Join sent.
CREATE CACHED TABLE adopted_campaign (
    campaign     VARCHAR(2048) NOT NULL PRIMARY KEY,
    owner        VARCHAR(2048) NOT NULL,
    owner_inbox  VARCHAR(2048) NOT NULL,
    join_id      VARCHAR(2048) NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    adopted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT adopted_campaign_state CHECK (state IN ('adopted', 'withdrawn'))
);

-- Received objects as their owner signed them (with the FEP-8b32 proof), so that a branch can
-- relay a campaign in an Announce that a third node verifies without asking the owner.
ALTER TABLE remote_object ADD COLUMN signed_body VARCHAR(1048576);

-- What adopting branches report on goals that do not count themselves: each branch's latest
-- signed report per goal; progress is their sum over branches that still have the campaign.
CREATE CACHED TABLE campaign_report (
    campaign_id  VARCHAR(36)   NOT NULL,
    position     INTEGER       NOT NULL,
    branch       VARCHAR(2048) NOT NULL,
    amount       INTEGER       NOT NULL,
    reported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT campaign_report_pk PRIMARY KEY (campaign_id, position, branch),
    CONSTRAINT campaign_report_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id),
    CONSTRAINT campaign_report_amount CHECK (amount >= 0)
);
