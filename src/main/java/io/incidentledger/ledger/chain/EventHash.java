package io.incidentledger.ledger.chain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash that links each stored event to its predecessor in the same aggregate (docs/ledger-format.md, "Event
 * hash"): SHA-256 over a domain-separation tag, then every stored column in a fixed order, each length-prefixed,
 * then the predecessor's hash. The first event of an aggregate chains to {@link #GENESIS}.
 *
 * <p>Strings are UTF-8 with a 4-byte big-endian length; an absent (NULL) value has length {@code 0xFFFFFFFF} and no
 * bytes, so that null and empty differ. The sequence number is 8 bytes big-endian.
 */
public final class EventHash {

    /** The predecessor hash of every aggregate's first event: 32 zero bytes. */
    public static final byte[] GENESIS = new byte[32];

    static final byte[] TAG = "incident-ledger/event/v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int ABSENT = 0xFFFFFFFF;

    private EventHash() {
    }

    /** The entry hash of an event with these stored columns whose predecessor has {@code previousHash}. */
    public static byte[] of(StoredEvent event, byte[] previousHash) {
        return of(event.eventIdentifier(), event.aggregateIdentifier(), event.type(), event.sequenceNumber(),
                event.timeStamp(), event.payloadType(), event.payloadRevision(), event.payload(),
                event.metaData(), previousHash);
    }

    public static byte[] of(String eventIdentifier, String aggregateIdentifier, String type, long sequenceNumber,
                            String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                            byte[] metaData, byte[] previousHash) {
        if (previousHash == null || previousHash.length != 32) {
            throw new IllegalArgumentException("the previous hash must be 32 bytes");
        }
        ByteArrayOutputStream input = new ByteArrayOutputStream(256 + lengthOf(payload) + lengthOf(metaData));
        input.writeBytes(TAG);
        text(input, eventIdentifier);
        text(input, aggregateIdentifier);
        text(input, type);
        input.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(sequenceNumber).array());
        text(input, timeStamp);
        text(input, payloadType);
        text(input, payloadRevision);
        bytes(input, payload);
        bytes(input, metaData);
        input.writeBytes(previousHash);
        return sha256(input.toByteArray());
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void text(ByteArrayOutputStream out, String value) {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? ABSENT : value.length).array());
        if (value != null) {
            out.writeBytes(value);
        }
    }

    private static int lengthOf(byte[] value) {
        return value == null ? 0 : value.length;
    }
}
