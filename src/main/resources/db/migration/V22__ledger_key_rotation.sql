-- The log's signing key can be rotated (docs/ledger-keys.md). Which key was current for which checkpoint the ledger's
-- own LedgerKeyRotated events say; each checkpoint also records the verifier key that signed it, for readers of the
-- table. Null on checkpoints signed before this migration: those were all signed by the log's first key.
-- (On PostgreSQL ledger_checkpoint stays append-only: adding a column changes no row.)

ALTER TABLE ledger_checkpoint ADD COLUMN verifier_key VARCHAR(400);
