-- Axon's JDBC sequenced dead-letter queue (JdbcSequencedDeadLetterQueue; docs/operations.md, "Processing failures"):
-- events a processing group could not handle after its retries, parked per group and sequence (the aggregate the
-- event belongs to, so later events of that incident wait behind it in order). The columns are those of Axon's
-- DeadLetterSchema, named in AxonStorageConfiguration's style; binary content is BYTEA as in V1, and the times are
-- text, because Axon writes and compares them as fixed-width ISO-8601 strings. The same script runs on H2 and
-- PostgreSQL. Unlike the event table this one changes: a letter is deleted once it has been handled.

CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  NOT NULL,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    time_stamp           VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT pk_dead_letter_entry PRIMARY KEY (dead_letter_id),
    -- also the index for every lookup Axon makes: by group, and by group and sequence
    CONSTRAINT uq_dead_letter_sequence_index UNIQUE (processing_group, sequence_identifier, sequence_index)
);
