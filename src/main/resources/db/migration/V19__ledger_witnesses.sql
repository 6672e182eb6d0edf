-- Witness cosignatures of the log's checkpoints (C2SP tlog-witness, tlog-cosignature; docs/ledger-witnessing.md).
-- A cosignature is kept as the exact signature line the witness returned, after it was verified with the witness's
-- configured key against the checkpoint of that tree size. Cosignatures are only ever added.

CREATE TABLE ledger_cosignature (
    tree_size     BIGINT        NOT NULL,
    witness_name  VARCHAR(255)  NOT NULL,
    key_id        BIGINT        NOT NULL,
    cosigned_at   BIGINT        NOT NULL,
    line          VARCHAR(1000) NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ledger_cosignature PRIMARY KEY (tree_size, witness_name, key_id)
);

-- What the log knows of each witness: the size of the newest checkpoint the witness cosigned for this log (the
-- "old size" of the next request), and how the last request went.
CREATE TABLE ledger_witness (
    witness_name    VARCHAR(255)  NOT NULL,
    key_id          BIGINT        NOT NULL,
    cosigned_size   BIGINT        NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    last_success_at TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000),
    CONSTRAINT pk_ledger_witness PRIMARY KEY (witness_name, key_id)
);

-- Evidence of a split view: a checkpoint signed with the log's key, held by a witness, that this log's history does
-- not extend. Kept with the witness's answer, for whoever investigates the incident it opened.
CREATE TABLE ledger_witness_conflict (
    witness_name      VARCHAR(255)  NOT NULL,
    key_id            BIGINT        NOT NULL,
    witness_size      BIGINT        NOT NULL,
    witness_note      VARCHAR(8000) NOT NULL,
    log_size          BIGINT        NOT NULL,
    log_root          BYTEA,
    detail            VARCHAR(1000) NOT NULL,
    found_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ledger_witness_conflict PRIMARY KEY (witness_name, key_id, witness_size)
);
