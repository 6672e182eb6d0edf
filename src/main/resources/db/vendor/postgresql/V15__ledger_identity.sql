-- The identity of the log this database holds (docs/operations.md, "The witness"): one row, a random id the
-- application creates at its first start on this database. The witness file outside the database names the log it
-- witnessed by this id, so that a witness kept while the database was replaced is told apart from a cut log.
-- H2 has the same table (db/vendor/h2/V15__ledger_identity.sql); here it is append-only like the ledger.

CREATE TABLE ledger_identity (
    id         INTEGER     NOT NULL,
    log_id     VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ledger_identity PRIMARY KEY (id),
    CONSTRAINT ck_ledger_identity_one_row CHECK (id = 1)
);

CREATE TRIGGER ledger_identity_append_only
    BEFORE UPDATE OR DELETE ON ledger_identity
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_identity_no_truncate
    BEFORE TRUNCATE ON ledger_identity
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
