-- Federation policy set by the node's admins: blocked domains (and their subdomains), blocked
-- actors, and the allow-list used when the node federates only with chosen servers.
CREATE CACHED TABLE domain_block (
    domain      VARCHAR(300) NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE CACHED TABLE actor_block (
    actor       VARCHAR(2048) NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE CACHED TABLE allowed_domain (
    domain      VARCHAR(300) NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE CACHED TABLE node_setting (
    name        VARCHAR(64)   NOT NULL PRIMARY KEY,
    value       VARCHAR(1000) NOT NULL
);
