-- The leaves' unique index on event_identifier goes. Event identifiers are random UUIDs, so every admitted leaf wrote
-- to a random page of an index as large as the log: at ten million leaves that index, not the leaves, bounded
-- admission. Nothing needs it: a leaf is found by its event's global index (unique in both tables), the way the proof
-- endpoint now looks an event up, and the verifier checks that each leaf names the event stored at its global index.
ALTER TABLE ledger_leaf DROP CONSTRAINT uq_ledger_leaf_event;
