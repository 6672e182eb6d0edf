-- The Merkle log over all events (docs/ledger-format.md). Leaves are admitted in the order the admitter sees
-- committed events; leaf data is the event's entry hash. ledger_node holds the hash of every complete subtree, so
-- that roots and proofs take O(log n) reads. Signed checkpoints are kept as the exact note text that was signed.

CREATE TABLE ledger_leaf (
    leaf_index           BIGINT       NOT NULL,
    global_index         BIGINT       NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    entry_hash           BYTEA        NOT NULL,
    admitted_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ledger_leaf PRIMARY KEY (leaf_index),
    CONSTRAINT uq_ledger_leaf_global_index UNIQUE (global_index),
    CONSTRAINT uq_ledger_leaf_event UNIQUE (event_identifier)
);

CREATE INDEX ix_ledger_leaf_aggregate ON ledger_leaf (aggregate_identifier, sequence_number);

CREATE TABLE ledger_node (
    level      INTEGER NOT NULL,
    node_index BIGINT  NOT NULL,
    hash       BYTEA   NOT NULL,
    CONSTRAINT pk_ledger_node PRIMARY KEY (level, node_index)
);

CREATE TABLE ledger_checkpoint (
    tree_size  BIGINT        NOT NULL,
    root_hash  BYTEA         NOT NULL,
    note       VARCHAR(4000) NOT NULL,
    signed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ledger_checkpoint PRIMARY KEY (tree_size)
);

-- One row: the admitter's lock (taken FOR UPDATE by whichever node admits) and its low-water mark, the global
-- index at and below which every event is admitted or known never to exist.
CREATE TABLE ledger_admitter (
    id        INTEGER NOT NULL,
    low_water BIGINT  NOT NULL,
    CONSTRAINT pk_ledger_admitter PRIMARY KEY (id)
);

INSERT INTO ledger_admitter (id, low_water) VALUES (1, 0);
