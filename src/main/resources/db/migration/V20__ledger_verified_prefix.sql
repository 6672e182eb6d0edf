-- Verification that scales (docs/ledger-verification.md). Working tables, updated on purpose: unlike the ledger's
-- own tables they are not append-only on PostgreSQL (db/vendor/postgresql/V4__append_only_ledger.sql does not cover
-- them), and nothing in them is evidence: they only say how far the background verifier and the admitter have got.

-- The verified prefix: one row, written by the background verifier after an intact pass. The log up to log_size
-- leaves (always the size of the signed checkpoint checkpoint_note, which it verified) has the root root_hash, and
-- frontier holds the hashes of the perfect subtrees that tile those leaves (MerkleTree.frontier, 32 bytes each, left
-- to right), from which the root of every later size is computed without reading an older leaf. Every event up to
-- global_index is verified: its chain up to its aggregate's head in ledger_verified_head. version is bumped by each
-- write, so that of two verifiers the slower one does not put an older prefix back.
CREATE TABLE ledger_verified_prefix (
    id              INTEGER NOT NULL,
    version         BIGINT  NOT NULL,
    log_size        BIGINT  NOT NULL,
    root_hash       BYTEA   NOT NULL,
    frontier        BYTEA   NOT NULL,
    checkpoint_note VARCHAR,
    global_index    BIGINT  NOT NULL,
    verified_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    full_pass_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ledger_verified_prefix PRIMARY KEY (id),
    CONSTRAINT ck_ledger_verified_prefix_one_row CHECK (id = 1)
);

-- Each aggregate's newest verified event: the event the next one must chain onto. The identifier is unbounded like
-- the free text of the views (V16); it holds what domain_event_entry.aggregate_identifier holds.
CREATE TABLE ledger_verified_head (
    aggregate_identifier VARCHAR NOT NULL,
    sequence_number      BIGINT  NOT NULL,
    entry_hash           BYTEA   NOT NULL,
    CONSTRAINT pk_ledger_verified_head PRIMARY KEY (aggregate_identifier)
);

-- The admitter's scan mark: every global index above low_water and up to scanned_to is a leaf or one of the holes in
-- ledger_admitter_gap, and no event above scanned_to is a leaf yet. A pass then reads only the holes and the events
-- above scanned_to, however far a hole that stays open holds the low-water mark back. NULL until the first pass
-- after this migration, which finds the holes once by reading the leaves above the low-water mark.
ALTER TABLE ledger_admitter ADD COLUMN scanned_to BIGINT;

CREATE TABLE ledger_admitter_gap (
    global_index BIGINT NOT NULL,
    CONSTRAINT pk_ledger_admitter_gap PRIMARY KEY (global_index)
);
