-- The instants each incident's response metrics come from, built by the compliance-metrics projection from the
-- incident's events only: facts on the events (occurred, detected, contained, resolved) and event timestamps
-- (reported, acknowledged).
CREATE TABLE compliance_incident_metrics (
    incident_id      VARCHAR(36)  NOT NULL,
    severity         VARCHAR(20)  NOT NULL,
    highest_severity VARCHAR(20)  NOT NULL,
    occurred_at      TIMESTAMP WITH TIME ZONE,
    detected_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    reported_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at  TIMESTAMP WITH TIME ZONE,
    contained_at     TIMESTAMP WITH TIME ZONE,
    resolved_at      TIMESTAMP WITH TIME ZONE,
    dismissed        BOOLEAN      NOT NULL,
    CONSTRAINT pk_compliance_incident_metrics PRIMARY KEY (incident_id)
);

CREATE INDEX ix_compliance_incident_metrics_detected ON compliance_incident_metrics (detected_at);
