-- Requests made safe to retry with an Idempotency-Key (docs/api.md, "Idempotency"): a principal's key, the digest
-- of the request that claimed it and the 2xx answer it got, written in the same transaction as the request's own
-- changes. Rows older than incident-ledger.api.idempotency.retention are deleted.
CREATE TABLE idempotent_request (
    principal       VARCHAR(255)             NOT NULL,
    idempotency_key VARCHAR(255)             NOT NULL,
    request_digest  VARCHAR(64)              NOT NULL,
    method          VARCHAR(10)              NOT NULL,
    path            VARCHAR                  NOT NULL,
    status          INTEGER,
    content_type    VARCHAR,
    location        VARCHAR,
    body            BYTEA,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_idempotent_request PRIMARY KEY (principal, idempotency_key)
);

CREATE INDEX ix_idempotent_request_created ON idempotent_request (created_at);
