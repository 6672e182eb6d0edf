-- processing group incident-register: the detections attached to each incident, with their provenance
CREATE TABLE incident_detection (
    incident_id      VARCHAR(36)    NOT NULL,
    sequence_number  BIGINT         NOT NULL,
    source           VARCHAR(40)    NOT NULL,
    source_alert_id  VARCHAR(255),
    name             VARCHAR(255)   NOT NULL,
    description      VARCHAR(10000),
    native_severity  VARCHAR(40),
    severity         VARCHAR(20)    NOT NULL,
    category         VARCHAR(40)    NOT NULL,
    chain_id         VARCHAR(64),
    addresses        VARCHAR(10000),
    transactions     VARCHAR(10000),
    correlation_key  VARCHAR(1000)  NOT NULL,
    payload_sha256   VARCHAR(64)    NOT NULL,
    rule_id          VARCHAR(100),
    rule_version     VARCHAR(40),
    observed_at      TIMESTAMP WITH TIME ZONE,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_incident_detection PRIMARY KEY (incident_id, sequence_number)
);
