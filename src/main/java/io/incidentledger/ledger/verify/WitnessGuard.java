package io.incidentledger.ledger.verify;

import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import io.incidentledger.ledger.LedgerProperties;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.LedgerKeyring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Ties the witness file to the log it witnessed, once at start-up and before anything is verified.
 *
 * <p>The database holds the identity of its log ({@code ledger_identity}: a random id, recorded at the first start
 * on that database); the witness file names the log it belongs to. When they differ, the database was replaced while
 * the witness was kept (H2 then PostgreSQL, a database container recreated with the data volume kept): an operator's
 * mistake, not tampering. The service then refuses to start with a message naming both logs and the two ways
 * forward, instead of reporting the new log as a truncated one. It never accepts another log by itself: only
 * {@code incident-ledger.ledger.accept-log-id} naming the database's log does, and that is logged.
 *
 * <p>A log cut short under its own identity is not this class's business: the identities agree, and the verifier
 * reports the log as truncated against the witnessed checkpoint, as tampering.
 *
 * <p>Upgrades: a witness file from before identities names no log. It is adopted for the database's log when that
 * log verifiably contains the witnessed checkpoint (the same root at its size); otherwise the service refuses to
 * start in the same way. A database without an identity row whose log contains the witness's checkpoint gets the
 * witness's identity back.
 */
@Component
public class WitnessGuard {

    static final String ACCEPT_SETTING = "incident-ledger.ledger.accept-log-id";
    static final String ACCEPT_VARIABLE = "INCIDENT_LEDGER_ACCEPT_LOG_ID";
    private static final Logger log = LoggerFactory.getLogger(WitnessGuard.class);

    private final JdbcTemplate jdbc;
    private final LedgerLog ledgerLog;
    private final WitnessFile witnessFile;
    private final Clock clock;
    private final String logId;

    public WitnessGuard(JdbcTemplate jdbc, LedgerLog ledgerLog, LedgerKeyring ledgerKeyring,
                        LedgerProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.ledgerLog = ledgerLog;
        this.witnessFile = new WitnessFile(properties.witnessFile(), ledgerKeyring::verifyAnyKey);
        this.clock = clock;
        this.logId = check(blankToNull(properties.acceptLogId()));
    }

    /** The identity of the log in this database, which the witness file belongs to from now on. */
    public String logId() {
        return logId;
    }

    private String check(String accept) {
        Optional<WitnessFile.Witness> witness = witnessFile.read();
        Identity identity = storedIdentity().orElseGet(() -> createIdentity(witness));
        if (witness.isEmpty() || identity.logId().equals(witness.get().logId())) {
            noteUnusedAcceptSetting(accept, identity.logId());
            return identity.logId();
        }
        WitnessFile.Witness witnessed = witness.get();
        boolean contained = contains(witnessed.checkpoint());
        if (witnessed.logId() == null && contained) {
            witnessFile.write(identity.logId(), witnessed.note());
            log.info("The ledger witness file {} (from before logs had identities) witnessed a checkpoint of {} "
                    + "that log {} in this database contains: it now names that log", witnessFile.path(),
                    leaves(witnessed.checkpoint().treeSize()), identity.logId());
            return identity.logId();
        }
        if (witnessed.logId() != null && contained) {
            throw relabelled(witnessed, identity);
        }
        if (identity.logId().equals(accept)) {
            Path aside = witnessFile.setAside(witnessed.logId());
            log.warn("Accepting log {} in this database as the ledger's log in place of the witnessed {} (checkpoint "
                    + "of {}), because {} names it. The old witness file is kept as {}; the verifier witnesses "
                    + "log {} from its first intact pass. Remove the setting.", identity.logId(),
                    witnessed.logId() == null ? "log of unknown identity" : "log " + witnessed.logId(),
                    leaves(witnessed.checkpoint().treeSize()), ACCEPT_SETTING, aside, identity.logId());
            return identity.logId();
        }
        throw mismatch(witnessed, identity, accept);
    }

    private void noteUnusedAcceptSetting(String accept, String databaseLogId) {
        if (accept == null) {
            return;
        }
        if (accept.equals(databaseLogId)) {
            log.info("{} names log {}, which the witness already follows: the setting can be removed",
                    ACCEPT_SETTING, accept);
        } else {
            log.warn("{} names log {}, but this database holds log {} and nothing needs accepting: ignored; remove it",
                    ACCEPT_SETTING, accept, databaseLogId);
        }
    }

