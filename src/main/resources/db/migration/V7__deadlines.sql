-- Persistent deadlines (docs/deadlines.md): db-scheduler's table, in its documented PostgreSQL layout, with VARCHAR
-- for its TEXT columns so that the same script runs on H2, where TEXT is a large object that cannot be a key.
-- Rows are inserted when a deadline is scheduled, updated while a node runs it and deleted when it has run or is
-- cancelled: unlike the events and the log, this table is meant to change.

CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100)             NOT NULL,
    task_instance        VARCHAR(255)             NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            VARCHAR(255),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    CONSTRAINT pk_scheduled_tasks PRIMARY KEY (task_name, task_instance)
);

-- every poll looks for due rows; the dead-node check for rows whose heartbeat stopped
CREATE INDEX ix_scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX ix_scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
