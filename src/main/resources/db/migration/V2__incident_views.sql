-- Query-side views of incidents. Projections own these tables and rebuild them from the events on a replay.

-- processing group incident-register
CREATE TABLE incident_register (
    incident_id        VARCHAR(36)   NOT NULL,
    title              VARCHAR(200)  NOT NULL,
    description        VARCHAR(10000),
    status             VARCHAR(20)   NOT NULL,
    severity           VARCHAR(20)   NOT NULL,
    category           VARCHAR(40)   NOT NULL,
    source             VARCHAR(20)   NOT NULL,
    occurred_at        TIMESTAMP WITH TIME ZONE,
    detected_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    classified_at      TIMESTAMP WITH TIME ZONE,
    contained_at       TIMESTAMP WITH TIME ZONE,
    eradicated_at      TIMESTAMP WITH TIME ZONE,
    recovered_at       TIMESTAMP WITH TIME ZONE,
    resolved_at        TIMESTAMP WITH TIME ZONE,
    closed_at          TIMESTAMP WITH TIME ZONE,
    resolution_summary VARCHAR(10000),
    dismissal_reason   VARCHAR(10000),
    reported_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    reported_by        VARCHAR(255)  NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT        NOT NULL,
    CONSTRAINT pk_incident_register PRIMARY KEY (incident_id)
);

CREATE INDEX ix_incident_register_reported ON incident_register (reported_at DESC, incident_id);
CREATE INDEX ix_incident_register_status ON incident_register (status);

CREATE TABLE incident_affected_asset (
    incident_id VARCHAR(36)  NOT NULL,
    position    INTEGER      NOT NULL,
    asset_type  VARCHAR(20)  NOT NULL,
    identifier  VARCHAR(255) NOT NULL,
    chain       VARCHAR(64),
    CONSTRAINT pk_incident_affected_asset PRIMARY KEY (incident_id, position)
);

CREATE TABLE incident_assignee (
    incident_id VARCHAR(36)  NOT NULL,
    role        VARCHAR(20)  NOT NULL,
    assignee    VARCHAR(255) NOT NULL,
    assigned_at TIMESTAMP WITH TIME ZONE NOT NULL,
    assigned_by VARCHAR(255) NOT NULL,
    CONSTRAINT pk_incident_assignee PRIMARY KEY (incident_id, role, assignee)
);

CREATE TABLE incident_evidence (
    incident_id VARCHAR(36)   NOT NULL,
    sha256      VARCHAR(64)   NOT NULL,
    name        VARCHAR(255)  NOT NULL,
    location    VARCHAR(2000) NOT NULL,
    description VARCHAR(10000),
    attached_at TIMESTAMP WITH TIME ZONE NOT NULL,
    attached_by VARCHAR(255)  NOT NULL,
    CONSTRAINT pk_incident_evidence PRIMARY KEY (incident_id, sha256)
);

CREATE TABLE incident_containment_action (
    incident_id       VARCHAR(36)  NOT NULL,
    sequence_number   BIGINT       NOT NULL,
    action            VARCHAR(40)  NOT NULL,
    target_type       VARCHAR(20),
    target_identifier VARCHAR(255),
    target_chain      VARCHAR(64),
    description       VARCHAR(10000),
    performed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by       VARCHAR(255) NOT NULL,
    CONSTRAINT pk_incident_containment_action PRIMARY KEY (incident_id, sequence_number)
);

CREATE TABLE incident_review (
    incident_id     VARCHAR(36)    NOT NULL,
    root_cause      VARCHAR(10000) NOT NULL,
    lessons_learned VARCHAR(10000) NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by     VARCHAR(255)   NOT NULL,
    CONSTRAINT pk_incident_review PRIMARY KEY (incident_id)
);

CREATE TABLE incident_review_action_item (
    incident_id VARCHAR(36)   NOT NULL,
    position    INTEGER       NOT NULL,
    description VARCHAR(2000) NOT NULL,
    CONSTRAINT pk_incident_review_action_item PRIMARY KEY (incident_id, position)
);

-- processing group incident-timeline
CREATE TABLE incident_timeline (
    incident_id     VARCHAR(36)    NOT NULL,
    sequence_number BIGINT         NOT NULL,
    event_id        VARCHAR(255)   NOT NULL,
    event_type      VARCHAR(100)   NOT NULL,
    summary         VARCHAR(12000) NOT NULL,
    actor           VARCHAR(255)   NOT NULL,
    actor_type      VARCHAR(20)    NOT NULL,
    actor_roles     VARCHAR(255)   NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_incident_timeline PRIMARY KEY (incident_id, sequence_number)
);
