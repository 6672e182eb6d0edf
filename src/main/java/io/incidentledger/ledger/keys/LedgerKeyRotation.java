package io.incidentledger.ledger.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Instants;
import io.incidentledger.ledger.api.LedgerSigningKeyId;
import io.incidentledger.ledger.api.RotateLedgerKey;
import io.incidentledger.ledger.log.LedgerKeyring;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.ledger.log.NoteSigner;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotates the log's signing key (docs/operations.md, "Rotating the signing key"): generates the new key and writes
 * it next to the old one, then, in one transaction holding the admitter's lock, admits every committed event, signs
 * a last checkpoint of them with the old key and records {@code LedgerKeyRotated} at that tree size. From the commit
 * on, every node signs with the new key, the first new checkpoint covering the rotation event itself; no checkpoint
 * can slip in between, because none is signed without the lock.
 *
 * <p>If the rotation fails after the key file was written, the file stays, unused: no event names it, so it signs
 * nothing.
 */
@Component
public class LedgerKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(LedgerKeyRotation.class);

    private final LedgerKeyring keyring;
    private final LogAdmitter admitter;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public LedgerKeyRotation(LedgerKeyring keyring, LogAdmitter admitter, CommandGateway commands, JdbcTemplate jdbc,
                             PlatformTransactionManager transactionManager, Clock clock) {
        this.keyring = keyring;
        this.admitter = admitter;
        this.commands = commands;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** What a rotation did: the retired and the new verifier key, and the last tree size the old key signed. */
    public record Rotated(String oldVerifierKey, String newVerifierKey, long treeSize, Instant rotatedAt) {
    }

    /**
     * Rotates the key; the caller's identity goes into the event's metadata.
     *
     * @throws CommandRefusedException if the reason is missing or too long (then nothing changed, no key was made), or
     *                                 the current key cannot sign here (then the unused new key file stays)
     */
    public synchronized Rotated rotate(String reason) {
        String checked = LedgerSigningKey.checkedReason(reason);
        NoteSigner next;
        try {
            next = keyring.createNext();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a new ledger signing key in " + keyring.directory(), e);
        }
        Instant rotatedAt = Instants.micros(clock.instant());
        Rotated rotated = transactions.execute(status -> {
            admitter.catchUpAndCheckpoint();
            long size = jdbc.queryForObject("SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM ledger_leaf", Long.class);
            Long signed = jdbc.queryForObject("SELECT MAX(tree_size) FROM ledger_checkpoint", Long.class);
            if (signed == null || signed != size) {
                throw CommandRefusedException.conflict("ledger-key-unavailable", "no last checkpoint could be signed "
                        + "with the current key (is its file in " + keyring.directory() + " on this node?): the key "
                        + "is not rotated");
            }
            String old = keyring.schedule(jdbc).current();
            commands.sendAndWait(new RotateLedgerKey(LedgerSigningKeyId.LEDGER, old, next.verifierKey(), size,
                    checked, rotatedAt));
            return new Rotated(old, next.verifierKey(), size, rotatedAt);
        });
        log.info("Rotated the ledger signing key: {} signed its last checkpoint at tree size {}; {} signs from now on",
                rotated.oldVerifierKey(), rotated.treeSize(), rotated.newVerifierKey());
        return rotated;
    }
}
