package io.incidentledger.ledger.keys;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.ledger.api.LedgerKeyRotated;
import io.incidentledger.ledger.api.LedgerSigningKeyId;
import io.incidentledger.ledger.api.RotateLedgerKey;
import io.incidentledger.ledger.log.NoteVerifier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The log's signing key, as the history of its rotations: created by the first rotation (until then the log signs
 * with its first key, which needs no event). Each rotation retires the current key for good and names the key that
 * signs every later checkpoint. A key is never current twice, and a rotation that names another current key than
 * the one recorded lost a race with another rotation and is refused.
 */
@Aggregate
public class LedgerSigningKey {

    /** A reason is printable text: no control characters, which would make logs and lists misleading. */
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");

    @AggregateIdentifier
    private LedgerSigningKeyId keyId;
    private String currentKey;
    private long lastTreeSize = -1;
    private final Set<String> usedKeys = new HashSet<>();

    protected LedgerSigningKey() {
        // required by Axon to rebuild the key's history from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RotateLedgerKey command) {
        String reason = checkedReason(command.reason());
        NoteVerifier oldKey = verifierKey(command.oldVerifierKey(), "oldVerifierKey");
        NoteVerifier newKey = verifierKey(command.newVerifierKey(), "newVerifierKey");
        if (!oldKey.keyName().equals(newKey.keyName())) {
            throw CommandRefusedException.invalid("key-name-changed", "the new key must have the old key's name "
                    + oldKey.keyName());
        }
        if (currentKey != null && !currentKey.equals(oldKey.verifierKey())) {
            throw CommandRefusedException.conflict("ledger-key-changed", "the log's current key is no longer the "
                    + "one this rotation retires: another rotation came first");
        }
        if (newKey.verifierKey().equals(oldKey.verifierKey()) || usedKeys.contains(newKey.verifierKey())) {
            throw CommandRefusedException.invalid("ledger-key-reused", "a rotation needs a key the log never used");
        }
        if (command.treeSize() < 0 || command.treeSize() <= lastTreeSize) {
            throw CommandRefusedException.invalid("invalid-tree-size", "a rotation is at a tree size after the "
                    + "previous rotation's (" + lastTreeSize + "), not " + command.treeSize());
        }
        apply(new LedgerKeyRotated(command.keyId(), oldKey.verifierKey(), newKey.verifierKey(), command.treeSize(),
                reason, command.rotatedAt()));
    }

    @EventSourcingHandler
    void on(LedgerKeyRotated event) {
        keyId = event.keyId();
        usedKeys.add(event.oldVerifierKey());
        usedKeys.add(event.newVerifierKey());
        currentKey = event.newVerifierKey();
        lastTreeSize = event.treeSize();
    }

    /**
     * The reason, stripped: 1 to {@link RotateLedgerKey#REASON_LENGTH} characters without control characters.
     *
     * @throws CommandRefusedException if it is not
     */
    static String checkedReason(String given) {
        String reason = given == null ? "" : given.strip();
        if (reason.isEmpty() || reason.length() > RotateLedgerKey.REASON_LENGTH
                || !PRINTABLE.matcher(reason).matches()) {
            throw CommandRefusedException.invalid("invalid-reason", "a rotation gives a reason of 1 to "
                    + RotateLedgerKey.REASON_LENGTH + " characters without control characters");
        }
        return reason;
    }

    private static NoteVerifier verifierKey(String key, String field) {
        try {
            return new NoteVerifier(key == null ? "" : key);
        } catch (IllegalArgumentException e) {
            throw CommandRefusedException.invalid("invalid-verifier-key", field + " is not a verifier key");
        }
    }
}
