-- What the delivery queue knows of each peer host: the signature style it accepts (RFC 9421 or,
-- after a refusal, draft-cavage) and its health. A host that has failed every delivery for
-- days is marked unavailable: its deliveries wait (not counted as attempts) and one probe an
-- hour is sent until it answers again, when everything waiting goes out.
CREATE CACHED TABLE peer_host (
    host              VARCHAR(300) NOT NULL PRIMARY KEY,
    cavage_first      BOOLEAN DEFAULT FALSE NOT NULL,
    failing_since     TIMESTAMP WITH TIME ZONE,
    last_error        VARCHAR(1000),
    unavailable_since TIMESTAMP WITH TIME ZONE,
    next_probe_at     TIMESTAMP WITH TIME ZONE
);

-- Releasing a host's waiting deliveries when it answers again.
CREATE INDEX delivery_host ON delivery (host, state);
