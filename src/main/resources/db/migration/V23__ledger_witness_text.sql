-- What a witness sends is not bounded by the API: a checkpoint it holds may carry many signatures, and an error may
-- quote its answer. Evidence of a split view must never be refused for its length, so these texts are unbounded
-- (VARCHAR without a length, as in V16).

ALTER TABLE ledger_witness_conflict ALTER COLUMN witness_note SET DATA TYPE VARCHAR;
ALTER TABLE ledger_witness_conflict ALTER COLUMN detail SET DATA TYPE VARCHAR;
ALTER TABLE ledger_witness ALTER COLUMN last_error SET DATA TYPE VARCHAR;
ALTER TABLE ledger_cosignature ALTER COLUMN line SET DATA TYPE VARCHAR;
