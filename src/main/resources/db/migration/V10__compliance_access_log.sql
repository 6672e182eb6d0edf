-- Who read which incident, and when: built by the compliance-access-log projection from the IncidentRead events
-- of the incidents' access logs (aggregates access-log:<incident id>). The events themselves are the record.
CREATE TABLE compliance_access_log (
    event_id        VARCHAR(36)   NOT NULL,
    incident_id     VARCHAR(36)   NOT NULL,
    sequence_number BIGINT        NOT NULL,
    view_name       VARCHAR(64)   NOT NULL,
    reader          VARCHAR(255)  NOT NULL,
    reader_type     VARCHAR(20),
    reader_roles    VARCHAR(255)  NOT NULL,
    read_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_compliance_access_log PRIMARY KEY (event_id)
);

CREATE INDEX ix_compliance_access_log_read ON compliance_access_log (read_at);
CREATE INDEX ix_compliance_access_log_incident ON compliance_access_log (incident_id, read_at);
CREATE INDEX ix_compliance_access_log_reader ON compliance_access_log (reader, read_at);