    private LogMismatchException mismatch(WitnessFile.Witness witnessed, Identity identity, String accept) {
        long witnessedSize = witnessed.checkpoint().treeSize();
        long size = ledgerLog.size();
        String databaseLog = "    this database: " + databaseDescription() + ", log " + identity.logId() + " (created "
                + identity.createdAt() + "), " + leaves(size) + "; "
                + (size < witnessedSize ? "it does not contain that checkpoint (it is shorter)"
                : "it does not contain that checkpoint (its first " + witnessedSize + " leaves have another root)");
        String description;
        String restore;
        if (witnessed.logId() == null) {
            description = "The ledger witness file " + witnessFile.path() + " was written before logs had identities, "
                    + "and the log in this database does not contain the checkpoint it witnessed.\n"
                    + "    witnessed log: of unknown identity, its newest verified checkpoint has "
                    + leaves(witnessedSize) + "\n" + databaseLog + "\n"
                    + "If this is the database the witness was written for, its log was cut or rewritten since: treat "
                    + "that as a security incident. If the database was replaced while the data directory was kept, "
                    + "this is the expected outcome. Nothing was reported as tampering and the witness file is "
                    + "unchanged.";
            restore = "start with the database whose log contains the witnessed checkpoint (restore it)";
        } else {
            description = "The ledger witness file " + witnessFile.path() + " belongs to another log than the one in "
                    + "this database.\n"
                    + "    witnessed log: " + witnessed.logId() + ", its newest verified checkpoint has "
                    + leaves(witnessedSize) + "\n" + databaseLog + "\n"
                    + "This is what happens when the database is replaced while the data directory is kept (H2 "
                    + "and then PostgreSQL, or a database container recreated with the ledger volume kept); a log "
                    + "rebuilt or rewritten behind the service's back looks the same, so accept the new log only if "
                    + "you know the database was replaced. Nothing was reported as tampering and the witness file is "
                    + "unchanged.";
            restore = "start with the database that holds log " + witnessed.logId() + " (restore it)";
        }
        if (accept != null) {
            description += "\n" + ACCEPT_SETTING + " names log " + accept + ", not this database's log: it accepts "
                    + "nothing.";
        }
        String action = "Either " + restore + ", or accept log " + identity.logId()
                + " as the ledger's log from now on: "
                + "start once with " + ACCEPT_SETTING + "=" + identity.logId() + " (environment variable "
                + ACCEPT_VARIABLE + "). The old witness file is then kept as "
                + witnessFile.setAsidePath(witnessed.logId()) + " and the verifier witnesses log " + identity.logId()
                + " from its first intact pass.";
        return new LogMismatchException(description, action);
    }

    /**
     * The witnessed history is in this database under another identity: no replacement of a database does that (a
     * copy or a restore keeps the identity row, a log recorded afresh gets the witness's identity when it contains the
     * checkpoint), only a rewrite of the identity row does, which the append-only rules refuse. Not an operator's
     * mistake to accept, so nothing is offered to accept it.
     */
    private LogMismatchException relabelled(WitnessFile.Witness witnessed, Identity identity) {
        String description = "The log in this database contains the checkpoint the ledger witness file "
                + witnessFile.path() + " witnessed, but under another identity.\n"
                + "    witnessed log: " + witnessed.logId() + ", its newest verified checkpoint has "
                + leaves(witnessed.checkpoint().treeSize()) + "\n"
                + "    this database: " + databaseDescription() + ", log " + identity.logId() + " (recorded "
                + identity.createdAt() + "), " + leaves(ledgerLog.size()) + "\n"
                + "Replacing or restoring a database does not do this: the identity of its log was rewritten, which "
                + "the append-only rules of the ledger's tables refuse. Treat it as a security incident.";
        String action = "Find out who changed ledger_identity and why; restore the database from a backup taken "
                + "before the change. " + ACCEPT_SETTING + " does not accept a log in this state.";
        return new LogMismatchException(description, action);
    }

    /** Whether the stored log produces the witnessed checkpoint's root at its size: the same history, maybe longer. */
    private boolean contains(Checkpoint witnessed) {
        if (ledgerLog.size() < witnessed.treeSize()) {
            return false;
        }
        try {
            return Arrays.equals(ledgerLog.root(witnessed.treeSize()), witnessed.rootHash());
        } catch (RuntimeException missingNode) {
            return false;
        }
    }

    private record Identity(String logId, Instant createdAt) {
    }

    private Optional<Identity> storedIdentity() {
        return jdbc.query("SELECT log_id, created_at FROM ledger_identity WHERE id = 1",
                (row, index) -> new Identity(row.getString(1), row.getObject(2, OffsetDateTime.class).toInstant()))
                .stream().findFirst();
    }

    /**
     * Records the identity of the log in a database that has none yet: a new database, or one from before
     * identities. A log that contains the witnessed checkpoint is the witnessed log and keeps its identity.
     */
    private Identity createIdentity(Optional<WitnessFile.Witness> witness) {
        String logId = witness.filter(witnessed -> witnessed.logId() != null)
                .filter(witnessed -> contains(witnessed.checkpoint()))
                .map(WitnessFile.Witness::logId)
                .orElseGet(() -> UUID.randomUUID().toString());
        try {
            jdbc.update("INSERT INTO ledger_identity (id, log_id, created_at) VALUES (1, ?, ?)", logId,
                    clock.instant().atOffset(ZoneOffset.UTC));
            log.info("The ledger's log in this database is log {} (recorded now)", logId);
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            // nodes starting together on a new database: the first one's identity holds for all
        }
        return storedIdentity().orElseThrow();
    }

    /** The database's JDBC URL without options or credentials, for the operator to recognise it. */
    private String databaseDescription() {
        try {
            String url = JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(), DatabaseMetaData::getURL);
            String plain = url.split("[?;]", 2)[0];
            return plain.replaceFirst("//[^/@]*@", "//");
        } catch (MetaDataAccessException | RuntimeException unknown) {
            return "the configured database";
        }
    }

    private static String leaves(long count) {
        return count + (count == 1 ? " leaf" : " leaves");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
