-- The post-incident review's follow-up (processing group incident-register): action items with an owner, a due date,
-- a status and the evidence that closed them; contributing factors; changes made to playbooks or procedures.
ALTER TABLE incident_review_action_item ADD COLUMN item_id VARCHAR(16);
ALTER TABLE incident_review_action_item ADD COLUMN owner VARCHAR(255);
ALTER TABLE incident_review_action_item ADD COLUMN due_date DATE;
ALTER TABLE incident_review_action_item ADD COLUMN status VARCHAR(16) DEFAULT 'OPEN' NOT NULL;
ALTER TABLE incident_review_action_item ADD COLUMN evidence VARCHAR(10000);
ALTER TABLE incident_review_action_item ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident_review_action_item ADD COLUMN closed_by VARCHAR(255);
UPDATE incident_review_action_item SET item_id = 'A' || CAST(position + 1 AS VARCHAR(10));

CREATE TABLE incident_review_factor (
    incident_id VARCHAR(36)    NOT NULL,
    position    INTEGER        NOT NULL,
    factor      VARCHAR(10000) NOT NULL,
    CONSTRAINT pk_incident_review_factor PRIMARY KEY (incident_id, position)
);

CREATE TABLE incident_procedure_change (
    incident_id  VARCHAR(36)    NOT NULL,
    position     INTEGER        NOT NULL,
    description  VARCHAR(10000) NOT NULL,
    reference    VARCHAR(2000),
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by  VARCHAR(255)   NOT NULL,
    CONSTRAINT pk_incident_procedure_change PRIMARY KEY (incident_id, position)
);
