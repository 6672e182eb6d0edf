-- processing group incident-register: the labels a detector put on entities, per detection (DetectionAttached),
-- in the order the detector gave them
CREATE TABLE incident_detection_label (
    incident_id      VARCHAR(36)      NOT NULL,
    sequence_number  BIGINT           NOT NULL,
    position         INTEGER          NOT NULL,
    label            VARCHAR          NOT NULL,
    entity           VARCHAR,
    confidence       DOUBLE PRECISION,
    CONSTRAINT pk_incident_detection_label PRIMARY KEY (incident_id, sequence_number, position)
);
