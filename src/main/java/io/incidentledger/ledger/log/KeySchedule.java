package io.incidentledger.ledger.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which of the log's keys signs which checkpoints, as the ledger's own rotation events say: the first key signs every
 * tree size up to the first rotation's, each rotation's new key the sizes after it, up to the next rotation's. A
 * retired key signs nothing after its rotation.
 *
 * @param firstKey  the verifier key of the key that signed the log's first checkpoints
 * @param rotations the rotations, in the order they were recorded
 */
public record KeySchedule(String firstKey, List<Rotation> rotations) {

    public KeySchedule {
        Objects.requireNonNull(firstKey, "firstKey");
        rotations = List.copyOf(rotations);
    }

    /**
     * One rotation, from the ledger event that recorded it.
     *
     * @param treeSize    the size of the last checkpoint the old key signs; the new key signs every larger size
     * @param globalIndex where the event is in the store
     */
    public record Rotation(String oldVerifierKey, String newVerifierKey, long treeSize, String reason,
                           Instant rotatedAt, long globalIndex) {
    }

    /**
     * The tree sizes one key signs: from {@code firstTreeSize} to {@code lastTreeSize}, or on while it is the current
     * key ({@code lastTreeSize} null). {@code since} is the rotation that made it current (null for the first key),
     * {@code retiredBy} the one that retired it.
     */
    public record Period(String verifierKey, long firstTreeSize, Long lastTreeSize, Rotation since,
                         Rotation retiredBy) {

        public boolean covers(long treeSize) {
            return treeSize >= firstTreeSize && (lastTreeSize == null || treeSize <= lastTreeSize);
        }

        /** The sizes, in words: "0 to 812" or "813 on". */
        public String range() {
            return firstTreeSize + (lastTreeSize == null ? " on" : " to " + lastTreeSize);
        }
    }

    /** The key of a log that has never been rotated. */
    public static KeySchedule of(String firstKey) {
        return new KeySchedule(firstKey, List.of());
    }

    /** The key that signs the next checkpoint. */
    public String current() {
        return rotations.isEmpty() ? firstKey : rotations.get(rotations.size() - 1).newVerifierKey();
    }

    /** The key that must have signed the checkpoint of this tree size. */
    public String keyFor(long treeSize) {
        return periods().stream().filter(period -> period.covers(treeSize)).findFirst()
                .map(Period::verifierKey).orElse(firstKey);
    }

    /** Every key, oldest first, with the tree sizes it signs. */
    public List<Period> periods() {
        List<Period> periods = new ArrayList<>(rotations.size() + 1);
        String key = firstKey;
        long from = 0;
        Rotation since = null;
        for (Rotation rotation : rotations) {
            periods.add(new Period(key, from, rotation.treeSize(), since, rotation));
            key = rotation.newVerifierKey();
            from = rotation.treeSize() + 1;
            since = rotation;
        }
        periods.add(new Period(key, from, null, since, null));
        return periods;
    }

    /**
     * What makes this schedule impossible for a log that only ever rotated through its own command: a rotation away
     * from a key that was not current, a key used twice, tree sizes that do not grow. Empty when there is nothing.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<String> used = new HashSet<>(Set.of(firstKey));
        String current = firstKey;
        long lastSize = -1;
        for (Rotation rotation : rotations) {
            String where = "the rotation at global index " + rotation.globalIndex();
            if (!rotation.oldVerifierKey().equals(current)) {
                problems.add(where + " retires key " + keyId(rotation.oldVerifierKey()) + ", but the current key was "
                        + keyId(current));
            }
            if (!used.add(rotation.newVerifierKey())) {
                problems.add(where + " makes key " + keyId(rotation.newVerifierKey()) + " current again, which "
                        + "was already used");
            }
            if (rotation.treeSize() <= lastSize) {
                problems.add(where + " is at tree size " + rotation.treeSize() + ", not after the rotation before it ("
                        + lastSize + ")");
            }
            current = rotation.newVerifierKey();
            lastSize = rotation.treeSize();
        }
        return problems;
    }

    /** The key's name and ID, {@code <name>+<8 hex digits>}, the way signature lines name it. */
    public static String keyId(String verifierKey) {
        int second = verifierKey.indexOf('+', verifierKey.indexOf('+') + 1);
        return second < 0 ? verifierKey : verifierKey.substring(0, second);
    }
}
