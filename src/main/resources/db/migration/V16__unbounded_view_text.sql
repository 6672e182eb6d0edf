-- Views hold whatever the events hold. A text column narrower than what a command accepted made a projection fail on
-- the event ("value too long") and leave the record out of its view, while the API had answered 201. Free text in the
-- views is therefore unbounded (VARCHAR without a length: unlimited on PostgreSQL, 1,000,000,000 characters on H2);
-- the limits on what is accepted are the API's, defined once (io.incidentledger.common.Limits). Columns that stay
-- bounded are keys, indexed values and names of enums, each at least as wide as the limit the API enforces for it
-- (checked by ViewColumnsTest on H2 and PostgreSQL).


ALTER TABLE incident_register ALTER COLUMN title SET DATA TYPE VARCHAR;
ALTER TABLE incident_register ALTER COLUMN description SET DATA TYPE VARCHAR;
ALTER TABLE incident_register ALTER COLUMN resolution_summary SET DATA TYPE VARCHAR;
ALTER TABLE incident_register ALTER COLUMN dismissal_reason SET DATA TYPE VARCHAR;
ALTER TABLE incident_register ALTER COLUMN reported_by SET DATA TYPE VARCHAR;

ALTER TABLE incident_affected_asset ALTER COLUMN identifier SET DATA TYPE VARCHAR;
ALTER TABLE incident_affected_asset ALTER COLUMN chain SET DATA TYPE VARCHAR;

ALTER TABLE incident_assignee ALTER COLUMN assigned_by SET DATA TYPE VARCHAR;

ALTER TABLE incident_evidence ALTER COLUMN name SET DATA TYPE VARCHAR;
ALTER TABLE incident_evidence ALTER COLUMN location SET DATA TYPE VARCHAR;
ALTER TABLE incident_evidence ALTER COLUMN description SET DATA TYPE VARCHAR;
ALTER TABLE incident_evidence ALTER COLUMN attached_by SET DATA TYPE VARCHAR;

ALTER TABLE incident_containment_action ALTER COLUMN target_identifier SET DATA TYPE VARCHAR;
ALTER TABLE incident_containment_action ALTER COLUMN target_chain SET DATA TYPE VARCHAR;
ALTER TABLE incident_containment_action ALTER COLUMN description SET DATA TYPE VARCHAR;
ALTER TABLE incident_containment_action ALTER COLUMN recorded_by SET DATA TYPE VARCHAR;

ALTER TABLE incident_review ALTER COLUMN root_cause SET DATA TYPE VARCHAR;
ALTER TABLE incident_review ALTER COLUMN lessons_learned SET DATA TYPE VARCHAR;
ALTER TABLE incident_review ALTER COLUMN recorded_by SET DATA TYPE VARCHAR;

ALTER TABLE incident_review_action_item ALTER COLUMN description SET DATA TYPE VARCHAR;
ALTER TABLE incident_review_action_item ALTER COLUMN owner SET DATA TYPE VARCHAR;
ALTER TABLE incident_review_action_item ALTER COLUMN evidence SET DATA TYPE VARCHAR;
ALTER TABLE incident_review_action_item ALTER COLUMN closed_by SET DATA TYPE VARCHAR;

ALTER TABLE incident_review_factor ALTER COLUMN factor SET DATA TYPE VARCHAR;

ALTER TABLE incident_procedure_change ALTER COLUMN description SET DATA TYPE VARCHAR;
ALTER TABLE incident_procedure_change ALTER COLUMN reference SET DATA TYPE VARCHAR;
ALTER TABLE incident_procedure_change ALTER COLUMN recorded_by SET DATA TYPE VARCHAR;

ALTER TABLE incident_timeline ALTER COLUMN event_type SET DATA TYPE VARCHAR;
ALTER TABLE incident_timeline ALTER COLUMN summary SET DATA TYPE VARCHAR;
ALTER TABLE incident_timeline ALTER COLUMN actor SET DATA TYPE VARCHAR;
ALTER TABLE incident_timeline ALTER COLUMN actor_roles SET DATA TYPE VARCHAR;

