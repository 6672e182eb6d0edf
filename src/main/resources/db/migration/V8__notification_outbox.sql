-- Alerting: what the notifications processor knows about each incident, and the outbox the dispatcher sends from.

-- processing group notifications: the incident facts a notification quotes, rebuilt from the events on a replay
CREATE TABLE alerting_incident (
    incident_id VARCHAR(36)  NOT NULL,
    title       VARCHAR(200) NOT NULL,
    severity    VARCHAR(20)  NOT NULL,
    category    VARCHAR(40)  NOT NULL,
    CONSTRAINT pk_alerting_incident PRIMARY KEY (incident_id)
);

-- processing group notifications: what each containment step does, for the executed / failed notifications
CREATE TABLE alerting_containment_step (
    incident_id       VARCHAR(36)  NOT NULL,
    step_id           VARCHAR(255) NOT NULL,
    action            VARCHAR(40)  NOT NULL,
    target_type       VARCHAR(20),
    target_identifier VARCHAR(255),
    target_chain      VARCHAR(64),
    playbook          VARCHAR(255),
    CONSTRAINT pk_alerting_containment_step PRIMARY KEY (incident_id, step_id)
);

-- One row per notification (event x recipient x channel), written in the processor's transaction and kept
-- across replays: the row is the delivery's state. The id is derived from the event, the channel and the
-- recipient, so a redelivered or replayed event adds nothing. The recipient is the configured name; the address
-- is looked up when sending. next_attempt_at is when the dispatcher has work on the row next (NULL: none left).
CREATE TABLE notification_outbox (
    notification_id   VARCHAR(36)   NOT NULL,
    incident_id       VARCHAR(36)   NOT NULL,
    event_identifier  VARCHAR(255)  NOT NULL,
    kind              VARCHAR(40)   NOT NULL,
    channel           VARCHAR(20)   NOT NULL,
    recipient         VARCHAR(100)  NOT NULL,
    title             VARCHAR(200)  NOT NULL,
    severity          VARCHAR(20),
    category          VARCHAR(40),
    summary           VARCHAR(4000) NOT NULL,
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts          INTEGER       NOT NULL,
    last_attempt_at   TIMESTAMP WITH TIME ZONE,
    last_error        VARCHAR(500),
    delivered_at      TIMESTAMP WITH TIME ZONE,
    next_attempt_at   TIMESTAMP WITH TIME ZONE,
    claimed_by        VARCHAR(36),
    claimed_until     TIMESTAMP WITH TIME ZONE,
    failure_recorded  BOOLEAN       NOT NULL,
    delivery_recorded BOOLEAN       NOT NULL,
    CONSTRAINT pk_notification_outbox PRIMARY KEY (notification_id)
);

CREATE INDEX ix_notification_outbox_due ON notification_outbox (next_attempt_at);
CREATE INDEX ix_notification_outbox_incident ON notification_outbox (incident_id, occurred_at);
