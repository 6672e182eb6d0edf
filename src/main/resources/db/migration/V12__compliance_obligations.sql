-- The compliance register and reporting obligations, built by the compliance-obligations projection from the
-- incident's events only. The stored parts do not depend on the wall clock: statuses that do (pending, due soon,
-- missed) are derived at read time (docs/compliance-obligations.md).

-- processing group compliance-obligations
CREATE TABLE compliance_register (
    incident_id         VARCHAR(36)  NOT NULL,
    title               VARCHAR(200) NOT NULL,
    category            VARCHAR(40)  NOT NULL,
    severity            VARCHAR(20)  NOT NULL,
    status              VARCHAR(20)  NOT NULL,
    occurred_at         TIMESTAMP WITH TIME ZONE,
    detected_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the latest AwarenessRecorded; while none is recorded, detected_at is the awareness
    aware_recorded_at   TIMESTAMP WITH TIME ZONE,
    gdpr_classified_at  TIMESTAMP WITH TIME ZONE,
    gdpr_high_risk      BOOLEAN      NOT NULL,
    nis2_classified_at  TIMESTAMP WITH TIME ZONE,
    dora_classified_at  TIMESTAMP WITH TIME ZONE,
    hipaa_discovered_at TIMESTAMP WITH TIME ZONE,
    nydfs_determined_at TIMESTAMP WITH TIME ZONE,
    -- the latest materiality determination, and whether it found the incident material
    materiality_at      TIMESTAMP WITH TIME ZONE,
    material            BOOLEAN,
    extortion_paid_at   TIMESTAMP WITH TIME ZONE,
    -- comma-separated Regime names as assessed for the incident; NULL while not assessed
    assessed_regimes    VARCHAR(200),
    contained_at        TIMESTAMP WITH TIME ZONE,
    resolved_at         TIMESTAMP WITH TIME ZONE,
    closed_at           TIMESTAMP WITH TIME ZONE,
    reported_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT pk_compliance_register PRIMARY KEY (incident_id)
);

CREATE INDEX ix_compliance_register_detected ON compliance_register (detected_at DESC, incident_id);

CREATE TABLE compliance_hipaa_affected (
    incident_id VARCHAR(36)  NOT NULL,
    state       VARCHAR(100) NOT NULL,
    people      INTEGER      NOT NULL,
    CONSTRAINT pk_compliance_hipaa_affected PRIMARY KEY (incident_id, state)
);

CREATE TABLE compliance_submission (
    incident_id         VARCHAR(36)   NOT NULL,
    sequence_number     BIGINT        NOT NULL,
    stage               VARCHAR(40)   NOT NULL,
    submitted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    authority_reference VARCHAR(2000),
    report_sha256       VARCHAR(64),
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by         VARCHAR(255),
    CONSTRAINT pk_compliance_submission PRIMARY KEY (incident_id, sequence_number)
);

CREATE TABLE compliance_obligation (
    incident_id  VARCHAR(36) NOT NULL,
    stage        VARCHAR(40) NOT NULL,
    regime       VARCHAR(20) NOT NULL,
    stage_order  INTEGER     NOT NULL,
    anchor       VARCHAR(50) NOT NULL,
    anchored_at  TIMESTAMP WITH TIME ZONE,
    due_at       TIMESTAMP WITH TIME ZONE,
    grace_until  TIMESTAMP WITH TIME ZONE,
    -- the earliest submission, the one judged
    submitted_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_compliance_obligation PRIMARY KEY (incident_id, stage)
);

CREATE INDEX ix_compliance_obligation_due ON compliance_obligation (due_at, incident_id, stage_order);
