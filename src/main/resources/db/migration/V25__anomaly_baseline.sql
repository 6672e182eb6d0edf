-- The outflow-anomaly rule's baselines (docs/anomalies.md, "Restart"): one row per subject (chain/sender/asset), its
-- window history and current window as the rule serialises them, saved periodically and at shutdown and read back at
-- start. A cache of what the rule has seen, not a record: rows are replaced and deleted.

CREATE TABLE anomaly_baseline (
    rule_id   VARCHAR(128) NOT NULL,
    subject   VARCHAR(400) NOT NULL,
    state     BYTEA        NOT NULL,
    saved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_anomaly_baseline PRIMARY KEY (rule_id, subject)
);