ALTER TABLE incident_detection ALTER COLUMN source SET DATA TYPE VARCHAR;
ALTER TABLE incident_detection ALTER COLUMN source_alert_id SET DATA TYPE VARCHAR;
ALTER TABLE incident_detection ALTER COLUMN name SET DATA TYPE VARCHAR;
ALTER TABLE incident_detection ALTER COLUMN description SET DATA TYPE VARCHAR;
ALTER TABLE incident_detection ALTER COLUMN native_severity SET DATA TYPE VARCHAR;
ALTER TABLE incident_detection ALTER COLUMN chain_id SET DATA TYPE VARCHAR;
ALTER TABLE incident_detection ALTER COLUMN addresses SET DATA TYPE VARCHAR;
ALTER TABLE incident_detection ALTER COLUMN transactions SET DATA TYPE VARCHAR;
ALTER TABLE incident_detection ALTER COLUMN correlation_key SET DATA TYPE VARCHAR;
ALTER TABLE incident_detection ALTER COLUMN rule_id SET DATA TYPE VARCHAR;
ALTER TABLE incident_detection ALTER COLUMN rule_version SET DATA TYPE VARCHAR;

ALTER TABLE asset_register ALTER COLUMN contract_name SET DATA TYPE VARCHAR;
ALTER TABLE asset_register ALTER COLUMN asset SET DATA TYPE VARCHAR;
ALTER TABLE asset_register ALTER COLUMN venue SET DATA TYPE VARCHAR;
ALTER TABLE asset_register ALTER COLUMN description SET DATA TYPE VARCHAR;
ALTER TABLE asset_register ALTER COLUMN step_id SET DATA TYPE VARCHAR;
ALTER TABLE asset_register ALTER COLUMN successor SET DATA TYPE VARCHAR;
ALTER TABLE asset_register ALTER COLUMN registered_by SET DATA TYPE VARCHAR;

ALTER TABLE asset_history ALTER COLUMN event_type SET DATA TYPE VARCHAR;
ALTER TABLE asset_history ALTER COLUMN step_id SET DATA TYPE VARCHAR;
ALTER TABLE asset_history ALTER COLUMN reason SET DATA TYPE VARCHAR;
ALTER TABLE asset_history ALTER COLUMN external_reference SET DATA TYPE VARCHAR;
ALTER TABLE asset_history ALTER COLUMN actor SET DATA TYPE VARCHAR;

ALTER TABLE alerting_incident ALTER COLUMN title SET DATA TYPE VARCHAR;

ALTER TABLE alerting_containment_step ALTER COLUMN target_identifier SET DATA TYPE VARCHAR;
ALTER TABLE alerting_containment_step ALTER COLUMN target_chain SET DATA TYPE VARCHAR;
ALTER TABLE alerting_containment_step ALTER COLUMN playbook SET DATA TYPE VARCHAR;

ALTER TABLE notification_outbox ALTER COLUMN recipient SET DATA TYPE VARCHAR;
ALTER TABLE notification_outbox ALTER COLUMN title SET DATA TYPE VARCHAR;
ALTER TABLE notification_outbox ALTER COLUMN summary SET DATA TYPE VARCHAR;
ALTER TABLE notification_outbox ALTER COLUMN last_error SET DATA TYPE VARCHAR;

ALTER TABLE containment_step ALTER COLUMN playbook SET DATA TYPE VARCHAR;
ALTER TABLE containment_step ALTER COLUMN target_identifier SET DATA TYPE VARCHAR;
ALTER TABLE containment_step ALTER COLUMN target_chain SET DATA TYPE VARCHAR;
ALTER TABLE containment_step ALTER COLUMN reason SET DATA TYPE VARCHAR;
ALTER TABLE containment_step ALTER COLUMN requested_by SET DATA TYPE VARCHAR;
ALTER TABLE containment_step ALTER COLUMN decided_by SET DATA TYPE VARCHAR;
ALTER TABLE containment_step ALTER COLUMN decision_note SET DATA TYPE VARCHAR;
ALTER TABLE containment_step ALTER COLUMN last_error SET DATA TYPE VARCHAR;
ALTER TABLE containment_step ALTER COLUMN adapter SET DATA TYPE VARCHAR;
ALTER TABLE containment_step ALTER COLUMN external_reference SET DATA TYPE VARCHAR;

ALTER TABLE compliance_access_log ALTER COLUMN reader_roles SET DATA TYPE VARCHAR;

ALTER TABLE compliance_register ALTER COLUMN title SET DATA TYPE VARCHAR;

ALTER TABLE compliance_submission ALTER COLUMN authority_reference SET DATA TYPE VARCHAR;
ALTER TABLE compliance_submission ALTER COLUMN recorded_by SET DATA TYPE VARCHAR;
