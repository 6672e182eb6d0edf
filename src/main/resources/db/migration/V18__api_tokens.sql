-- the API tokens machines sign in with (docs/api-tokens.md): one row per token, written by the api-tokens
-- projection in the same transaction as the token's events, and read by every node into memory. secret_hash is the
-- keyed hash of the secret (HMAC-SHA-256 under a key kept outside the database); the secret itself is stored nowhere.
-- Free text is unbounded, as in every view (V16); keys, hashes and enum names are bounded.

CREATE TABLE api_token (
    token_id          VARCHAR(16)   NOT NULL,
    name              VARCHAR       NOT NULL,
    role              VARCHAR(20)   NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE,
    secret_hash       VARCHAR(64)   NOT NULL,
    hash_key_id       VARCHAR(16)   NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by        VARCHAR       NOT NULL,
    revoked_at        TIMESTAMP WITH TIME ZONE,
    revoked_by        VARCHAR,
    revocation_reason VARCHAR,
    -- the sequence number of the token's last event applied here
    version           BIGINT        NOT NULL,
    CONSTRAINT pk_api_token PRIMARY KEY (token_id)
);

-- one row, counted up with every change of api_token: each node polls it and re-reads the tokens when it moved
CREATE TABLE api_token_changes (
    id      INTEGER NOT NULL,
    version BIGINT  NOT NULL,
    CONSTRAINT pk_api_token_changes PRIMARY KEY (id)
);

INSERT INTO api_token_changes (id, version) VALUES (1, 0);
