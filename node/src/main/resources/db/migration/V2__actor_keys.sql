-- Key pairs of the node's actors: the branch Group and the instance Application. Generated on
-- first start. RSA-2048 signs HTTP requests; Ed25519 signs object proofs (FEP-8b32).
CREATE CACHED TABLE actor_key (
    actor        VARCHAR(16)  NOT NULL,
    key_type     VARCHAR(16)  NOT NULL,
    public_pem   VARCHAR(2000) NOT NULL,
    private_pem  VARCHAR(4000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT actor_key_pk PRIMARY KEY (actor, key_type),
    CONSTRAINT actor_key_actor CHECK (actor IN ('branch', 'instance')),
    CONSTRAINT actor_key_type CHECK (key_type IN ('rsa', 'ed25519'))
);
